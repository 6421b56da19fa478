import { describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../../src/conversation/context.js';
import { handleMessage, handleVerb } from '../../../src/conversation/handle-message.js';
import type { Notifier } from '../../../src/conversation/notifier.js';
import type { Reply, Speaker } from '../../../src/conversation/reply.js';
import { recordKey } from '../../../src/repositories/tables.js';
import { recordAuditPartition as auditPartitionFor } from '../../../src/repositories/records.js';
import { useAzurite } from '../../support/azurite.js';
import { bookedAgreement, completeCard, people, type Fixture } from '../../usecases/records/fixture.js';

const azurite = useAzurite();

class RecordingNotifier implements Notifier {
  readonly sent: { personId: string; replies: readonly Reply[] }[] = [];
  async notify(personId: string, replies: readonly Reply[]) {
    this.sent.push({ personId, replies });
    return 'delivered' as const;
  }
  to(personId: string) {
    return this.sent.filter((s) => s.personId === personId);
  }
}

const supervisor: Speaker = { personId: people.supervisor.id, displayName: people.supervisor.displayName };
const supervisee: Speaker = { personId: people.supervisee.id, displayName: people.supervisee.displayName };
const stranger: Speaker = { personId: people.stranger.id, displayName: people.stranger.displayName };

function context(f: Fixture, notifier: Notifier): ConversationContext {
  return { directory: f.directory, councilName: 'Testshire', records: f.deps, notifier };
}

const json = (value: unknown) => JSON.stringify(value);
/** The data an Action.Execute button on a rendered card carries, found by verb. */
function buttonData(card: unknown, verb: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o['type'] === 'Action.Execute' && o['verb'] === verb) found.push((o['data'] ?? {}) as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found[0]) throw new Error(`no ${verb} button`);
  return found[0];
}

describe('the record card and sign-off through the conversation verbs (issue 5 items 2–3, 6)', () => {
  it('write record → bad input shown per field → draft survives → share → disagree → amend → sign; double submits change nothing', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const notifier = new RecordingNotifier();
    const ctx = context(f, notifier);

    // "write record": the latest session that needs a record (s02), with the next meeting pre-filled.
    const [opened, more] = await handleMessage(ctx, supervisor, 'write record');
    expect(opened?.kind).toBe('card');
    const editCard = opened?.kind === 'card' ? opened.card : undefined;
    expect(json(editCard)).toContain('"id":"nextMeetingDate"');
    expect(json(editCard)).toContain('"value":"Tuesday 5 January 2027"');
    expect(json(editCard)).toContain('Sign and share with Sam Worker');
    expect(more?.kind === 'text' && more.text).toMatch(/1 more session is waiting/);
    const s2 = buttonData(editCard, 'recordShare');
    expect(s2).toMatchObject({ agreementId: f.agreementId, sessionId: f.sessions[1]!.sessionId, basedOn: '0' });

    // Bad routing data on every record verb: a clear refusal, not a crash.
    for (const verb of ['recordOpen', 'recordSaveDraft', 'recordShare', 'recordNotHeld', 'recordSign', 'recordDisagree', 'recordAmend']) {
      expect(await handleVerb(ctx, supervisor, verb, { agreementId: '../etc', sessionId: 'x y' }), verb).toMatchObject({ refusal: { code: 'invalid_input' } });
    }
    expect(await handleVerb(ctx, supervisor, 'recordOpen', { agreementId: f.agreementId, sessionId: `${f.agreementId}-s09` })).toMatchObject({ refusal: { code: 'not_found' } });
    expect(await handleVerb(ctx, supervisor, 'recordShare', { sessionId: 'x' })).toMatchObject({ refusal: { code: 'invalid_input', message: expect.stringMatching(/my records/) } });
    expect(await handleVerb(ctx, supervisee, 'recordSign', { agreementId: f.agreementId, sessionId: s2['sessionId'], hash: 'nothex' })).toMatchObject({ refusal: { code: 'invalid_input', message: expect.stringMatching(/fingerprint/) } });
    expect(await handleVerb(ctx, supervisor, 'recordNotHeld', { agreementId: f.agreementId, sessionId: s2['sessionId'], notHeldOutcome: 'postponed' })).toMatchObject({ refusal: { code: 'invalid_input', message: expect.stringMatching(/reason the session did not take place/) } });

    // Missing standing item status, an action without owner and due date: messages on the card, what was typed kept.
    const { si0_status: _gone, ...incomplete } = completeCard({ a1_text: 'Phone HR', discussion: 'Typed before the error' });
    const invalid = await handleVerb(ctx, supervisor, 'recordShare', { ...s2, ...incomplete });
    const invalidCard = json(invalid?.card);
    expect(invalidCard).toContain('Please fix the 3 fields marked below.');
    expect(invalidCard).toContain('Mark this item as addressed or not applicable.');
    expect(invalidCard).toContain('Choose who owns this action.');
    expect(invalidCard).toContain('Give the date this action is due.');
    expect(invalidCard).toContain('Typed before the error');
    expect(notifier.sent).toHaveLength(0);

    // Save draft; the draft is in storage and comes back on the card when reopened.
    const saved = await handleVerb(ctx, supervisor, 'recordSaveDraft', { ...s2, ...completeCard({ discussion: 'Draft in progress' }) });
    expect(json(saved?.card)).toContain('Draft saved');
    const stored = await f.stores.records.get(recordKey(f.agreementId, String(s2['sessionId'])));
    expect(stored?.value.draft?.['discussion']).toBe('Draft in progress');
    const reopened = await handleVerb(ctx, supervisor, 'recordOpen', { agreementId: f.agreementId, sessionId: s2['sessionId'] });
    expect(json(reopened?.card)).toContain('Draft in progress');

    // Sign and share: the supervisee gets the review card; a double click sends nothing more.
    const shared = await handleVerb(ctx, supervisor, 'recordShare', { ...s2, ...completeCard() });
    expect(json(shared?.card)).toContain('Signed and shared with Sam Worker (version 1)');
    const again = await handleVerb(ctx, supervisor, 'recordShare', { ...s2, ...completeCard() });
    expect(json(again?.card)).toContain('already shared; nothing changed');
    expect(notifier.to(people.supervisee.id)).toHaveLength(1);
    const review = notifier.to(people.supervisee.id)[0]!.replies[0]!;
    const reviewCard = review.kind === 'card' ? review.card : undefined;
    const sign1 = buttonData(reviewCard, 'recordSign');
    const hash1 = String(sign1['hash']);
    expect(json(reviewCard)).toContain(`fingerprint (SHA-256) ${hash1.slice(0, 12)}`);
    expect(json(reviewCard)).toContain('Book the safeguarding course (owner: Sam Worker; due Tuesday 15 December 2026)');
    expect(json(reviewCard)).toContain('I disagree');

    // Someone else's record: refused on the card and written to the audit log.
    const refused = await handleVerb(ctx, stranger, 'recordOpen', { agreementId: f.agreementId, sessionId: s2['sessionId'] });
    expect(refused).toMatchObject({ refusal: { code: 'forbidden', status: 403 } });
    const audit = await f.stores.audit.list(auditPartitionFor(f.clock.now));
    expect(audit.items.some((e) => e.value.byId === people.stranger.id && e.value.agreementId === f.agreementId && e.value.attempted === 'view')).toBe(true);

    // A wrong hash: the current version is shown with the reason, nothing signed.
    const wrong = await handleVerb(ctx, supervisee, 'recordSign', { ...sign1, hash: 'e'.repeat(64) });
    expect(json(wrong?.card)).toContain('amended after you opened it');

    // Disagree: needs words; then recorded, the supervisor told with an amend button.
    const empty = await handleVerb(ctx, supervisee, 'recordDisagree', { ...sign1, disagreement: ' ' });
    expect(json(empty?.card)).toContain('Please say what you disagree with');
    const disagreed = await handleVerb(ctx, supervisee, 'recordDisagree', { ...sign1, disagreement: 'The due date is too soon.' });
    expect(json(disagreed?.card)).toContain('Your disagreement is recorded');
    const toSupervisor = notifier.to(people.supervisor.id);
    expect(toSupervisor).toHaveLength(1);
    const disputedCard = toSupervisor[0]!.replies[0]!;
    expect(json(disputedCard)).toContain('Sam Worker disagreed: \\"The due date is too soon.\\"');
    const amendData = buttonData(disputedCard.kind === 'card' ? disputedCard.card : undefined, 'recordAmend');
    await handleVerb(ctx, supervisee, 'recordDisagree', { ...sign1, disagreement: 'The due date is too soon.' });
    expect(notifier.to(people.supervisor.id)).toHaveLength(1);

    // Amend: the record card on the latest version; sharing makes version 2, the supervisee asked again.
    expect(await handleVerb(ctx, supervisee, 'recordAmend', amendData)).toMatchObject({ refusal: { code: 'forbidden' } });
    const amendCard = (await handleVerb(ctx, supervisor, 'recordAmend', amendData))?.card;
    expect(json(amendCard)).toContain('Amend the record');
    expect(json(amendCard)).toContain('Sam Worker disagreed with version 1: \\"The due date is too soon.\\"');
    expect(json(amendCard)).toContain('Book the safeguarding course');
    const share2 = buttonData(amendCard, 'recordShare');
    expect(share2['basedOn']).toBe('1');
    await handleVerb(ctx, supervisor, 'recordShare', { ...share2, ...completeCard({ a0_due: '2027-01-20' }) });
    const second = notifier.to(people.supervisee.id)[1]!.replies[0]!;
    expect(json(second)).toContain('The due date is too soon.'); // the disagreement stays part of the record
    const sign2 = buttonData(second.kind === 'card' ? second.card : undefined, 'recordSign');
    expect(sign2['hash']).not.toBe(hash1);

    // Sign: final for both; a double click changes nothing and tells nobody again.
    const signed = await handleVerb(ctx, supervisee, 'recordSign', sign2);
    expect(json(signed?.card)).toContain('Signed by both, final');
    expect(json(signed?.card)).not.toContain('"verb":"recordSign"');
    expect(json(notifier.to(people.supervisor.id).at(-1))).toContain('Signed by both, final');
    const count = notifier.sent.length;
    const replay = await handleVerb(ctx, supervisee, 'recordSign', sign2);
    expect(json(replay?.card)).toContain('already signed');
    expect(notifier.sent).toHaveLength(count);
    expect(f.finals).toEqual([[f.agreementId, s2['sessionId']]]);

    expect(json(await handleMessage(ctx, supervisee, 'write record'))).toContain('Your supervisor writes the record');

    // "my records": both sessions for the supervisor (one final, one not written), each openable.
    const [list] = await handleMessage(ctx, supervisee, 'my records');
    expect(json(list)).toContain('Signed by both, final (version 2)');
    expect(json(list)).toContain('"verb":"recordOpen"');
  });

  it('the session did not take place, from the record card', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const notifier = new RecordingNotifier();
    const ctx = context(f, notifier);
    const [opened] = await handleMessage(ctx, supervisor, 'record');
    const ref = buttonData(opened?.kind === 'card' ? opened.card : undefined, 'recordNotHeld');
    const outcome = await handleVerb(ctx, supervisor, 'recordNotHeld', { ...ref, notHeldOutcome: 'cancelled', notHeldReason: 'Supervisee on leave' });
    expect(json(outcome)).toContain('was cancelled: Supervisee on leave');
    expect(json(notifier.to(people.supervisee.id))).toContain('did not take place');
  });

  it('without records wired, the verbs say so', async () => {
    expect(await handleVerb({ directory: (await bookedAgreement(azurite.connectionString)).directory, councilName: 'x' }, supervisor, 'recordOpen', {})).toMatchObject({ refusal: { code: 'unavailable' } });
  });
});
