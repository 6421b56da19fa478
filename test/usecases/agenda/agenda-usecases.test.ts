import { describe, expect, it } from 'vitest';
import { agendaKey, actionKey } from '../../../src/repositories/tables.js';
import { addAgendaItem, agendaView, removeAgendaItem, upcomingSessions } from '../../../src/usecases/agenda/agenda.js';
import { savePreparation } from '../../../src/usecases/agenda/preparation.js';
import { useAzurite } from '../../support/azurite.js';
import { agendaFixture } from './fixture.js';

const azurite = useAzurite();

describe('agenda use cases against Azurite (issue 5 item 1)', () => {
  it('the agenda is for the next booked session from now; a supervisor sees each supervisee\'s next one', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('u1', { dates: ['2026-11-17', '2026-12-01', '2026-12-15'] });
    await f.book('u2', { supervisee: 'nq', dates: ['2026-11-26'] });
    const mine = await upcomingSessions(f.deps, 'sw');
    expect(mine.map((u) => [u.role, u.session.sessionId])).toEqual([['supervisee', 'u1-s02']]);
    const theirs = await upcomingSessions(f.deps, 'tm');
    expect(theirs.map((u) => [u.role, u.session.sessionId, u.superviseeName])).toEqual([['supervisor', 'u2-s01', 'Nia Newly'], ['supervisor', 'u1-s02', 'Sam Worker']]);
    expect(await upcomingSessions(f.deps, 'other')).toEqual([]);
  });

  it('adds persist before they are acknowledged, record who and when, and the same item id twice adds one item', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('u3', { dates: ['2026-12-01'] });
    const first = await addAgendaItem(f.deps, 'sw', { agreementId: 'u3' }, { itemId: 'i1', kind: 'topic', text: 'training plan' });
    expect(first).toMatchObject({ added: true, number: 1 });
    const stored = await f.agendas.get(agendaKey('u3', 'u3-s01'));
    expect(stored?.value.items).toEqual([{ itemId: 'i1', kind: 'topic', text: 'training plan', addedById: 'sw', addedByRole: 'supervisee', addedAt: '2026-11-23T10:00:00Z' }]);
    const again = await addAgendaItem(f.deps, 'sw', { agreementId: 'u3' }, { itemId: 'i1', kind: 'topic', text: 'training plan' });
    expect(again.added).toBe(false);
    expect((await f.agendas.get(agendaKey('u3', 'u3-s01')))?.etag).toBe(stored?.etag);
  });

  it('two people adding at the same moment: both items land (ETag retry), a double click racing itself lands once', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('u4', { dates: ['2026-12-01'] });
    await Promise.all([
      addAgendaItem(f.deps, 'sw', { agreementId: 'u4' }, { itemId: 'a', kind: 'topic', text: 'caseload' }),
      addAgendaItem(f.deps, 'tm', { agreementId: 'u4' }, { itemId: 'b', kind: 'topic', text: 'audit findings' }),
      addAgendaItem(f.deps, 'sw', { agreementId: 'u4' }, { itemId: 'c', kind: 'case', caseRef: '1234567', text: 'court date' }),
      addAgendaItem(f.deps, 'sw', { agreementId: 'u4' }, { itemId: 'c', kind: 'case', caseRef: '1234567', text: 'court date' }),
    ]);
    const items = (await f.agendas.get(agendaKey('u4', 'u4-s01')))?.value.items ?? [];
    expect(items.map((i) => i.itemId).sort()).toEqual(['a', 'b', 'c']);
    expect(items.find((i) => i.itemId === 'b')).toMatchObject({ addedById: 'tm', addedByRole: 'supervisor' });
  });

  it('refuses strangers, names in case items, and removes by the number shown', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('u5', { dates: ['2026-12-01'] });
    await expect(addAgendaItem(f.deps, 'other', { agreementId: 'u5' }, { itemId: 'x', kind: 'topic', text: 'hello' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addAgendaItem(f.deps, 'sw', { agreementId: 'u5' }, { itemId: 'x', kind: 'case', caseRef: '1234567', text: 'Jayden Smith contact' })).rejects.toThrow(/looks like a person's name.*use only LCS number; no personal details/);
    expect(await f.agendas.get(agendaKey('u5', 'u5-s01'))).toBeUndefined();
    await addAgendaItem(f.deps, 'sw', { agreementId: 'u5' }, { itemId: 'a', kind: 'topic', text: 'one' });
    await addAgendaItem(f.deps, 'sw', { agreementId: 'u5' }, { itemId: 'b', kind: 'topic', text: 'two' });
    const { removed } = await removeAgendaItem(f.deps, 'sw', { agreementId: 'u5' }, 1);
    expect(removed.text).toBe('one');
    const view = await agendaView(f.deps, (await upcomingSessions(f.deps, 'sw')).find((x) => x.agreement.id === 'u5')!);
    expect(view.items.map((n) => [n.number, n.item.text])).toEqual([[1, 'two']]);
  });

  it('the agenda carries the agreement\'s open actions; preparation saves answers and action updates once', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('u6', { dates: ['2026-11-17', '2026-12-01'] });
    await f.action('u6', 'act1', 'u6-s01', 'Book the training');
    await f.action('u6', 'act2', 'u6-s01', 'Update the chronology');
    await f.action('u6', 'act3', 'u6-s01', 'Old, done', 'done');
    const u = (await upcomingSessions(f.deps, 'sw')).find((x) => x.agreement.id === 'u6')!;
    expect((await agendaView(f.deps, u)).carried.map((a) => a.actionId)).toEqual(['act1', 'act2']);

    const input = { agreementId: 'u6', sessionId: 'u6-s02', answers: { p1: 'Tired but fine', p3: '' }, actionUpdates: [{ actionId: 'act1', status: 'done' as const, note: 'Booked for Jan' }, { actionId: 'act2', status: 'open' as const, note: 'Half done' }] };
    const saved = await savePreparation(f.deps, 'sw', input);
    expect(saved).toMatchObject({ actionsDone: 1, notesAdded: 2 });
    expect(saved.answers).toEqual([{ prompt: 'How am I feeling?', answer: 'Tired but fine' }]);
    const agenda = (await f.agendas.get(agendaKey('u6', 'u6-s02')))?.value;
    expect(agenda).toMatchObject({ preparation: [{ prompt: 'How am I feeling?', answer: 'Tired but fine' }], preparationSavedAt: '2026-11-23T10:00:00Z' });
    expect((await f.actions.get(actionKey('u6', 'act1')))?.value).toMatchObject({ status: 'done', notes: [{ by: 'sw', text: 'Booked for Jan' }] });

    // The same card again: nothing more is written.
    const tagBefore = (await f.actions.get(actionKey('u6', 'act2')))?.etag;
    const replay = await savePreparation(f.deps, 'sw', { ...input, actionUpdates: [{ actionId: 'act2', status: 'open', note: 'Half done' }] });
    expect(replay).toMatchObject({ actionsDone: 0, notesAdded: 0 });
    expect((await f.actions.get(actionKey('u6', 'act2')))?.etag).toBe(tagBefore);

    await expect(savePreparation(f.deps, 'tm', input)).rejects.toMatchObject({ code: 'forbidden' });
    // A double click on save: act1 is already done, the second save changes nothing and is not an error.
    const tag1 = (await f.actions.get(actionKey('u6', 'act1')))?.etag;
    expect(await savePreparation(f.deps, 'sw', input)).toMatchObject({ actionsDone: 0, notesAdded: 0 });
    expect((await f.actions.get(actionKey('u6', 'act1')))?.etag).toBe(tag1);
    await expect(savePreparation(f.deps, 'sw', { ...input, actionUpdates: [{ actionId: 'nope', status: 'done' }] })).rejects.toThrow(/not on this agreement/);
    await expect(savePreparation(f.deps, 'sw', { ...input, answers: { p1: 'x'.repeat(4001) } })).rejects.toThrow(/limit is 4000/);
  });
});
