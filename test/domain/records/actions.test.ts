import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openActionsFor, overdueActions, trackedActionChanges } from '../../../src/domain/records/actions.js';
import { openRecord, shareVersion, signAsSupervisee } from '../../../src/domain/records/lifecycle.js';
import type { RecordContent, TrackedAction } from '../../../src/domain/records/schema.js';

const tm = { id: 'tm', name: 'Tariq Manager' };
const sw = { id: 'sw', name: 'Sam Worker' };
const base = openRecord({ agreementId: 'a1', sessionId: 'a1-s01', sessionDate: '2026-12-01', policyId: 'sefton', templateId: 'welfare-supervision-record', supervisor: tm, supervisee: sw }, '2026-12-01T11:00:00Z');
const content = (actions: RecordContent['actions']): RecordContent => ({ standingItems: [], agendaItems: [], discussion: 'd', decisions: '', actions, personalIssuesDiscussed: false });
const act = (n: number, due = '2026-12-15') => ({ actionId: `a1-s01-a${n}`, text: `Action ${n}`, ownerId: 'sw', ownerName: 'Sam Worker', due });

function finalWith(actions: RecordContent['actions']) {
  const shared = shareVersion(base, tm, content(actions), 0, '2026-12-01T12:00:00Z');
  return signAsSupervisee(shared, sw, shared.versions[0]!.hash, '2026-12-02T09:00:00Z');
}

describe('tracked actions from a final record (issue 5 item 5)', () => {
  it('a record that is not final tracks nothing', () => {
    expect(trackedActionChanges(shareVersion(base, tm, content([act(1)]), 0, '2026-12-01T12:00:00Z'), [], 't')).toEqual([]);
  });

  it('each action of the final version becomes an open tracked row', () => {
    const changes = trackedActionChanges(finalWith([act(1), act(2)]), [], '2026-12-02T09:00:00Z');
    expect(changes.map((c) => [c.kind, c.action.actionId, c.action.status])).toEqual([['create', 'a1-s01-a1', 'open'], ['create', 'a1-s01-a2', 'open']]);
  });

  it('idempotent: applying the changes and asking again gives nothing', () => {
    const record = finalWith([act(1), act(2)]);
    const rows = trackedActionChanges(record, [], 't').map((c) => c.action);
    expect(trackedActionChanges(record, rows, 't2')).toEqual([]);
  });

  it('a tracked row keeps its status and notes; only words, owner or date follow the record', () => {
    const stored: TrackedAction = { ...act(1), agreementId: 'a1', fromSessionId: 'a1-s01', status: 'done', updatedAt: 't', notes: [{ at: 't', by: 'sw', text: 'did it' }] };
    const [change] = trackedActionChanges(finalWith([act(1, '2026-12-20')]), [stored], 't2');
    expect(change).toMatchObject({ kind: 'update', action: { status: 'done', due: '2026-12-20', notes: [{ text: 'did it' }] } });
  });

  it('property: one row per actionId whatever the order rows were stored in', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 6 }), fc.integer({ min: 0, max: 6 }), (ns, keep) => {
      const record = finalWith(ns.map((n) => act(n)));
      const first = trackedActionChanges(record, [], 't').map((c) => c.action);
      const partial = first.slice(0, keep);
      const second = trackedActionChanges(record, partial, 't');
      return second.every((c) => c.kind === 'create') && second.length === first.length - partial.length;
    }));
  });
});

describe('open and overdue actions', () => {
  const row = (n: number, due: string, status: TrackedAction['status'] = 'open', agreementId = 'a1'): TrackedAction =>
    ({ ...act(n, due), agreementId, fromSessionId: 'a1-s01', status, updatedAt: 't', notes: [] });

  it('openActionsFor: only this agreement\'s open actions, oldest due first', () => {
    const list = [row(1, '2026-12-20'), row(2, '2026-12-10'), row(3, '2026-12-01', 'done'), row(4, '2026-12-05', 'open', 'a2')];
    expect(openActionsFor(list, 'a1').map((a) => a.actionId)).toEqual(['a1-s01-a2', 'a1-s01-a1']);
  });

  it('overdue: open and due before today; due today is not late yet; done or dropped never', () => {
    const list = [row(1, '2026-12-09'), row(2, '2026-12-10'), row(3, '2026-12-01', 'done'), row(4, '2026-12-01', 'dropped')];
    expect(overdueActions(list, '2026-12-10').map((a) => a.actionId)).toEqual(['a1-s01-a1']);
  });

  it('property: overdue ⊆ open, and each overdue action is due strictly before today', () => {
    const status = fc.constantFrom<TrackedAction['status']>('open', 'done', 'dropped');
    fc.assert(fc.property(fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), status })), fc.integer({ min: 1, max: 28 }), (raw, today) => {
      const d = (n: number) => `2026-02-${String(n).padStart(2, '0')}`;
      const list = raw.map((r, i) => row(i + 1, d(r.day), r.status));
      const overdue = overdueActions(list, d(today));
      return overdue.every((a) => a.status === 'open' && a.due < d(today)) && overdue.length === list.filter((a) => a.status === 'open' && a.due < d(today)).length;
    }));
  });
});
