import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';
import { BlobServiceClient } from '@azure/storage-blob';

/**
 * Azurite speaks plain HTTP, which the Tables SDK refuses unless told; a real account's
 * connection string is https and keeps the default.
 */
export function isInsecure(connectionString: string): boolean {
  return /DefaultEndpointsProtocol=http(;|$)/i.test(connectionString) || /Endpoint=http:\/\//i.test(connectionString) || /UseDevelopmentStorage=true/i.test(connectionString);
}

export interface Clients {
  blobService: BlobServiceClient;
  queueService: QueueServiceClient;
  tableService: TableServiceClient;
  table(name: string): TableClient;
}

export interface ClientOptions {
  /** Zero for a health probe: it must answer quickly, not keep retrying a dead endpoint. */
  retries?: number;
}

export function createClients(connectionString: string, options: ClientOptions = {}): Clients {
  const allowInsecureConnection = isInsecure(connectionString);
  const tableOptions = {
    allowInsecureConnection,
    ...(options.retries === undefined ? {} : { retryOptions: { maxRetries: options.retries } }),
  };
  const storageOptions = options.retries === undefined ? {} : { retryOptions: { maxTries: options.retries + 1 } };
  return {
    blobService: BlobServiceClient.fromConnectionString(connectionString, storageOptions),
    queueService: QueueServiceClient.fromConnectionString(connectionString, storageOptions),
    tableService: TableServiceClient.fromConnectionString(connectionString, tableOptions),
    table: (name) => TableClient.fromConnectionString(connectionString, name, tableOptions),
  };
}
