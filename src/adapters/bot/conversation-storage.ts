/**
 * Bot Framework conversation and user state in the same storage account as everything else
 * (Azurite locally), so one connection string configures the whole app.
 */
import { BlobsStorage } from 'botbuilder-azure-blobs';

/**
 * BlobsStorage writes with If-Match when a state item carries an eTag, so two instances
 * handling turns of one conversation cannot silently overwrite each other's state. It creates
 * the container itself on first use.
 */
export function createConversationStorage(connectionString: string, container: string): BlobsStorage {
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container)) {
    throw new Error(`conversation state container "${container}" must be 3–63 lowercase letters, digits or single hyphens`);
  }
  return new BlobsStorage(connectionString, container);
}
