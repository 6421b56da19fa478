import type { QueueClient } from '@azure/storage-queue';
import { z, type ZodType } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { Delivery, JobMessage, JobQueue, PoisonedMessage, ReceiveOptions, SendOptions } from '../../domain/ports/storage.js';
import { guard, storageErrorCode, toAppError } from './errors.js';
import { asciiJson, parseOutgoing } from './validation.js';

/**
 * The service allows 64 KiB a message; jobs keep 4 KiB of it free so a poisoned message still
 * fits in the poison queue with its envelope.
 */
const MAX_MESSAGE_CHARS = 60 * 1024;
const MAX_POISON_CHARS = 64 * 1024 - 512;
const MAX_DELAY_SECONDS = 7 * 24 * 3600;
const DEFAULT_VISIBILITY_SECONDS = 30;

export interface JobQueueOptions {
  /** Deliveries allowed before a message goes to the poison queue. Default 5. */
  maxAttempts?: number;
}

const ZPoisonEnvelope = z.object({
  id: z.string(),
  text: z.string(),
  dequeueCount: z.number().int(),
  reason: z.string(),
  poisonedAt: z.iso.datetime(),
});
type PoisonEnvelope = z.infer<typeof ZPoisonEnvelope>;

/**
 * Base64 so the queue accepts any JSON (the XML transport rejects some characters) and so the
 * messages read the same as those Azure Functions' queue trigger expects.
 */
function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

function decode(text: string): unknown {
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
}

function checkSeconds(seconds: number, what: string, min = 0): number {
  if (!Number.isInteger(seconds) || seconds < min || seconds > MAX_DELAY_SECONDS) {
    throw new AppError('invalid_input', `${what}: seconds must be a whole number from ${min} to ${MAX_DELAY_SECONDS}`);
  }
  return seconds;
}

/** A receipt that no longer matches means someone else now owns this delivery. */
function staleDelivery(error: unknown, what: string): AppError {
  if (storageErrorCode(error) === 'PopReceiptMismatch') {
    return new AppError('precondition_failed', `${what}: this delivery is no longer current`, undefined, { cause: error });
  }
  return toAppError(error, what);
}

export class AzureJobQueue<T> implements JobQueue<T> {
  private readonly what: string;
  private readonly maxAttempts: number;

  constructor(
    private readonly queue: QueueClient,
    private readonly poisonQueue: QueueClient,
    private readonly schema: ZodType<T>,
    options: JobQueueOptions = {},
  ) {
    this.what = `queue ${queue.name}`;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  private text(body: T): string {
    const text = encode(parseOutgoing(this.schema, body, this.what));
    if (text.length > MAX_MESSAGE_CHARS) {
      // Jobs carry references (ids, blob names), never documents.
      throw new AppError('invalid_input', `${this.what}: message too large (${text.length} base64 chars, max ${MAX_MESSAGE_CHARS})`);
    }
    return text;
  }

  async send(body: T, options: SendOptions = {}): Promise<{ id: string }> {
    const text = this.text(body);
    const visibilityTimeout = checkSeconds(options.delaySeconds ?? 0, `${this.what} send`);
    // -1: never expire. The default seven-day TTL would silently drop a backlog.
    const response = await guard(`${this.what} send`, () =>
      this.queue.sendMessage(text, { visibilityTimeout, messageTimeToLive: -1 }),
    );
    return { id: response.messageId };
  }

  async receive(options: ReceiveOptions = {}): Promise<JobMessage<T>[]> {
    const numberOfMessages = Math.min(Math.max(options.max ?? 1, 1), 32);
    // The service needs at least 1 s here; to hand a message straight back use extend(d, 0).
    const visibilityTimeout = checkSeconds(options.visibilitySeconds ?? DEFAULT_VISIBILITY_SECONDS, `${this.what} receive`, 1);
    const response = await guard(`${this.what} receive`, () =>
      this.queue.receiveMessages({ numberOfMessages, visibilityTimeout }),
    );
    const messages: JobMessage<T>[] = [];
    for (const item of response.receivedMessageItems) {
      const delivery = { id: item.messageId, receipt: item.popReceipt };
      if (item.dequeueCount > this.maxAttempts) {
        await this.movePoison(delivery, item.messageText, item.dequeueCount, `gave up after ${this.maxAttempts} attempts`);
        continue;
      }
      let body: T;
      try {
        const parsed = this.schema.safeParse(decode(item.messageText));
        if (!parsed.success) throw new Error('schema');
        body = parsed.data;
      } catch {
        // Retrying cannot fix a message that does not parse.
        await this.movePoison(delivery, item.messageText, item.dequeueCount, 'message does not match its schema');
        continue;
      }
      messages.push({
        ...delivery,
        body,
        dequeueCount: item.dequeueCount,
        insertedAt: item.insertedOn,
        visibleAgainAt: item.nextVisibleOn,
      });
    }
    return messages;
  }

  async complete(delivery: Delivery): Promise<void> {
    try {
      await this.queue.deleteMessage(delivery.id, delivery.receipt);
    } catch (error) {
      throw staleDelivery(error, `${this.what} complete`);
    }
  }

  async extend(delivery: Delivery, seconds: number): Promise<Delivery> {
    checkSeconds(seconds, `${this.what} extend`);
    try {
      const response = await this.queue.updateMessage(delivery.id, delivery.receipt, undefined, seconds);
      return { id: delivery.id, receipt: this.receiptOf(response.popReceipt) };
    } catch (error) {
      throw staleDelivery(error, `${this.what} extend`);
    }
  }

  async reschedule(delivery: Delivery, body: T, delaySeconds: number): Promise<Delivery> {
    const text = this.text(body);
    checkSeconds(delaySeconds, `${this.what} reschedule`);
    try {
      const response = await this.queue.updateMessage(delivery.id, delivery.receipt, text, delaySeconds);
      return { id: delivery.id, receipt: this.receiptOf(response.popReceipt) };
    } catch (error) {
      throw staleDelivery(error, `${this.what} reschedule`);
    }
  }

  async poison(message: JobMessage<T>, reason: string): Promise<void> {
    await this.movePoison(message, encode(message.body), message.dequeueCount, reason);
  }

  async peekPoisoned(max = 32): Promise<PoisonedMessage[]> {
    const response = await guard(`${this.what} peek poisoned`, () =>
      this.poisonQueue.peekMessages({ numberOfMessages: Math.min(Math.max(max, 1), 32) }),
    );
    return response.peekedMessageItems.flatMap((item) => {
      let envelope: PoisonEnvelope;
      try {
        envelope = ZPoisonEnvelope.parse(JSON.parse(item.messageText));
      } catch {
        return [];
      }
      return [{ ...envelope, poisonedAt: new Date(envelope.poisonedAt) }];
    });
  }

  private receiptOf(receipt: string | undefined): string {
    if (!receipt) throw new AppError('internal', `${this.what}: storage returned no pop receipt`);
    return receipt;
  }

  /**
   * Copy first, delete second: a crash in between leaves the message in both queues (a
   * duplicate an operator can see) rather than in neither.
   */
  private async movePoison(delivery: Delivery, text: string, dequeueCount: number, reason: string): Promise<void> {
    // Plain JSON rather than base64: the text inside is already base64 (or whatever a foreign
    // sender put there), and a second encoding would push a large message over the limit.
    const kept = text.length > MAX_POISON_CHARS ? text.slice(0, MAX_POISON_CHARS) : text;
    const envelope: PoisonEnvelope = {
      id: delivery.id,
      text: kept,
      dequeueCount,
      reason: kept === text ? reason : `${reason} (text truncated)`,
      poisonedAt: new Date().toISOString(),
    };
    const json = asciiJson(envelope);
    await guard(`${this.what} poison`, () => this.poisonQueue.sendMessage(json, { messageTimeToLive: -1 }));
    try {
      await this.queue.deleteMessage(delivery.id, delivery.receipt);
    } catch (error) {
      throw staleDelivery(error, `${this.what} poison`);
    }
  }
}
