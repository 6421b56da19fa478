import { AppError } from '../../../domain/errors.js';
import { noClientRetry, sendOne, type CalendarContext } from './graph-request.js';

/**
 * getSchedule takes SMTP addresses; the product knows people by Entra object id. Each person's
 * address is read once per adapter instance (or told by the caller, who read the person anyway).
 */
export class MailboxAddresses {
  private readonly known = new Map<string, Promise<string>>();

  constructor(private readonly context: CalendarContext) {}

  /** Remembers an address already read from the directory, so it need not be asked for again. */
  know(id: string, address: string): void {
    if (!this.known.has(id)) this.known.set(id, Promise.resolve(address));
  }

  of(id: string): Promise<string> {
    if (id.includes('@')) return Promise.resolve(id);
    let known = this.known.get(id);
    if (!known) {
      const { client } = this.context;
      known = sendOne(this.context, id, 'user', async (signal) => {
        const user = (await client
          .api(`/users/${encodeURIComponent(id)}`)
          .select('id,mail,userPrincipalName')
          .middlewareOptions(noClientRetry())
          .option('signal', signal)
          .get()) as { mail?: string | null; userPrincipalName?: string | null };
        const address = user.mail ?? user.userPrincipalName;
        if (!address) throw new AppError('not_found', 'a person has no mailbox address');
        return address;
      });
      // A failed lookup is not remembered: the next call asks again.
      known.catch(() => this.known.delete(id));
      this.known.set(id, known);
    }
    return known;
  }
}
