/**
 * Bot Framework conversation and user state in the same storage account as everything else
 * (Azurite locally), reached the same way (connection string, or account URL and token).
 */
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { storageTarget, type StorageTarget } from '../storage/index.js';

/**
 * BlobsStorage writes with If-Match when a state item carries an eTag, so two instances
 * handling turns of one conversation cannot silently overwrite each other's state. It creates
 * the container itself on first use.
 */
export function createConversationStorage(where: StorageTarget | string, container: string): BlobsStorage {
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container)) {
    throw new Error(`conversation state container "${container}" must be 3–63 lowercase letters, digits or single hyphens`);
  }
  const target = storageTarget(where);
  if (target.kind === 'account') {
    const containerUrl = `${target.blobUrl.replace(/\/+$/, '')}/${container}`;
    return new BlobsStorage('', container, undefined, containerUrl, target.credential);
  }
  return new BlobsStorage(target.connectionString, container);
}
