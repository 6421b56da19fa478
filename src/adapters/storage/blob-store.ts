import type { ContainerClient } from '@azure/storage-blob';
import { AppError } from '../../domain/errors.js';
import type { BlobContent, BlobInfo, BlobPutOptions, BlobStore, ETag, Page, PageRequest } from '../../domain/ports/storage.js';
import { guard, statusOf, storageErrorCode, toAppError } from './errors.js';

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function assertBlobName(name: string): void {
  if (name.length === 0 || name.length > 1024 || name.endsWith('/') || name.startsWith('/')) {
    throw new AppError('invalid_input', 'blob name must be 1–1024 characters and not start or end with "/"');
  }
}

export class AzureBlobStore implements BlobStore {
  private readonly what: string;

  constructor(private readonly container: ContainerClient) {
    this.what = `container ${container.containerName}`;
  }

  async put(name: string, body: Uint8Array | string, options: BlobPutOptions = {}): Promise<ETag> {
    assertBlobName(name);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const client = this.container.getBlockBlobClient(name);
    try {
      const response = await client.upload(bytes, bytes.byteLength, {
        blobHTTPHeaders: options.contentType ? { blobContentType: options.contentType } : {},
        conditions: {
          ...(options.ifNoneMatch ? { ifNoneMatch: options.ifNoneMatch } : {}),
          ...(options.ifMatch ? { ifMatch: options.ifMatch } : {}),
        },
        ...(options.metadata ? { metadata: options.metadata } : {}),
      });
      if (!response.etag) throw new AppError('internal', `${this.what} put: storage returned no ETag`);
      return response.etag;
    } catch (error) {
      // The service reports a write-once violation as 409 BlobAlreadyExists (or 412 from some
      // emulators); both mean the same thing to the caller.
      if (options.ifNoneMatch === '*' && (statusOf(error) === 409 || statusOf(error) === 412)) {
        throw new AppError('conflict', `${this.what} put: blob already exists`, { storageCode: storageErrorCode(error) }, { cause: error });
      }
      // Overwriting a blob that was deleted since it was read is a stale version too.
      throw toAppError(error, `${this.what} put`, options.ifMatch ? { 404: 'precondition_failed' } : {});
    }
  }

  async get(name: string): Promise<BlobContent | undefined> {
    assertBlobName(name);
    const client = this.container.getBlobClient(name);
    let response;
    try {
      response = await client.download(0);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw toAppError(error, `${this.what} get`);
    }
    const body = await guard(`${this.what} get`, () => readAll(response.readableStreamBody));
    if (!response.etag) throw new AppError('internal', `${this.what} get: storage returned no ETag`);
    return {
      name,
      body,
      etag: response.etag,
      size: body.byteLength,
      ...(response.contentType ? { contentType: response.contentType } : {}),
      lastModified: response.lastModified ?? new Date(0),
      metadata: response.metadata ?? {},
    };
  }

  async delete(name: string, ifMatch?: ETag): Promise<void> {
    assertBlobName(name);
    try {
      await this.container.getBlobClient(name).delete(ifMatch ? { conditions: { ifMatch } } : {});
    } catch (error) {
      if (statusOf(error) === 404 && ifMatch === undefined) return;
      throw toAppError(error, `${this.what} delete`);
    }
  }

  async list(prefix: string, page: PageRequest = {}): Promise<Page<BlobInfo>> {
    const pages = this.container
      .listBlobsFlat({ prefix })
      .byPage({ maxPageSize: Math.min(Math.max(Math.trunc(page.limit ?? 100), 1), 5000), ...(page.continuation ? { continuationToken: page.continuation } : {}) });
    const result = await guard(`${this.what} list`, () => pages.next());
    if (result.done || !result.value) return { items: [] };
    const segment = result.value;
    const items: BlobInfo[] = segment.segment.blobItems.map((item) => ({
      name: item.name,
      etag: item.properties.etag,
      size: item.properties.contentLength ?? 0,
      ...(item.properties.contentType ? { contentType: item.properties.contentType } : {}),
      lastModified: item.properties.lastModified,
    }));
    return segment.continuationToken ? { items, continuation: segment.continuationToken } : { items };
  }
}
