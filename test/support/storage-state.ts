import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';

/**
 * Everything the product keeps, as one comparable string: each table row's key and ETag and each
 * queue's message count. Logs that are meant to grow with every request (the audit of refusals,
 * conversation references, the bot's state) are left out by name, so "nothing changed" means no
 * agreement, session, record, agenda, notice, concern, escalation or queued job changed.
 */
export async function storageState(connectionString: string, options: { ignoreTables?: readonly string[] } = {}): Promise<string> {
  const ignore = new Set((options.ignoreTables ?? []).map((t) => t.toLowerCase()));
  const tableOptions = { allowInsecureConnection: true };
  const service = TableServiceClient.fromConnectionString(connectionString, tableOptions);
  const lines: string[] = [];
  for await (const table of service.listTables()) {
    const name = table.name ?? '';
    if (!name || ignore.has(name.toLowerCase())) continue;
    const client = TableClient.fromConnectionString(connectionString, name, tableOptions);
    for await (const row of client.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } })) lines.push(`${name}/${row.partitionKey}/${row.rowKey}@${row.etag}`);
  }
  const queues = QueueServiceClient.fromConnectionString(connectionString);
  for await (const queue of queues.listQueues()) {
    const properties = await queues.getQueueClient(queue.name).getProperties();
    lines.push(`queue ${queue.name}: ${properties.approximateMessagesCount ?? 0}`);
  }
  return lines.sort().join('\n');
}
