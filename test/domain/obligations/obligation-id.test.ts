import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { computeObligations, type HistoryInput } from '../../../src/domain/obligations/index.js';
import { coveredSpan, formatObligationId, parseObligationId, sessionDateOf, sessionSubject, subjectDate, type ObligationId } from '../../../src/domain/obligations/obligation-id.js';
import { OBLIGATION_KINDS } from '../../../src/domain/obligations/types.js';
import { getPack } from '../../../src/policy/packs.js';

/** Real calendar dates from 1990 to 2100, leap days included. */
const date = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n));
const kind = fc.constantFrom(...OBLIGATION_KINDS);
/** Any text, colons and the literal "no-date" included: a case id or a phase id is not ours to restrict. */
const subject = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('a', ':', '-', '/', '1', 'no-date', ' ') }));
const id = fc.record({ kind, subject, due: fc.option(date, { nil: null }) });

describe('obligation ids: one typed value, one text form (issue 10 item 3)', () => {
  it('format then parse gives the same id back, for every kind, subject and due date', () => {
    fc.assert(fc.property(id, (value: ObligationId) => {
      expect(parseObligationId(formatObligationId(value))).toEqual(value);
    }), { numRuns: 2000 });
  });

  it('every kind round-trips, with and without a date', () => {
    for (const k of OBLIGATION_KINDS) {
      fc.assert(fc.property(subject, fc.option(date, { nil: null }), (s, due) => {
        expect(parseObligationId(formatObligationId({ kind: k, subject: s, due }))).toEqual({ kind: k, subject: s, due });
      }), { numRuns: 100 });
    }
  });

  it('parse then format gives the same text back for every text that names an obligation', () => {
    const text = fc.tuple(kind, subject, fc.oneof(date, fc.constant('no-date'))).map(([k, s, d]) => `${k}:${s}:${d}`);
    fc.assert(fc.property(text, (t) => {
      const parsed = parseObligationId(t);
      expect(parsed).toBeDefined();
      expect(formatObligationId(parsed!)).toBe(t);
    }), { numRuns: 1000 });
  });

  it('keeps the stored form exactly as ledger rows, acknowledgements and audit entries hold it', () => {
    expect(formatObligationId({ kind: 'session-frequency', subject: 'monthly/2026-02-05', due: '2026-03-04' })).toBe('session-frequency:monthly/2026-02-05:2026-03-04');
    expect(formatObligationId({ kind: 'record-signed', subject: sessionSubject('2026-02-10'), due: null })).toBe('record-signed:session-2026-02-10:no-date');
    expect(parseObligationId('postponement-rebooked:session-2026-02-10:2026-02-13')).toEqual({ kind: 'postponement-rebooked', subject: 'session-2026-02-10', due: '2026-02-13' });
    expect(parseObligationId('case-discussion:case-LCS:123/after-2026-01-05:2026-02-02')).toEqual({ kind: 'case-discussion', subject: 'case-LCS:123/after-2026-01-05', due: '2026-02-02' });
  });

  it('a text that names no obligation is refused, not guessed at', () => {
    for (const bad of ['', 'session-frequency', 'session-frequency:2026-03-04', 'no-such-kind:x:2026-03-04', 'session-frequency:x:2026-02-30', 'session-frequency:x:soon', 'record-shared:session-2026-02-10:2026-02-17 ']) {
      expect(parseObligationId(bad), bad).toBeUndefined();
    }
    fc.assert(fc.property(fc.string(), subject, date, (k, s, d) => {
      fc.pre(!(OBLIGATION_KINDS as readonly string[]).includes(k) && !k.includes(':'));
      expect(parseObligationId(`${k}:${s}:${d}`)).toBeUndefined();
    }));
  });

  it('every id the engine computes for a year parses and formats back to itself', () => {
    const history: HistoryInput = {
      agreement: { role: 'social-worker', employmentStart: '2020-01-06', agreementDate: '2026-01-05', supervisor: 'tm', supervisee: 'sw', signed: { supervisor: '2026-01-05', supervisee: '2026-01-05' } },
      sessions: [
        { date: '2026-01-13', status: 'held', record: { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-14' } },
        { date: '2026-02-10', status: 'postponed', reason: 'manager-sick' },
        { date: '2026-03-10', status: 'held' },
      ],
      cases: [{ id: 'LCS:77', category: 'child', allocatedOn: '2026-01-05' }],
      actions: [{ id: 'a1', ownerId: 'sw', due: '2026-02-06' }],
    };
    for (const pack of ['sefton', 'camden']) {
      const all = computeObligations(getPack(pack), history, '2026-12-31');
      expect(all.length).toBeGreaterThan(5);
      for (const o of all) {
        const parsed = parseObligationId(o.id);
        expect(parsed, o.id).toEqual({ kind: o.kind, subject: o.subject, due: o.due });
        expect(formatObligationId(parsed!)).toBe(o.id);
      }
    }
  });
});

describe('subjects read back from an id', () => {
  it('a session subject gives its date back', () => {
    fc.assert(fc.property(date, kind, (d, k) => {
      expect(sessionDateOf({ subject: sessionSubject(d) })).toBe(d);
      expect(sessionDateOf(parseObligationId(formatObligationId({ kind: k, subject: sessionSubject(d), due: null }))!)).toBe(d);
    }));
    expect(sessionDateOf({ subject: 'monthly/2026-02-05' })).toBeUndefined();
    expect(sessionDateOf({ subject: 'session-2026-02-10-extra' })).toBeUndefined();
  });

  it('a frequency obligation covers its subject date to its due date', () => {
    fc.assert(fc.property(date, date, fc.constantFrom('monthly/', 'monthly/after-', 'first-three-months/first-from-', 'shifts-after-'), (from, to, prefix) => {
      expect(coveredSpan({ subject: `${prefix}${from}`, due: to })).toEqual({ from, to });
    }));
    expect(coveredSpan({ subject: 'shifts-after-start', due: '2026-03-04' })).toBeUndefined();
    expect(coveredSpan({ subject: 'monthly/2026-02-05', due: null })).toBeUndefined();
  });

  it('an undated obligation is chased from the first date its subject names', () => {
    expect(subjectDate({ subject: 'session-2026-02-10' })).toBe('2026-02-10');
    expect(subjectDate({ subject: 'case-7/after-2026-01-05' })).toBe('2026-01-05');
    expect(subjectDate({ subject: 'records' })).toBeUndefined();
    expect(subjectDate({ subject: 'session-2026-02-30' })).toBeUndefined();
  });
});
