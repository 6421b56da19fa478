import { z } from 'zod';
import type { AdaptiveCardJson } from '../../cards/render-card.js';
import { ZAgreementForm, type AgreementForm } from '../../domain/agreements/form.js';
import { partyOf } from '../../domain/agreements/state-machine.js';
import type { Agreement } from '../../domain/agreements/types.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { Person } from '../../domain/people/person.js';
import type { AgreementDeps } from '../../usecases/agreements/deps.js';
import { formSetup } from '../../usecases/agreements/form-context.js';
import { noteDelivery, readAgreement, requestAgreementChanges, reviseAgreement } from '../../usecases/agreements/review-agreement.js';
import { deliverBookingConfirmation, resendPendingConfirmations, type ResendSummary, type SendConfirmation } from '../../usecases/agreements/confirm-booking.js';
import { signAgreement } from '../../usecases/agreements/sign-agreement.js';
import { pendingFor, sessionsFor, showAgreements } from '../../usecases/agreements/show-agreement.js';
import { startAgreement } from '../../usecases/agreements/start-agreement.js';
import type { ConversationContext } from '../context.js';
import { personMessage } from '../person-message.js';
import { card, text, type ActionOutcome, type Reply, type Speaker } from '../reply.js';
import { renderAgreementForm, termsAsValues } from './form-card.js';
import { londonTime } from './format.js';
import { agreementView, bookingConfirmation, partyNames, type Notice } from './present.js';
import { explainOffWeekdays } from '../../usecases/booking/explain-schedule.js';

const unavailable = 'Supervision agreements are not available in this deployment yet.';

/** The data each agreement verb's card carries (DESIGN.md "Cards": every verb has a zod schema). */
const ZAgreementRef = z.object({ agreementId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) });
const ZSignData = ZAgreementRef.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/) });
const ZChangesData = ZAgreementRef.extend({ comment: z.string().max(2000).default('') });

function parseData<S extends z.ZodType>(schema: S, data: Record<string, unknown> | undefined): z.infer<S> {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) throw new AppError('invalid_input', 'This card is missing what it needs (which agreement, which version). Type "my agreement" to get a fresh one.');
  return parsed.data;
}

interface Ready {
  readonly deps: AgreementDeps;
  readonly me: Person;
}

/**
 * Who is acting comes from the authenticated activity (from.aadObjectId), never from card data
 * (DESIGN.md "Signatures"); their name comes from the directory.
 */
async function ready(ctx: ConversationContext, speaker: Speaker): Promise<Ready> {
  if (!ctx.agreements) throw new AppError('unavailable', unavailable);
  if (!speaker.personId) throw new AppError('forbidden', 'I cannot tell who you are from this chat, so I cannot show or change agreements.');
  const me = await ctx.directory.getPerson(speaker.personId);
  if (!me) throw new AppError('forbidden', 'I could not find you in the directory, so I cannot show or change agreements.');
  return { deps: ctx.agreements, me };
}

async function view(deps: AgreementDeps, agreement: Agreement, viewerId: string, notice?: Notice, withSessions = false): Promise<AdaptiveCardJson> {
  const sessions = withSessions ? await sessionsFor(deps, agreement) : undefined;
  return agreementView(agreement, viewerId, deps, { ...(notice ? { notice } : {}), ...(sessions ? { sessions } : {}) });
}

/** Sends a card to the other party; says so when they cannot be reached yet. */
async function tell(ctx: ConversationContext, personId: string, replies: readonly Reply[]): Promise<'delivered' | 'unreachable'> {
  if (!ctx.notifier) return 'unreachable';
  return ctx.notifier.notify(personId, replies);
}

// ── `new agreement` ────────────────────────────────────────────────────────────────────────

export async function newAgreementForm(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const { deps, me } = await ready(ctx, speaker);
  const setup = await formSetup(deps, me);
  if (setup.reports.length === 0) {
    return [text('The directory shows nobody reporting to you, so there is nobody to make a supervision agreement with. If that is wrong, ask IT to set you as their manager in Entra ID.')];
  }
  const agreementId = (ctx.newId ?? (() => globalThis.crypto.randomUUID()))();
  return [card(renderAgreementForm({ agreementId, pack: deps.pack, today: deps.today(), setup, values: setup.defaults, mode: 'new', peoplePicker: ctx.peoplePicker }), 'New supervision agreement')];
}

function parseForm(data: Record<string, unknown> | undefined): AgreementForm {
  const parsed = ZAgreementForm.safeParse(data ?? {});
  if (!parsed.success) throw new AppError('invalid_input', 'This card is missing its agreement id or has a value that is far too long. Please start again with "new agreement".');
  const time = parsed.data.time;
  // Some clients send Input.Time as HH:MM:SS.
  return time && /^\d{2}:\d{2}:\d{2}$/.test(time) ? { ...parsed.data, time: time.slice(0, 5) } : parsed.data;
}

async function sendToSupervisee(ctx: ConversationContext, deps: AgreementDeps, agreement: Agreement, summary: string): Promise<Agreement> {
  const cardForThem = await view(deps, agreement, agreement.terms.superviseeId);
  const outcome = await tell(ctx, agreement.terms.superviseeId, [card(cardForThem, summary)]);
  return noteDelivery(deps, agreement.id, outcome);
}

function sentNotice(agreement: Agreement, again = false): Notice {
  const { superviseeName } = partyNames(agreement);
  if (agreement.superviseeNotified === 'unreachable') {
    // Only what is known: the send did not reach them (no chat with the bot yet, or Teams refused
    // it). Whether they ever opened the app is not known, so it is not said (issue 15 item 2).
    const waiting = `It is waiting for them: they will see it when they open Supervision Assistant or type "my agreement".`;
    return again
      ? { text: `I tried again, but I still could not reach ${superviseeName} in Teams. ${waiting} Ask them to open Supervision Assistant in Teams, then send it again.`, style: 'attention' }
      : { text: `Saved, but I could not reach ${superviseeName} in Teams, so they have not been sent it yet. ${waiting} You can send it again later.`, style: 'warning' };
  }
  return { text: again ? `Sent to ${superviseeName} again.` : `Sent to ${superviseeName}. I will tell you when they sign or ask for changes.`, style: 'good' };
}

export async function submitAgreement(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, me } = await ready(ctx, speaker);
  const form = parseForm(data);
  const result = await startAgreement(deps, me, form);
  if (result.kind === 'invalid') {
    const setup = await formSetup(deps, me, form.superviseeId);
    return { card: renderAgreementForm({ agreementId: form.agreementId, pack: deps.pack, today: deps.today(), setup, values: result.form, errors: result.errors, mode: 'new', peoplePicker: ctx.peoplePicker }), replies: [] };
  }
  if (result.kind === 'duplicate') {
    const notice = { text: `This card was already sent on ${londonTime(result.agreement.createdAt)}. It is the same agreement; nothing new was created.`, style: 'emphasis' as const };
    return { card: await view(deps, result.agreement, me.id, notice), replies: [] };
  }
  const sent = await sendToSupervisee(ctx, deps, result.agreement, `${me.displayName} sent you a supervision agreement to review`);
  return { card: await view(deps, sent, me.id, sentNotice(sent)), replies: [] };
}

// ── the supervisee's answer ───────────────────────────────────────────────────────────────

export async function requestChanges(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, me } = await ready(ctx, speaker);
  const { agreementId, comment } = parseData(ZChangesData, data);
  if (!comment.trim()) {
    const current = await readAgreement(deps, me.id, agreementId);
    return { card: await view(deps, current, me.id, { text: 'Please say what you would like changed, then press the button again.', style: 'attention' }), replies: [] };
  }
  const updated = await requestAgreementChanges(deps, me.id, agreementId, comment);
  const { supervisorName, superviseeName } = partyNames(updated);
  const delivered = await tell(ctx, updated.terms.supervisorId, [card(await view(deps, updated, updated.terms.supervisorId, { text: `${superviseeName} asked for changes: "${comment.trim()}"`, style: 'warning' }), `${superviseeName} asked for changes to the supervision agreement`)]);
  const notice = delivered === 'delivered' ? `Your comment went to ${supervisorName}. You will get the new version to sign.` : `Your comment is saved, but I could not reach ${supervisorName} in Teams yet; they will see it when they type "my agreement".`;
  return { card: await view(deps, updated, me.id, { text: notice, style: 'good' }), replies: [] };
}

export async function signFromCard(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, me } = await ready(ctx, speaker);
  const { agreementId, hash } = parseData(ZSignData, data);
  let result;
  try {
    result = await signAgreement(deps, { id: me.id, name: me.displayName }, agreementId, hash);
  } catch (error) {
    if (isAppError(error) && error.code === 'precondition_failed') {
      // Show the current version in place so they can read what changed before signing.
      const current = await readAgreement(deps, me.id, agreementId);
      return { card: await view(deps, current, me.id, { text: `Not signed: ${personMessage(error)}`, style: 'attention' }), replies: [] };
    }
    throw error;
  }
  const a = result.agreement;
  const party = partyOf(a, me.id);
  const { supervisorName, superviseeName } = partyNames(a);
  if (result.kind === 'already-signed') {
    return { card: await view(deps, a, me.id, { text: 'You have already signed this version. Nothing else to do.', style: 'good' }, true), replies: [] };
  }
  if (party === 'supervisee') {
    const delivered = await tell(ctx, a.terms.supervisorId, [card(await view(deps, a, a.terms.supervisorId, { text: `${superviseeName} signed. Sign to complete the agreement and book the year.`, style: 'good' }), `${superviseeName} signed the supervision agreement`)]);
    const notice = delivered === 'delivered' ? `Signed. I have asked ${supervisorName} to sign too.` : `Signed. ${supervisorName} has not opened a chat with me yet, so they will see it when they do.`;
    return { card: await view(deps, a, me.id, { text: notice, style: 'good' }), replies: [] };
  }
  await tell(ctx, a.terms.superviseeId, [card(await view(deps, a, a.terms.superviseeId, { text: `${supervisorName} signed too. I am booking the year into both your calendars.`, style: 'good' }), 'The supervision agreement is signed by both')]);
  return { card: await view(deps, a, me.id, { text: 'Signed by both. I am booking the year of sessions into both calendars and will send you the dates.', style: 'good' }), replies: [] };
}

// ── the supervisor's edit ─────────────────────────────────────────────────────────────────

export async function editForm(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, me } = await ready(ctx, speaker);
  const current = await readAgreement(deps, me.id, idOf(data));
  if (partyOf(current, me.id) !== 'supervisor') throw new AppError('forbidden', 'Only the supervisor can edit the agreement.');
  const setup = await formSetup(deps, me, current.terms.superviseeId);
  return {
    card: renderAgreementForm({ agreementId: current.id, pack: deps.pack, today: deps.today(), setup, values: termsAsValues(current), mode: 'revise', superviseeName: partyNames(current).superviseeName }),
    replies: [],
  };
}

export async function reviseFromCard(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, me } = await ready(ctx, speaker);
  const form = parseForm(data);
  const result = await reviseAgreement(deps, me, form);
  if (result.kind === 'invalid') {
    const current = await readAgreement(deps, me.id, form.agreementId);
    const setup = await formSetup(deps, me, current.terms.superviseeId);
    return { card: renderAgreementForm({ agreementId: form.agreementId, pack: deps.pack, today: deps.today(), setup, values: result.form, errors: result.errors, mode: 'revise', superviseeName: partyNames(current).superviseeName }), replies: [] };
  }
  const sent = await sendToSupervisee(ctx, deps, result.agreement, `${me.displayName} sent you a new version of your supervision agreement`);
  return { card: await view(deps, sent, me.id, sentNotice(sent)), replies: [] };
}

export async function resend(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, me } = await ready(ctx, speaker);
  const current = await readAgreement(deps, me.id, idOf(data));
  if (partyOf(current, me.id) !== 'supervisor' || current.status !== 'awaiting-supervisee') {
    return { card: await view(deps, current, me.id, { text: 'There is nothing to resend now.', style: 'emphasis' }), replies: [] };
  }
  const sent = await sendToSupervisee(ctx, deps, current, `${me.displayName} sent you a supervision agreement to review`);
  return { card: await view(deps, sent, me.id, sentNotice(sent, true)), replies: [] };
}

// ── `my agreement` ────────────────────────────────────────────────────────────────────────

export async function myAgreements(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const { deps, me } = await ready(ctx, speaker);
  const views = await showAgreements(deps, me.id);
  if (views.length === 0) {
    const reports = await ctx.directory.getDirectReports(me.id);
    return [text(reports.length > 0 ? 'You have no supervision agreements yet. Type "new agreement" to draft one with someone you supervise.' : 'You have no supervision agreement yet. Your supervisor drafts it and I will send it to you here.')];
  }
  // A manager with a large team gets the ones needing them and the latest few, not a wall of cards.
  const shown = views.slice(0, 5);
  const replies: Reply[] = [];
  for (const v of shown) replies.push(card(await agreementView(v.agreement, me.id, deps, { sessions: v.sessions }), 'Supervision agreement'));
  if (views.length > shown.length) replies.push(text(`Showing ${shown.length} of your ${views.length} agreements.`));
  return replies;
}

export async function showOne(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, me } = await ready(ctx, speaker);
  if (data?.['agreementId'] === undefined) return { replies: await myAgreements(ctx, speaker) };
  const current = await readAgreement(deps, me.id, idOf(data));
  return { card: await view(deps, current, me.id, undefined, true), replies: [] };
}

/** Agreements waiting for this person, for the welcome card. */
export async function pendingAgreements(ctx: ConversationContext, personId: string): Promise<Agreement[]> {
  if (!ctx.agreements) return [];
  return pendingFor(ctx.agreements, personId);
}

// ── after booking ─────────────────────────────────────────────────────────────────────────

/**
 * Both parties get the dates with a link to each meeting (issue 4 item 4): claimed once per
 * agreement, each person marked delivered only after their card went out (see confirm-booking.ts).
 */
export async function sendBookingConfirmation(ctx: ConversationContext, agreementId: string): Promise<void> {
  if (!ctx.agreements) return;
  await deliverBookingConfirmation(ctx.agreements, agreementId, confirmationSender(ctx));
}

/**
 * The backstop for the confirmation: anyone whose card did not arrive within the window (a crash
 * after the claim, unreachable, a failed send) gets it again. Safe to run on every instance at once.
 */
export async function resendBookingConfirmations(ctx: ConversationContext, nowIso: string): Promise<ResendSummary> {
  if (!ctx.agreements) return { agreements: 0, delivered: 0, unreachable: 0, failed: 0, gaveUp: 0 };
  return resendPendingConfirmations({ ...ctx.agreements, sendConfirmation: confirmationSender(ctx) }, nowIso);
}

function confirmationSender(ctx: ConversationContext): SendConfirmation {
  return (agreement, sessions, personId, milestones) => {
    // Every session off the agreed weekday says why (a bank holiday, a clash, the policy's period; issue 15 item 5).
    const pack = ctx.agreements?.pack;
    const offWeekday = pack && pack.id === agreement.terms.policyId ? explainOffWeekdays(pack, agreement.terms, sessions) : new Map<string, string>();
    const confirmation: AdaptiveCardJson = bookingConfirmation(agreement, sessions, personId, offWeekday, milestones);
    return tell(ctx, personId, [card(confirmation, 'Your year of supervision is booked')]);
  };
}

function idOf(data: Record<string, unknown> | undefined): string {
  return parseData(ZAgreementRef, data).agreementId;
}
