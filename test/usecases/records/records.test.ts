import { describe, expect, it } from 'vitest';
import { actionSlotIds } from '../../../src/domain/records/form.js';
import { listActions, recordKey } from '../../../src/repositories/tables.js';
import { sessionKey } from '../../../src/repositories/tables.js';
import { amendRecord } from '../../../src/usecases/records/amend-record.js';
import { recordAuditPartition as auditPartitionFor } from '../../../src/repositories/records.js';
import { disagreeWithRecord } from '../../../src/usecases/records/disagree-with-record.js';
import { listMyRecords } from '../../../src/usecases/records/list-my-records.js';
import { openRecordForSession } from '../../../src/usecases/records/open-record.js';
import { recordSessionNotHeld } from '../../../src/usecases/records/record-not-held.js';
import { recordsToWrite } from '../../../src/usecases/records/records-to-write.js';
import { saveRecordDraft } from '../../../src/usecases/records/save-draft.js';
import { shareRecord } from '../../../src/usecases/records/share-record.js';
import { signRecord } from '../../../src/usecases/records/sign-record.js';
import { viewRecord } from '../../../src/usecases/records/view-record.js';
import { useAzurite } from '../../support/azurite.js';
import { bookedAgreement, completeCard, people } from './fixture.js';

const azurite = useAzurite();
const tm = { id: people.supervisor.id, name: people.supervisor.displayName };
const sw = { id: people.supervisee.id, name: people.supervisee.displayName };
const stranger = { id: people.stranger.id, name: people.stranger.displayName };

describe('the record of a session, end to end through the use cases (issue 5 items 2, 3, 5, 6)', () => {
  it('open (once), draft, share, disagree, amend, sign: final with tracked actions and onFinal once; replays change nothing', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const s1 = f.sessions[0]!.sessionId;
    const ref = { agreementId: f.agreementId, sessionId: s1 };

    // Open: two racing callers, one record.
    const [a, b] = await Promise.all([openRecordForSession(f.deps, f.agreementId, s1), openRecordForSession(f.deps, f.agreementId, s1)]);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(a.record).toMatchObject({ status: 'draft', templateId: 'bic-531', supervisor: tm, supervisee: sw, sessionDate: '2026-12-01' });
    await expect(openRecordForSession(f.deps, f.agreementId, f.sessions[2]!.sessionId)).rejects.toMatchObject({ code: 'conflict' });
    expect(await recordsToWrite(f.deps, tm.id)).toEqual([
      { agreementId: f.agreementId, sessionId: f.sessions[1]!.sessionId, date: '2026-12-02' },
      { agreementId: f.agreementId, sessionId: s1, date: '2026-12-01' },
    ]);

    // Draft: stored, comes back; the same fields again change nothing; only the supervisor writes.
    const drafted = await saveRecordDraft(f.deps, tm, { ...ref, fields: { discussion: 'half done', si0_status: 'addressed', agreementId: 'ignored' } });
    expect(drafted.draft).toEqual({ discussion: 'half done', si0_status: 'addressed' });
    f.clock.now = '2026-12-02T12:01:00Z';
    const again = await saveRecordDraft(f.deps, tm, { ...ref, fields: { discussion: 'half done', si0_status: 'addressed' } });
    expect(again.updatedAt).toBe(drafted.updatedAt);
    await expect(saveRecordDraft(f.deps, sw, { ...ref, fields: {} })).rejects.toMatchObject({ code: 'forbidden' });

    // Share: invalid first (standing item 4 has no status, an action without owner or date).
    const actionIds = actionSlotIds(s1, []);
    const { si4_status: _missing, ...noItem4 } = completeCard({ a1_text: 'Read the lone working policy' });
    const invalid = await shareRecord(f.deps, tm, { ...ref, basedOn: 0, fields: noItem4, actionIds });
    expect(invalid.kind === 'invalid' && invalid.errors).toEqual({
      si4_status: 'Mark this item as addressed or not applicable.',
      a1_owner: 'Choose who owns this action.',
      a1_due: 'Give the date this action is due.',
    });
    const shared = await shareRecord(f.deps, tm, { ...ref, basedOn: 0, fields: completeCard(), actionIds });
    expect(shared.kind).toBe('shared');
    const v1 = shared.kind === 'shared' ? shared.record.versions[0]! : undefined;
    expect(v1?.content.agendaItems).toEqual([{ text: 'Case review', caseRef: 'LCS-12345' }]);
    expect(v1?.content.nextMeetingDate).toBeUndefined();
    expect(v1?.supervisorSignature).toMatchObject({ signerId: tm.id, hash: v1?.hash });
    const replay = await shareRecord(f.deps, tm, { ...ref, basedOn: 0, fields: completeCard(), actionIds });
    expect(replay).toMatchObject({ kind: 'shared', changed: false });
    expect((await f.stores.records.get(recordKey(f.agreementId, s1)))?.value.versions).toHaveLength(1);
    expect((await f.stores.sessions.get(sessionKey(f.agreementId, s1)))?.value.status).toBe('held');

    // Someone else: refused, and the refusal is in the audit log (ids only).
    await expect(viewRecord(f.deps, stranger.id, ref)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only the supervisor and the supervisee/) });
    await expect(signRecord(f.deps, stranger, { ...ref, hash: v1!.hash })).rejects.toMatchObject({ code: 'forbidden' });
    const audit = await f.stores.audit.list(auditPartitionFor(f.clock.now));
    const mine = audit.items.filter((e) => e.value.agreementId === f.agreementId);
    expect(mine.map((e) => [e.value.byId, e.value.sessionId, e.value.attempted])).toEqual([[stranger.id, s1, 'view'], [stranger.id, s1, 'sign']]);
    expect(JSON.stringify(mine)).not.toContain('Nosey');
    expect((await viewRecord(f.deps, sw.id, ref)).status).toBe('shared');

    // Disagree: a wrong hash is refused; then recorded once.
    await expect(disagreeWithRecord(f.deps, sw, { ...ref, hash: 'f'.repeat(64), text: 'No' })).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(disagreeWithRecord(f.deps, sw, { ...ref, hash: v1!.hash, text: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    const disputed = await disagreeWithRecord(f.deps, sw, { ...ref, hash: v1!.hash, text: 'The course date is wrong.' });
    expect(disputed).toMatchObject({ changed: true, record: { status: 'disputed' } });
    expect((await disagreeWithRecord(f.deps, sw, { ...ref, hash: v1!.hash, text: 'The course date is wrong.' })).changed).toBe(false);

    // Amend: a new version, both sign again, the disagreement kept.
    const opened = await amendRecord(f.deps, tm, ref);
    expect(opened.versions).toHaveLength(1);
    await expect(amendRecord(f.deps, sw, ref)).rejects.toMatchObject({ code: 'forbidden' });
    const amended = await shareRecord(f.deps, tm, { ...ref, basedOn: 1, fields: completeCard({ a0_due: '2027-01-10' }), actionIds: actionSlotIds(s1, opened.versions[0]!.content.actions.map((x) => x.actionId)) });
    expect(amended.kind === 'shared' && amended.record).toMatchObject({ status: 'shared', versions: [{ version: 1 }, { version: 2 }] });
    const v2 = amended.kind === 'shared' ? amended.record.versions[1]! : undefined;
    expect(v2?.hash).not.toBe(v1!.hash);
    expect(amended.kind === 'shared' && amended.record.versions[0]?.disagreement?.text).toBe('The course date is wrong.');
    // The stale card (basedOn 0) cannot add a third version.
    await expect(shareRecord(f.deps, tm, { ...ref, basedOn: 0, fields: completeCard({ discussion: 'other' }), actionIds })).rejects.toMatchObject({ code: 'precondition_failed' });

    // Sign: the old hash is refused; the new one makes it final; a replay changes nothing.
    await expect(signRecord(f.deps, sw, { ...ref, hash: v1!.hash })).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(signRecord(f.deps, tm, { ...ref, hash: v2!.hash })).rejects.toMatchObject({ code: 'forbidden' });
    const signed = await signRecord(f.deps, sw, { ...ref, hash: v2!.hash });
    expect(signed).toMatchObject({ changed: true, record: { status: 'final' } });
    expect(signed.record.versions[1]?.superviseeSignature?.hash).toBe(v2!.hash);
    expect(f.finals).toEqual([[f.agreementId, s1]]);
    const tracked = (await listActions(f.stores.actions, f.agreementId)).map((i) => i.value);
    expect(tracked).toMatchObject([{ actionId: `${s1}-a1`, ownerId: sw.id, due: '2027-01-10', status: 'open', fromSessionId: s1 }]);
    const replaySign = await signRecord(f.deps, sw, { ...ref, hash: v2!.hash });
    expect(replaySign.changed).toBe(false);
    expect(f.finals).toHaveLength(1);
    expect(await listActions(f.stores.actions, f.agreementId)).toHaveLength(1);
    await expect(amendRecord(f.deps, tm, ref)).rejects.toMatchObject({ code: 'conflict' });

    // Listed for both parties, not for anyone else.
    expect((await listMyRecords(f.deps, tm.id)).map((r) => [r.record.sessionId, r.party])).toEqual([[s1, 'supervisor']]);
    expect((await listMyRecords(f.deps, sw.id)).map((r) => r.party)).toEqual(['supervisee']);
    expect(await listMyRecords(f.deps, stranger.id)).toEqual([]);
  });

  it('the session did not take place: recorded with the reason, the session marked postponed; only from a draft', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const s2 = f.sessions[1]!.sessionId;
    const ref = { agreementId: f.agreementId, sessionId: s2 };
    await openRecordForSession(f.deps, f.agreementId, s2);
    await expect(recordSessionNotHeld(f.deps, tm, { ...ref, outcome: 'postponed', reason: ' ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(recordSessionNotHeld(f.deps, sw, { ...ref, outcome: 'postponed', reason: 'Ill' })).rejects.toMatchObject({ code: 'forbidden' });
    const record = await recordSessionNotHeld(f.deps, tm, { ...ref, outcome: 'postponed', reason: 'Supervisor off sick' });
    expect(record).toMatchObject({ status: 'not-held', notHeld: { outcome: 'postponed', reason: 'Supervisor off sick' } });
    const session = (await f.stores.sessions.get(sessionKey(f.agreementId, s2)))?.value;
    expect(session).toMatchObject({ status: 'postponed', postponements: [{ reason: 'Supervisor off sick', recordedBy: tm.id }] });
    // A double click: nothing more.
    await recordSessionNotHeld(f.deps, tm, { ...ref, outcome: 'postponed', reason: 'Supervisor off sick' });
    expect((await f.stores.sessions.get(sessionKey(f.agreementId, s2)))?.value.postponements).toHaveLength(1);
    await expect(shareRecord(f.deps, tm, { ...ref, basedOn: 0, fields: completeCard(), actionIds: actionSlotIds(s2, []) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('Camden §6 (L102) CA-E2: a postponement needs one of the reasons the policy allows; changes reach the sweep hook', async () => {
    const f = await bookedAgreement(azurite.connectionString, { policyId: 'camden', roleId: 'social-worker' });
    const changed: string[] = [];
    const deps = { ...f.deps, onChange: async (agreementId: string) => { changed.push(agreementId); throw new Error('sweep busy'); } };
    const s1 = f.sessions[0]!.sessionId;
    const ref = { agreementId: f.agreementId, sessionId: s1 };
    await openRecordForSession(deps, f.agreementId, s1);
    await expect(recordSessionNotHeld(deps, tm, { ...ref, outcome: 'postponed', reason: 'Training day' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Choose one of the reasons your policy allows for a postponement: An urgent situation has arisen on a case.*\(.*section 6.*\)\.$/) });
    // People read the policy's paragraph, never its rule id (issue 15 item 3).
    await expect(recordSessionNotHeld(deps, tm, { ...ref, outcome: 'postponed', reason: 'Training day' })).rejects.toSatisfy((e: Error) => !/CA-E2|L102|Camden/.test(e.message));
    await expect(recordSessionNotHeld(deps, tm, { ...ref, outcome: 'postponed', reason: '', reasonId: 'training' })).rejects.toMatchObject({ code: 'invalid_input' });
    const record = await recordSessionNotHeld(deps, tm, { ...ref, outcome: 'postponed', reason: 'LCS-77 strategy meeting', reasonId: 'urgent-case-situation' });
    expect(record.notHeld?.reason).toBe('An urgent situation has arisen on a case: LCS-77 strategy meeting');
    expect((await f.stores.sessions.get(sessionKey(f.agreementId, s1)))?.value.postponements).toMatchObject([{ reasonId: 'urgent-case-situation' }]);
    expect(changed).toEqual([f.agreementId]); // told once; its failure did not fail the action

    // A cancellation takes a free-text reason.
    const s2 = f.sessions[1]!.sessionId;
    await openRecordForSession(deps, f.agreementId, s2);
    expect((await recordSessionNotHeld(deps, tm, { agreementId: f.agreementId, sessionId: s2, outcome: 'cancelled', reason: 'Supervisee left the team' })).notHeld?.outcome).toBe('cancelled');
  });
});
