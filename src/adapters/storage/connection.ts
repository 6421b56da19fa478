import { TableClient, TableServiceClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { QueueServiceClient } from '@azure/storage-queue';
import { BlobServiceClient } from '@azure/storage-blob';

/**
 * Where the app's storage account is and how it is reached: by connection string (Azurite, a
 * developer's test account) or by the account's three https endpoints with a token credential (a
 * council's deployment: the web app's managed identity holds the Blob, Queue and Table data roles,
 * and the account has shared-key access off, so there is no key to hold).
 */
export type StorageTarget =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | { readonly kind: 'account'; readonly blobUrl: string; readonly queueUrl: string; readonly tableUrl: string; readonly credential: TokenCredential };

/** A bare string is a connection string (tests, the sandbox, `npm start`). */
export function storageTarget(target: StorageTarget | string): StorageTarget {
  return typeof target === 'string' ? { kind: 'connection-string', connectionString: target } : target;
}

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

export function createClients(where: StorageTarget | string, options: ClientOptions = {}): Clients {
  const target = storageTarget(where);
  const storageOptions = options.retries === undefined ? {} : { retryOptions: { maxTries: options.retries + 1 } };
  const tableRetry = options.retries === undefined ? {} : { retryOptions: { maxRetries: options.retries } };
  if (target.kind === 'account') {
    const tableUrl = target.tableUrl.replace(/\/+$/, '');
    return {
      blobService: new BlobServiceClient(target.blobUrl, target.credential, storageOptions),
      queueService: new QueueServiceClient(target.queueUrl, target.credential, storageOptions),
      tableService: new TableServiceClient(tableUrl, target.credential, tableRetry),
      table: (name) => new TableClient(tableUrl, name, target.credential, tableRetry),
    };
  }
  const { connectionString } = target;
  const tableOptions = { allowInsecureConnection: isInsecure(connectionString), ...tableRetry };
  return {
    blobService: BlobServiceClient.fromConnectionString(connectionString, storageOptions),
    queueService: QueueServiceClient.fromConnectionString(connectionString, storageOptions),
    tableService: TableServiceClient.fromConnectionString(connectionString, tableOptions),
    table: (name) => TableClient.fromConnectionString(connectionString, name, tableOptions),
  };
}
