import { z } from 'zod';
import { sessionPostponedCard } from '../../cards/session-postponed-card.js';
import { AppError } from '../../domain/errors.js';
import type { SyncNotice } from '../../domain/sessions/notice.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';
import { citationForPeople, whyForCitation } from '../../policy/why.js';
import { recordPostponement } from '../../usecases/sessions/record-postponement.js';
import type { SessionConversationDeps } from '../context.js';
import { card, text, type ActionOutcome, type Reply, type Speaker } from '../reply.js';

import { humanDate, slotTime } from '../dates.js';

function postponedCard(notice: SyncNotice, pack: PolicyPack, supervisee: string, error = '') {
  const reasons = pack.postponement.allowedReasons;
  const due = notice.rebooking?.due;
  return sessionPostponedCard({
    agreementId: notice.agreementId,
    sessionId: notice.sessionId,
    title: notice.cause === 'declined' ? 'A supervision session was declined in Outlook' : 'A supervision session was cancelled in Outlook',
    intro: due
      ? `The policy asks for a new date by ${humanDate(due)} and for the reason to be recorded (${citationForPeople(pack, notice.rebooking?.rule)}).`
      : `Your policy sets no day limit (${citationForPeople(pack, notice.rebooking?.rule)}); please rebook at the earliest opportunity and record the reason.`,
    why: notice.rebooking ? whyForCitation(pack, notice.rebooking.rule) : undefined,
    facts: [
      { title: 'Supervisee', value: supervisee },
      { title: 'Was planned for', value: `${humanDate(notice.date)} at ${notice.start}` },
    ],
    reasons: isSpecified(reasons) ? reasons.value.map((r) => ({ id: r.id, label: r.label })) : [],
    slots: (notice.rebooking?.slots ?? []).map((s) => ({ value: `${s.startUtc}|${s.endUtc}`, label: slotTime(s.startUtc) })),
    slotLabel: due ? `New time, free for both of you (by ${humanDate(due)})` : 'New time, free for both of you',
    error,
  });
}

/** What a person is told about a change the calendar sync or an ended agreement produced. */
export function noticeReplies(notice: SyncNotice, pack: PolicyPack, supervisee: string): Reply[] {
  switch (notice.kind) {
    case 'session-postponed':
      return [card(postponedCard(notice, pack, supervisee), 'A supervision session needs a new date')];
    case 'session-move-breaks-policy':
      return [text([
        `The supervision with ${supervisee} was moved in Outlook to ${humanDate(notice.date)} at ${notice.start}. That breaks the policy:`,
        ...notice.violations.map((v) => `- ${v.reason}${v.rule ? ` (${citationForPeople(pack, v.rule)})` : ''}`),
        'Please choose another date in Outlook.',
      ].join('\n\n'))];
    case 'session-moved':
      return [text(`The supervision with ${supervisee} is now on ${humanDate(notice.date)} at ${notice.start}; it still keeps the policy.`)];
    case 'agreement-ended':
      return [text(notice.violations.map((v) => v.reason).join(' ') + ' Future sessions have been cancelled in both calendars. Type "new agreement" to start the next one.')];
  }
}

const fresh = 'This card is missing which session it is about. Please use the latest card.';
const ZRebookData = z.object({
  agreementId: z.string({ error: fresh }).min(1, fresh).max(200, fresh),
  sessionId: z.string({ error: fresh }).min(1, fresh).max(200, fresh),
  reasonId: z.string({ error: 'Choose one of the reasons listed.' }).max(100, 'Choose one of the reasons listed.').optional(),
  reason: z.string({ error: 'Say why the session was postponed.' }).max(500, 'Please keep the reason to 500 characters.').optional(),
  slot: z.string({ error: 'Choose a new time.' }).max(100, 'Choose a new time.').regex(/^\S+Z\|\S+Z$/, 'Choose a new time.'),
});

export type { SessionConversationDeps };

/** The supervisor's answer on the postponement card: reason recorded, new time booked, supervisee told. */
export async function rebookFromCard(deps: SessionConversationDeps, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const parsed = ZRebookData.safeParse(data ?? {});
  // Each field's own sentence (the schema's), never the validator's wording (issue 16 L3).
  if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'That card is not complete.');
  if (!speaker.personId) throw new AppError('forbidden', 'I could not tell who you are.');
  const [startUtc = '', endUtc = ''] = parsed.data.slot.split('|');
  const result = await recordPostponement(deps, {
    agreementId: parsed.data.agreementId,
    sessionId: parsed.data.sessionId,
    byPersonId: speaker.personId,
    reasonId: parsed.data.reasonId,
    reasonText: parsed.data.reason,
    startUtc,
    endUtc,
  });
  const when = `${humanDate(result.session.date)} at ${result.session.start}`;
  const agreement = await deps.agreements.get(parsed.data.agreementId);
  const where = agreement ? citationForPeople(deps.packFor(agreement.terms.policyId), result.lateAgainst?.rule) : 'your policy';
  const late = result.lateAgainst ? ` This is after the policy's deadline of ${humanDate(result.lateAgainst.due)} (${where}).` : '';
  if (agreement && deps.notifier) {
    await deps.notifier.notify(agreement.terms.superviseeId, [text(`Your supervision has been rebooked for ${when}. It is in your calendar.`)]);
  }
  return { replies: [text(`Rebooked for ${when} and the reason recorded.${late}`)] };
}
