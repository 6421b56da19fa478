import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { parseEscalationSettings } from '../../../src/domain/escalation/index.js';
import type { Obligation } from '../../../src/domain/obligations/types.js';
import { complianceCsv, summarise, zeroCounts } from '../../../src/usecases/compliance/index.js';

const cal = createWorkingCalendar({ nation: 'england-and-wales' });
const o = (kind: Obligation['kind'], due: string | null, metOn?: string, subject = 'session-2026-03-02'): Obligation => ({
  id: `${kind}:${subject}:${due}`, kind, subject, status: 'due', due, ...(metOn ? { metOn } : {}), responsible: 'supervisor', severity: 'breach', rule: 'r', detail: 'd',
});

describe('compliance summary', () => {
  it('counts only what fell due in the period: held, late, lapsed; records late', () => {
    const list = [
      o('session-frequency', '2026-03-04', '2026-03-02'), o('session-frequency', '2026-03-11', '2026-03-12'), o('session-frequency', '2026-03-18'),
      o('session-frequency', '2026-03-31'), o('session-frequency', '2026-04-30'),
      o('record-shared', '2026-03-09', '2026-03-10'), o('record-shared', '2026-03-09', '2026-03-09'), o('record-signed', null),
    ];
    expect(summarise(list, '2026-03-01', '2026-03-31', cal)).toEqual({ ...zeroCounts(), sessionsDue: 4, sessionsHeld: 1, sessionsLate: 1, sessionsLapsed: 1, recordsLate: 1 });
    // A signature with no day limit counts only once the council set a chase date (K13).
    const settings = parseEscalationSettings({ lineManagerAfterWorkingDays: 3, nextTierAfterWorkingDays: 5, fallback: { personId: 'x', role: 'Head of Service' } });
    expect(summarise(list, '2026-03-01', '2026-03-31', cal, settings).recordsLate).toBe(2);
  });

  it('CSV: quoted where needed, a formula-looking cell neutralised', () => {
    const row = { scope: 'person' as const, id: '=cmd', supervisorId: 'a,b', people: 1, ...zeroCounts() };
    expect(complianceCsv([row]).split('\r\n')[1]).toBe(`person,'=cmd,"a,b",1,0,0,0,0,0,0`);
  });
});
