import { describe, expect, it } from 'vitest';
import type { PlannedSession } from '../../../src/domain/agreements/types.js';
import { sessionChangeFrom } from '../../../src/domain/sessions/event-change.js';

const session: PlannedSession = {
  sessionId: 'a1-s01', agreementId: 'a1', date: '2026-03-26', start: '10:00', minutes: 90,
  startUtc: '2026-03-26T10:00:00Z', endUtc: '2026-03-26T11:30:00Z', rule: 'SE-F6', status: 'booked', eventId: 'e1',
};

describe('what an Outlook change means for a session', () => {
  it('a new time is a move, in local time across the clock change', () => {
    const change = sessionChangeFrom(session, { eventId: 'e1', kind: 'updated', startUtc: '2026-04-02T09:00:00Z', endUtc: '2026-04-02T10:30:00Z' });
    expect(change).toMatchObject({ kind: 'moved', session: { date: '2026-04-02', start: '10:00', minutes: 90, status: 'moved' } });
  });

  it('the same time is no change', () => {
    expect(sessionChangeFrom(session, { eventId: 'e1', kind: 'updated', startUtc: '2026-03-26T10:00:00.0000000Z', endUtc: '2026-03-26T11:30:00Z' })).toEqual({ kind: 'none' });
  });

  it.each(['cancelled', 'deleted', 'declined'] as const)('%s marks the session postponed (Camden §7 (L142): reason recorded, rebooked)', (kind) => {
    expect(sessionChangeFrom(session, { eventId: 'e1', kind })).toMatchObject({ kind: 'postponed', cause: kind, session: { status: 'postponed' } });
  });

  it('a held session is not changed by a later Outlook edit, and a postponed one is not postponed twice', () => {
    expect(sessionChangeFrom({ ...session, status: 'held' }, { eventId: 'e1', kind: 'deleted' })).toEqual({ kind: 'none' });
    expect(sessionChangeFrom({ ...session, status: 'postponed' }, { eventId: 'e1', kind: 'cancelled' })).toEqual({ kind: 'none' });
  });
});
