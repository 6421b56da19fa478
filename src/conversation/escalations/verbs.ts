import { createHash } from 'node:crypto';
import { z } from 'zod';
import { sessionPostponedCard } from '../../cards/session-postponed-card.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { addDays } from '../../domain/calendar/local-date.js';
import { londonToUtc, utcToLondon } from '../../domain/calendar/london-time.js';
import { AppError } from '../../domain/errors.js';
import type { Person } from '../../domain/people/person.js';
import type { CalendarGateway } from '../../domain/ports/calendar.js';
import type { VersionedStore } from '../../domain/ports/storage.js';
import { agreementKey, sessionKey } from '../../jobs/booking/stores.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { recordKey } from '../../jobs/records/stores.js';
import { recordShowsHeld } from '../../jobs/sweep/history.js';
import { parseInstant } from '../../domain/calendar/instant.js';
import { listPartition } from '../../jobs/list-partition.js';
import { acknowledgeEscalation } from '../../jobs/sweep/acknowledge.js';
import { auditPartition, type SweepStores } from '../../repositories/escalations.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';
import { rebookingOffer } from '../../usecases/sessions/rebooking-offer.js';
import type { ConversationContext } from '../context.js';
import { card, text, type Speaker } from '../reply.js';
import { cardData, speakerIdOf, type VerbHandler } from '../verb.js';
import { humanDate, slotTime } from '../dates.js';

/** What the escalation card's buttons need; the composition root provides it (context field `escalations`). */
export interface EscalationConversationDeps {
  readonly stores: Pick<SweepStores, 'ledger' | 'acks' | 'audit'>;
  readonly agreements: VersionedStore<Agreement>;
  readonly sessions: VersionedStore<PlannedSession>;
  /** Free/busy of both people for "rebook now" (Graph getSchedule in production). */
  readonly calendar: Pick<CalendarGateway, 'busy'>;
  readonly directory: { getPerson(id: string): Promise<Person | undefined> };
  readonly packFor: (policyId: string) => PolicyPack;
  /** ISO instant. */
  readonly now: () => string;
  /**
   * Session records (src/jobs/records/stores.ts recordStore), so "rebook now" can tell a booked
   * session that simply did not happen (no record) from one that did. Without it nothing is
   * marked: a session that did take place must never be recorded as postponed.
   */
  readonly records?: Pick<VersionedStore<SessionRecord>, 'get'> | undefined;
}

const ZId = z.string().min(1).max(300);
const ZItem = z.object({ agreementId: ZId, obligationId: ZId });
const ZNote = ZItem.extend({ field: z.string().regex(/^note_\d+$/) }).passthrough();

function deps(ctx: ConversationContext): EscalationConversationDeps {
  if (!ctx.escalations) throw new AppError('unavailable', 'Escalations are not available here.');
  return ctx.escalations;
}

const parse = <T>(schema: z.ZodType<T>, data: Record<string, unknown> | undefined): T => cardData(schema, data, 'That card is out of date or incomplete. Please use the latest message.');

const who = (speaker: Speaker): string => speakerIdOf(speaker);

/**
 * Only the person the message went to may act on it: their row in the sweep's ledger for this
 * obligation is the proof (card data is never trusted for who someone is). `steps` narrows it to
 * the rungs that offer the button (acknowledge: the escalation rungs).
 */
async function mustBeAddressee(d: EscalationConversationDeps, personId: string, item: z.infer<typeof ZItem>, steps?: ReadonlySet<string>): Promise<void> {
  const rows = await listPartition(d.stores.ledger, item.agreementId);
  const mine = rows.some((r) => r.value.obligationId === item.obligationId && r.value.recipientId === personId && r.value.state !== 'failed' && (!steps || steps.has(r.value.step)));
  if (!mine) throw new AppError('forbidden', 'This reminder was sent to someone else, so only they can act on it.');
}

const ESCALATIONS = new Set(['line-manager', 'next-tier']);

/** Acknowledge: no further rungs for this obligation (src/jobs/sweep/acknowledge.ts); a second click changes nothing. */
const acknowledge: VerbHandler = async (ctx, speaker, data) => {
  const d = deps(ctx);
  const item = parse(ZItem, data);
  const personId = who(speaker);
  await mustBeAddressee(d, personId, item, ESCALATIONS);
  const r = await acknowledgeEscalation(d.stores, { agreementId: item.agreementId, obligationId: item.obligationId, byId: personId, now: new Date(d.now()) });
  return { replies: [text(r.acknowledged
    ? 'Acknowledged. It will not be escalated further; you will hear when it is done. This is kept in the audit log.'
    : 'You (or a colleague) already acknowledged this; nothing changed.')] };
};

/** Add a note: kept in the append-only audit log (issue 6 "Evidence for inspectors"); the same note twice is kept once. */
const note: VerbHandler = async (ctx, speaker, data) => {
  const d = deps(ctx);
  const item = parse(ZNote, data);
  const raw = (data ?? {})[item.field];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value) throw new AppError('invalid_input', 'Write the note first.');
  if (value.length > 2000) throw new AppError('invalid_input', 'A note is at most 2,000 characters.');
  const personId = who(speaker);
  await mustBeAddressee(d, personId, item);
  const now = d.now();
  const day = utcToLondon(now).date;
  const digest = createHash('sha256').update(value).digest('hex').slice(0, 16);
  const r = await d.stores.audit.append(auditPartition(day), {
    event: 'note', agreementId: item.agreementId, obligationId: item.obligationId, obligationKind: item.obligationId.split(':')[0] ?? '',
    recipientId: personId, responsibleIds: [], day, citation: 'note by the addressee', basis: [], outcome: 'recorded', runId: 'note', note: value,
  }, { at: new Date(now), id: `${item.agreementId}|${item.obligationId}|note|${personId}|${digest}` });
  return { replies: [text(r.appended ? 'Your note is saved with this escalation in the audit log.' : 'That note was already saved.')] };
};

const SESSION_PREFIX = /^(session-frequency|postponement-rebooked):/;

/**
 * Rebook now: the session that did not take place, with times free for both people up to the
 * pack's rebooking deadline (rebooking-offer.ts), on the postponement card whose submit
 * (`sessionRebook`, session-notices.ts) records the reason and books the new time in both
 * calendars. Only the supervisor books (record-postponement.ts), so only their message offers it.
 * A booked session whose time passed with no record is first marked postponed, "did not take
 * place" (markMissedSession), so the same card and `sessionRebook` rebook it.
 */
const rebook: VerbHandler = async (ctx, speaker, data) => {
  const d = deps(ctx);
  const item = parse(ZItem, data);
  if (!SESSION_PREFIX.test(item.obligationId)) throw new AppError('invalid_input', 'There is no session to rebook for this item.');
  const personId = who(speaker);
  await mustBeAddressee(d, personId, item);
  const agreement = (await d.agreements.get(agreementKey(item.agreementId)))?.value;
  if (!agreement) throw new AppError('not_found', 'That agreement no longer exists.');
  if (agreement.terms.supervisorId !== personId) throw new AppError('forbidden', 'Only the supervisor books supervision sessions.');
  if (agreement.status === 'ended') throw new AppError('conflict', 'That agreement has ended: there is nothing to rebook.');
  const now = d.now();
  const today = utcToLondon(now).date;
  const named = /^postponement-rebooked:session-(\d{4}-\d{2}-\d{2})/.exec(item.obligationId)?.[1];
  const all = (await listPartition(d.sessions, item.agreementId)).map((s) => s.value);
  const session = all
    .filter((s) => (s.status === 'postponed' || s.status === 'cancelled') && (named === undefined || s.date === named))
    .sort((a, b) => (a.date < b.date ? 1 : -1))[0]
    ?? await markMissedSession(d, item.obligationId, all, personId, named);
  if (!session) {
    return { replies: [text('No postponed, cancelled or missed session is waiting for a new date. Please book the missing session in Outlook with your supervisee; the reminder closes once a session is held.')] };
  }
  const pack = d.packFor(agreement.terms.policyId);
  const { supervisorId, superviseeId } = agreement.terms;
  const busyMap = await d.calendar.busy([supervisorId, superviseeId], londonToUtc(addDays(today, 1), '00:00'), londonToUtc(addDays(today, 60), '00:00'));
  const busy = [...(busyMap.get(supervisorId) ?? []), ...(busyMap.get(superviseeId) ?? [])];
  const offer = rebookingOffer({ pack, session, postponedOn: today, busy });
  const supervisee = (await d.directory.getPerson(superviseeId))?.displayName ?? 'your supervisee';
  const reasons = pack.postponement.allowedReasons;
  const due = offer.due;
  return {
    replies: [card(sessionPostponedCard({
      agreementId: item.agreementId,
      sessionId: session.sessionId,
      title: `Rebook the supervision with ${supervisee}`,
      intro: (session.postponements?.at(-1)?.reason === DID_NOT_TAKE_PLACE ? `The session on ${humanDate(session.date)} did not take place: it is recorded as postponed with that reason. ` : '') + (due
        ? `The policy asks for a new date by ${humanDate(due)} and for the reason to be recorded (${offer.rule}).${due < today ? ' That date has passed: please rebook at the earliest time.' : ''}`
        : `Your policy sets no day limit (${offer.rule}); please rebook at the earliest opportunity and record the reason.`),
      facts: [{ title: 'Supervisee', value: supervisee }, { title: 'Was planned for', value: `${humanDate(session.date)} at ${session.start}` }],
      reasons: isSpecified(reasons) ? reasons.value.map((r) => ({ id: r.id, label: r.label })) : [],
      slots: offer.slots.slice(0, 12).map((s) => ({ value: `${s.startUtc}|${s.endUtc}`, label: slotTime(s.startUtc) })),
      slotLabel: due && due >= today ? `New time, free for both of you (by ${humanDate(due)})` : 'New time, free for both of you',
    }), 'Rebook a supervision session')],
  };
};

/** "did not take place": the reason kept with a booked session that passed without a record. */
export const DID_NOT_TAKE_PLACE = 'did not take place';

/**
 * A booked session whose time has passed with no record simply did not happen (the sweep counts it
 * as not held, src/jobs/sweep/history.ts). Rebook now marks it postponed with the reason "did not
 * take place", kept the way record-postponement.ts keeps postponements (Camden §7 (L142): the
 * reason for the postponement is recorded), so the rebook card's `sessionRebook` can book it. The
 * obligation's own window (`…:from:to`) or named session date picks which one; the latest first.
 * Safe to repeat: once postponed, it is found as postponed above and nothing is written twice.
 */
async function markMissedSession(d: EscalationConversationDeps, obligationId: string, all: readonly PlannedSession[], personId: string, named: string | undefined): Promise<PlannedSession | undefined> {
  if (!d.records) return undefined;
  const nowMs = parseInstant(d.now());
  const window = /(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(obligationId);
  const inScope = (s: PlannedSession) => named !== undefined ? s.date === named : !window || obligationId.startsWith('postponement-rebooked:') || (s.date >= (window[1] ?? '') && s.date <= (window[2] ?? ''));
  const candidates = all
    .filter((s) => (s.status === 'booked' || s.status === 'moved') && parseInstant(s.endUtc) < nowMs && inScope(s))
    .sort((a, b) => (a.date < b.date ? 1 : -1));
  for (const candidate of candidates) {
    const record = (await d.records.get(recordKey(candidate.agreementId, candidate.sessionId)))?.value;
    if (record && (record.status === 'not-held' || recordShowsHeld(record))) continue;
    const key = sessionKey(candidate.agreementId, candidate.sessionId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await d.sessions.get(key);
      if (!stored) break;
      if (stored.value.status === 'postponed') return stored.value;
      if (stored.value.status !== 'booked' && stored.value.status !== 'moved') break;
      const postponed: PlannedSession = {
        ...stored.value,
        status: 'postponed',
        postponements: [...(stored.value.postponements ?? []), { recordedAt: d.now(), recordedBy: personId, reason: DID_NOT_TAKE_PLACE, fromDate: stored.value.date, toDate: stored.value.date }],
      };
      try {
        await d.sessions.replace(key, postponed, stored.etag);
        return postponed;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'precondition_failed')) throw error;
      }
    }
  }
  return undefined;
}

/** The escalation cards' verbs (issue 6 item 4). `recordOpen` belongs to the records flow. */
export const escalationVerbs: Readonly<Record<string, VerbHandler>> = {
  escalationAcknowledge: acknowledge,
  escalationNote: note,
  escalationRebook: rebook,
};

