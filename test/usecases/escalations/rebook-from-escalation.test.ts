import { describe, expect, it } from 'vitest';
import { LostRaceError } from '../../../src/repositories/lost-race.js';
import { DID_NOT_TAKE_PLACE, rebookFromEscalation } from '../../../src/usecases/escalations/rebook-from-escalation.js';
import { NOW, OBLIGATION, world } from './fixture.js';
import { YEAR_TABLE } from '../../../src/repositories/agreement-year.js';

const press = (personId: string, obligationId = OBLIGATION) => ({ agreementId: 'ag-1', obligationId, personId });

describe('rebook now (use case)', () => {
  it('a booked session that passed without a record is marked postponed "did not take place" and offered for rebooking', async () => {
    const w = await world();
    const answer = await rebookFromEscalation(w.deps, press('tm'));
    expect(answer).toMatchObject({ kind: 'offer', missed: true, superviseeName: 'SW', today: '2026-03-09', session: { sessionId: 'ag-1-s002', status: 'postponed' } });
    expect((await w.session('ag-1-s002'))?.postponements).toEqual([{ recordedAt: NOW, recordedBy: 'tm', reason: DID_NOT_TAKE_PLACE, fromDate: '2026-02-10', toDate: '2026-02-10' }]);
    // Pressed again: the same session, marked once.
    expect(await rebookFromEscalation(w.deps, press('tm'))).toMatchObject({ kind: 'offer', session: { sessionId: 'ag-1-s002' } });
    expect((await w.session('ag-1-s002'))?.postponements).toHaveLength(1);
  });

  it('only the supervisor books, only from a session obligation, only as its addressee', async () => {
    const w = await world();
    await expect(rebookFromEscalation(w.deps, press('sm'))).rejects.toMatchObject({ code: 'forbidden', message: 'Only the supervisor books supervision sessions.' });
    await expect(rebookFromEscalation(w.deps, press('tm', 'record-shared:session-2026-01-13:2026-01-20'))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(rebookFromEscalation(w.deps, press('hos'))).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('sent to someone else') });
    expect((await w.session('ag-1-s002'))?.status).toBe('booked');
  });

  it('a race it keeps losing is a LostRaceError the person sees, not a silent "nothing to rebook"', async () => {
    const w = await world();
    // Every conditional write of a session loses (someone else always wrote first). The old
    // three-attempt loop gave up silently here and answered "no missed session".
    // Sessions are kept in their agreement's partition of the year table (agreement-year.ts).
    const sessions = w.storage.table(YEAR_TABLE);
    sessions.refuseReplace = true;
    await expect(rebookFromEscalation(w.deps, press('tm'))).rejects.toBeInstanceOf(LostRaceError);
    await expect(rebookFromEscalation(w.deps, press('tm'))).rejects.toMatchObject({ code: 'conflict' });
    expect(sessions.replaceAttempts).toBeGreaterThan(3);
    expect((await w.session('ag-1-s002'))?.status).toBe('booked');
  });

  it('without session records nothing is marked: a session that took place must never become postponed', async () => {
    const w = await world();
    const { records: _records, ...withoutRecords } = w.deps;
    expect(await rebookFromEscalation(withoutRecords, press('tm'))).toEqual({ kind: 'nothing-to-rebook' });
    expect((await w.session('ag-1-s002'))?.status).toBe('booked');
  });
});
