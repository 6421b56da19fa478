import { beforeAll, describe, expect, it } from 'vitest';
import type { PlannedSession } from '../../src/domain/agreements/types.js';
import type { RecordFormView, RecordShareAnswer, RecordToWriteView } from '../../src/usecases/tab/views.js';
import { asPerson, refusalsBy, useTabWorld } from '../support/tab-world.js';

/**
 * Issue 14 item 2 in the tab: the supervision record form records case discussions — a case item
 * by its reference and its category as the pack names it, discussed or not, closed or transferred
 * — through the record card's schema (ZShare) and use case (shareRecord). Sefton ¶7.1 (L235-L238)
 * a case record every month for a child (Camden §6 (L122-L128) sets a cadence per category); Leeds
 * §D (L108) only the supervisor writes the record; Sefton ¶10 (L279) a record only to its two
 * parties, every other attempt refused and audited.
 */
const world = useTabWorld();

const as = asPerson(world);

let session: PlannedSession;
let superviseeAlias: string;
beforeAll(async () => {
  const w = world();
  const agreementId = w.seeded.second.agreementId;
  const agreement = await w.repos.agreements.get(agreementId);
  superviseeAlias = w.tenant.org.people.find((p) => p.id === agreement?.terms.superviseeId)?.alias ?? '';
  const sessions = await w.repos.agreements.sessions(agreementId);
  session = sessions.filter((s) => s.endUtc < new Date().toISOString()).sort((a, b) => (a.startUtc < b.startUtc ? -1 : 1))[0]!;
  const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const by = { addedById: agreement!.terms.superviseeId, addedByRole: 'supervisee' as const, addedAt: at };
  await w.repos.records.applyAgenda(agreementId, session.sessionId, () => ({
    next: {
      agreementId, sessionId: session.sessionId, preparation: [], updatedAt: at,
      items: [
        { itemId: 'case-1', kind: 'case', text: 'Planning for the review conference', caseRef: 'LCS 1234567', ...by },
        { itemId: 'topic-1', kind: 'topic', text: 'Training plan for the year', ...by },
      ],
    },
    result: undefined,
  }));
}, 60_000);

describe('the supervision record form in the tab, with case discussions (issue 14 item 2)', () => {
  it('the supervisor finds the session to write up', async () => {
    const todo = (await as('tm1', '/api/tab/records-to-write')).json as RecordToWriteView[];
    expect(todo.map((r) => r.sessionId)).toContain(session.sessionId);
    expect((await as(superviseeAlias, '/api/tab/records-to-write')).json).toEqual([]);
  });

  it('a stranger is refused the form and the share in plain words, each refusal audited; the supervisee cannot write it (Leeds §D (L108))', async () => {
    const w = world();
    const path = `/api/tab/records/${session.agreementId}/${session.sessionId}/form`;
    const form = await as('tm3', path);
    expect(form.status).toBe(403);
    expect((form.json as { error: { message: string } }).error.message).toBe('Only the supervisor and the supervisee of this session can see or act on its record.');
    const share = await as('tm3', '/api/tab/records/share', { agreementId: session.agreementId, sessionId: session.sessionId, basedOn: '0', actionIds: 'x1', discussion: 'Nothing.' });
    expect(share.status).toBe(403);
    expect(await refusalsBy(w, 'tm3')).toEqual(expect.arrayContaining(['tab.record.form', 'tab.record.share']));
    // Nothing was written for them (the record-card job may have opened the empty record meanwhile).
    expect((await w.repos.records.get(session.agreementId, session.sessionId))?.versions ?? []).toEqual([]);

    const supervisee = await as(superviseeAlias, path);
    expect(supervisee.status).toBe(403);
    expect((supervisee.json as { error: { message: string } }).error.message).toBe('Only the supervisor writes and shares the record.');
  });

  it('the form offers each case item its category in the pack\'s words; a discussed case with no category is refused in the card\'s words; then the case discussion is recorded (Sefton ¶7.1 (L235-L238))', async () => {
    const w = world();
    const form = (await as('tm1', `/api/tab/records/${session.agreementId}/${session.sessionId}/form`)).json as RecordFormView;
    expect(form.agendaItems[0]).toMatchObject({ caseRef: 'LCS 1234567', categoryId: 'c0_category', discussedId: 'c0_discussed', closedId: 'c0_closed' });
    expect(form.agendaItems[1]?.categoryId).toBeUndefined();
    expect(form.caseCategories[0]).toEqual({ id: 'child', label: 'Child or young person under 18 (a case record every month)' });
    expect(form.standingItems.length).toBeGreaterThan(0);

    const fields: Record<string, string> = {
      agreementId: form.agreementId, sessionId: form.sessionId, basedOn: String(form.basedOn), actionIds: form.actionIds.join(','),
      discussion: 'Talked through the review conference plan.', decisions: 'Ask for the conference date.', personalIssues: 'no',
      c0_discussed: 'true', a0_text: 'Confirm the conference date', a0_owner: 'supervisee', a0_due: form.sessionDate,
    };
    for (const item of form.standingItems) fields[item.statusId] = 'addressed';
    const invalid = (await as('tm1', '/api/tab/records/share', fields)).json as RecordShareAnswer;
    expect(invalid.kind).toBe('invalid');
    if (invalid.kind === 'invalid') {
      expect(invalid.errors).toEqual({ c0_category: 'Choose the category of this case, so its next discussion is known.' });
      // Nothing typed is lost: kept as the draft, and the form comes back with it.
      expect(invalid.form.values['discussion']).toBe('Talked through the review conference plan.');
      expect((await w.repos.records.require(session.agreementId, session.sessionId)).draft?.['discussion']).toBe('Talked through the review conference plan.');
    }
    // A category the pack does not name is refused too.
    const unknown = (await as('tm1', '/api/tab/records/share', { ...fields, c0_category: 'not-a-category' })).json as RecordShareAnswer;
    expect(unknown.kind === 'invalid' && unknown.errors['c0_category']).toBe('Choose one of the case categories listed.');
    // Input the schema cannot read is refused before any use case runs.
    expect((await as('tm1', '/api/tab/records/share', { ...fields, actionIds: '' })).status).toBe(400);

    const shared = (await as('tm1', '/api/tab/records/share', { ...fields, c0_category: 'child' })).json as RecordShareAnswer;
    expect(shared.kind).toBe('shared');
    if (shared.kind !== 'shared') return;
    expect(shared.record.status).toBe('shared');
    const record = await w.repos.records.require(session.agreementId, session.sessionId);
    expect(record.versions[0]?.content.agendaItems).toEqual([
      { text: 'Planning for the review conference', caseRef: 'LCS 1234567', category: 'child', discussed: true },
      { text: 'Training plan for the year' },
    ]);
    expect(record.versions[0]?.supervisorSignature.signerId).toBe(w.person('tm1').id);
    // Written up: no longer to write.
    expect(((await as('tm1', '/api/tab/records-to-write')).json as RecordToWriteView[]).map((r) => r.sessionId)).not.toContain(session.sessionId);
  });
});
