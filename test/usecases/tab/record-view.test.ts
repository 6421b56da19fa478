import { describe, expect, it } from 'vitest';
import { tellSupervisorOfDisagreement, tellSupervisorOfSignature } from '../../../src/conversation/records/flow.js';
import type { Notifier } from '../../../src/conversation/notifier.js';
import type { Reply } from '../../../src/conversation/reply.js';
import { actionSlotIds } from '../../../src/domain/records/form.js';
import { standingItemsFor } from '../../../src/domain/records/template.js';
import { getPack } from '../../../src/policy/packs.js';
import { openRecordForSession } from '../../../src/usecases/records/open-record.js';
import { shareRecord } from '../../../src/usecases/records/share-record.js';
import { disagreeFromTab, signFromTab } from '../../../src/usecases/tab/record-view.js';
import { useAzurite } from '../../support/azurite.js';
import { bookedAgreement, people, type Fixture } from '../records/fixture.js';

/**
 * A supervisee who signs or disagrees in the tab: the supervisor is told in chat, as from the
 * review card (Central Bedfordshire cl.10 (L249): the supervisee's disagreement is recorded;
 * Buckinghamshire (L44): amendments only by the supervisor after discussing it with them), and
 * the tab says only what happened — "has been asked to amend it" when the chat was reached, "will
 * see it when they open the record" when not (issue 15 item 2: a delivery message never claims
 * something the product does not know).
 */
const azurite = useAzurite();
const tm = { id: people.supervisor.id, name: people.supervisor.displayName };
const sw = { id: people.supervisee.id, name: people.supervisee.displayName };

class Chats implements Notifier {
  readonly sent: { personId: string; replies: readonly Reply[] }[] = [];
  constructor(private readonly reachable: boolean) {}
  async notify(personId: string, replies: readonly Reply[]) {
    if (!this.reachable) return 'unreachable' as const;
    this.sent.push({ personId, replies });
    return 'delivered' as const;
  }
}

async function sharedRecord(f: Fixture): Promise<{ agreementId: string; sessionId: string; hash: string }> {
  const s1 = f.sessions[0]!;
  await openRecordForSession(f.deps, f.agreementId, s1.sessionId);
  const fields: Record<string, string> = { discussion: 'Caseload and training.', personalIssues: 'no' };
  standingItemsFor(getPack('sefton'), 'social-worker').forEach((_, i) => { fields[`si${i}_status`] = 'addressed'; });
  const shared = await shareRecord(f.deps, tm, { agreementId: f.agreementId, sessionId: s1.sessionId, basedOn: 0, actionIds: actionSlotIds(s1.sessionId, []), fields });
  if (shared.kind !== 'shared') throw new Error(`not shared: ${JSON.stringify(shared)}`);
  const hash = shared.record.versions.at(-1)?.hash ?? '';
  return { agreementId: f.agreementId, sessionId: s1.sessionId, hash };
}

const text = (r: readonly Reply[]) => JSON.stringify(r);

describe('signing or disagreeing in the tab tells the supervisor, and says so only when it did', () => {
  it('a disagreement reaches the supervisor with the words and an amend button, once; the tab says the supervisor was asked (Central Bedfordshire cl.10 (L249))', async () => {
    const f = await bookedAgreement(azurite.connectionString, { policyId: 'sefton', roleId: 'social-worker' });
    const ref = await sharedRecord(f);
    const chats = new Chats(true);
    const deps = { records: f.deps, recordDisagreed: (r: Parameters<typeof tellSupervisorOfDisagreement>[1], t: string) => tellSupervisorOfDisagreement(chats, r, t) };
    const first = await disagreeFromTab(deps, sw, { ...ref, text: 'The due date is too soon.' });
    expect(first).toMatchObject({ changed: true, supervisorTold: true });
    expect(chats.sent.map((s) => s.personId)).toEqual([people.supervisor.id]);
    expect(text(chats.sent[0]!.replies)).toContain('Sam Worker disagreed: \\"The due date is too soon.\\"');
    expect(text(chats.sent[0]!.replies)).toContain('recordAmend');
    const again = await disagreeFromTab(deps, sw, { ...ref, text: 'The due date is too soon.' }).catch((e: unknown) => e);
    expect(chats.sent).toHaveLength(1);
    expect(again).not.toMatchObject({ supervisorTold: true });
  });

  it('when the supervisor\'s chat cannot be reached, the tab is told so (supervisorTold false), and the disagreement is still stored', async () => {
    const f = await bookedAgreement(azurite.connectionString, { policyId: 'sefton', roleId: 'social-worker' });
    const ref = await sharedRecord(f);
    const deps = { records: f.deps, recordDisagreed: (r: Parameters<typeof tellSupervisorOfDisagreement>[1], t: string) => tellSupervisorOfDisagreement(new Chats(false), r, t) };
    const result = await disagreeFromTab(deps, sw, { ...ref, text: 'Not what we agreed.' });
    expect(result).toMatchObject({ changed: true, supervisorTold: false });
    expect(result.record.disagreements.map((d) => d.text)).toEqual(['Not what we agreed.']);
  });

  it('the supervisee\'s signature reaches the supervisor as "signed by both, final", once', async () => {
    const f = await bookedAgreement(azurite.connectionString, { policyId: 'sefton', roleId: 'social-worker' });
    const ref = await sharedRecord(f);
    const chats = new Chats(true);
    const deps = { records: f.deps, recordSigned: (r: Parameters<typeof tellSupervisorOfSignature>[1]) => tellSupervisorOfSignature(chats, r) };
    expect(await signFromTab(deps, sw, ref)).toMatchObject({ changed: true, supervisorTold: true });
    expect(await signFromTab(deps, sw, ref)).toMatchObject({ changed: false, supervisorTold: false });
    expect(chats.sent.map((s) => s.personId)).toEqual([people.supervisor.id]);
    expect(text(chats.sent[0]!.replies)).toContain('Signed by both, final');
  });
});
