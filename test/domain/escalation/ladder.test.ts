import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { composeDigest, dueSteps, parseEscalationSettings, type DueStep, type LadderInput, type LedgerEntry } from '../../../src/domain/escalation/index.js';
import { statusOf } from '../../../src/domain/obligations/judge.js';
import type { Obligation } from '../../../src/domain/obligations/types.js';
import { getPack } from '../../../src/policy/packs.js';

const cal = createWorkingCalendar({ nation: 'england-and-wales' });
const sefton = getPack('sefton');
const camden = getPack('camden');
const settings = parseEscalationSettings({
  reference: 'Escalation settings 2026',
  lineManagerAfterWorkingDays: 3,
  nextTierAfterWorkingDays: 5,
  fallback: { personId: 'hos', role: 'Head of Service' },
});
// sw → tm → sm → ad: the supervisee's line manager is the supervisor.
const chains: Record<string, string[]> = { sw: ['tm', 'sm', 'ad'], tm: ['sm', 'ad'], sm: ['ad'], ad: [], orphan: [] };
const chainOf = (id: string): string[] => chains[id] ?? [];

/** An obligation as the engine would give it at `at`, done on `metOn` (if ever). */
function ob(kind: Obligation['kind'], due: string | null, at: string, metOn?: string, responsible: Obligation['responsible'] = 'supervisor'): Obligation {
  const m = metOn !== undefined && metOn <= at ? metOn : undefined;
  return {
    id: `${kind}:x:${due ?? 'no-date'}`, kind, subject: 'session-2026-03-02', status: statusOf(due, m, at, 'must'), due, ...(m ? { metOn: m } : {}),
    responsible, modality: 'must', severity: 'breach', rule: 'SE-F10 Sefton ¶3.12 (L98)', detail: 'a session in March',
  };
}

function input(o: Obligation, today: string, ledger: LedgerEntry[], extra: Partial<LadderInput> = {}): LadderInput {
  return { agreementId: 'a1', obligation: o, today, calendar: cal, pack: sefton, settings, parties: { supervisorId: 'tm', superviseeId: 'sw' }, chainOf, ledger, acknowledged: false, ...extra };
}

/** Runs the ladder every calendar day from `from` for `days`, feeding the ledger like the sweep. */
function run(kind: Obligation['kind'], due: string | null, from: string, days: number, opts: { metOn?: string; ackOn?: string; responsible?: Obligation['responsible']; extra?: Partial<LadderInput> } = {}): (DueStep & { day: string })[] {
  const ledger: LedgerEntry[] = [];
  const sent: (DueStep & { day: string })[] = [];
  for (let i = 0; i < days; i += 1) {
    const day = addDays(from, i);
    const steps = dueSteps(input(ob(kind, due, day, opts.metOn, opts.responsible), day, ledger, { acknowledged: opts.ackOn !== undefined && day >= opts.ackOn, ...opts.extra }));
    for (const s of steps) {
      ledger.push({ obligationId: s.obligationId, step: s.step, recipientId: s.recipientId, day });
      sent.push({ ...s, day });
    }
  }
  return sent;
}

const brief = (xs: (DueStep & { day: string })[]): string[] => xs.map((s) => `${s.day} ${s.step} ${s.recipientId}${s.fallback ? ' (fallback)' : ''}`);

describe('escalation ladder', () => {
  it('reminds, nudges on the due day, escalates to the line manager after 3 working days, then the next tier after 5 more', () => {
    // Due Tuesday 2026-03-31; Good Friday 2026-04-03 and Easter Monday 2026-04-06 are not working days.
    expect(brief(run('session-frequency', '2026-03-31', '2026-03-20', 40))).toEqual([
      '2026-03-27 reminder tm',
      '2026-03-31 nudge tm',
      '2026-04-07 line-manager sm',
      '2026-04-14 next-tier ad',
    ]);
  });

  it('a due date on a Saturday is nudged on the Friday before; late from the Sunday', () => {
    const steps = run('record-shared', '2026-03-07', '2026-03-01', 20);
    expect(brief(steps)).toEqual(['2026-03-05 reminder tm', '2026-03-06 nudge tm', '2026-03-11 line-manager sm', '2026-03-18 next-tier ad']);
    expect(steps[2]?.lateSince).toBe('2026-03-08');
  });

  it('each step says what, since when and which paragraph; local configuration is shown as such', () => {
    const lm = run('session-frequency', '2026-03-31', '2026-03-20', 40).find((s) => s.step === 'line-manager');
    expect(lm).toMatchObject({ what: 'a session in March', due: '2026-03-31', lateSince: '2026-04-01', citation: 'SE-F10 Sefton ¶3.12 (L98)' });
    expect(lm?.basis).toEqual([
      'escalation path: SE-E1 Sefton ¶5.10; ¶8.1 (L223, L250)',
      'line manager after 3 working days: Sefton local configuration (Escalation settings 2026), not the policy (K13)',
    ]);
  });

  it('the senior manager named in the agreement is the next tier', () => {
    const steps = run('session-frequency', '2026-03-31', '2026-03-30', 30, { extra: { parties: { supervisorId: 'tm', superviseeId: 'sw', seniorManagerId: 'named' } } });
    expect(brief(steps).at(-1)).toBe('2026-04-14 next-tier named');
  });

  it('a person with no manager goes to the fallback role and is flagged for the report', () => {
    const steps = run('session-frequency', '2026-03-31', '2026-03-31', 30, { extra: { parties: { supervisorId: 'orphan', superviseeId: 'sw' } } });
    expect(brief(steps)).toEqual(['2026-03-31 nudge orphan', '2026-04-07 line-manager hos (fallback)']);
    expect(steps[1]?.basis.at(-1)).toContain('no manager in the directory: fallback to Head of Service');
  });

  it('stops after acknowledgement; when met, those the escalation reached are told once', () => {
    expect(brief(run('session-frequency', '2026-03-31', '2026-03-31', 40, { ackOn: '2026-04-09' }))).toEqual(['2026-03-31 nudge tm', '2026-04-07 line-manager sm']);
    expect(brief(run('session-frequency', '2026-03-31', '2026-03-31', 40, { metOn: '2026-04-16' }))).toEqual([
      '2026-03-31 nudge tm', '2026-04-07 line-manager sm', '2026-04-14 next-tier ad', '2026-04-16 closed sm', '2026-04-16 closed ad',
    ]);
  });

  it('both parties responsible: each is nudged; a record awaiting signature with no day limit is chased after the configured days only', () => {
    const steps = run('record-signed', null, '2026-03-02', 30, { responsible: 'both' });
    expect(brief(steps)).toEqual(['2026-03-09 nudge tm', '2026-03-09 nudge sw', '2026-03-12 line-manager sm', '2026-03-19 next-tier ad']);
    expect(steps[0]?.basis[0]).toContain('as the policy gives no day limit');
  });

  it('not-specified obligations and a policy without an escalation path (Camden CA-E1) cite only local configuration', () => {
    const ns: Obligation = { id: 'x', kind: 'record-shared', subject: 'records', status: 'not-specified', due: null, responsible: 'not-specified', severity: 'none', rule: 'r', detail: 'd' };
    expect(dueSteps(input(ns, '2026-03-31', []))).toEqual([]);
    const lm = run('postponement-rebooked', '2026-03-31', '2026-03-30', 20, { extra: { pack: camden } }).find((s) => s.step === 'line-manager');
    expect(lm?.basis).toEqual(['line manager after 3 working days: Camden local configuration (Escalation settings 2026), not the policy (K13)']);
  });

  it('lapses due before the go-live date are not chased', () => {
    const later = { ...settings, chaseFrom: '2026-04-01' };
    expect(run('session-frequency', '2026-03-31', '2026-03-20', 40, { extra: { settings: later } })).toEqual([]);
    expect(brief(run('session-frequency', '2026-04-01', '2026-03-31', 3, { extra: { settings: later } }))).toEqual(['2026-03-31 reminder tm', '2026-04-01 nudge tm']);
  });

  it('a digest carries every item with its citation and the next actions', () => {
    const steps = run('session-frequency', '2026-03-31', '2026-03-30', 40).slice(-2);
    const m = composeDigest('2026-04-07', steps);
    expect(m.title).toBe('Supervision: 2 items for Tuesday 7 April 2026');
    expect(m.text.split('\n')).toHaveLength(2);
    expect(composeDigest('2026-04-07', steps, new Map([['sw', 'Amara Fellgate'], ['tm', 'Olivia Marchbank']])).text).toContain('a session in March (Supervision of Amara Fellgate by Olivia Marchbank; waiting on Olivia Marchbank). Due Tuesday 31 March 2026.');
    // Words for people (issue 15 item 3): the policy's paragraph and the escalation path without rule ids or line numbers.
    const shown = [m.text, ...m.facts.map((f) => f.value)].join('\n');
    expect(shown).not.toMatch(/SE-[A-Z]\d|\(L\d|\d{4}-\d{2}-\d{2}/);
    expect(m.facts.filter((f) => f.title === 'Why you').map((f) => f.value)).toContain('escalation path: the policy, paragraph 5.10; paragraph 8.1');
    // Managers get acknowledge and a note; "rebook now" is the supervisor's (only they book, record-postponement.ts).
    expect(m.actions.map((a) => a.verb)).toEqual(['acknowledge', 'add-note', 'acknowledge', 'add-note']);
  });
});

describe('ladder properties', () => {
  const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2026-01-01', n));
  it('over a day-by-day run each step goes out once, only on working days, and nothing after acknowledgement or once met', () => {
    fc.assert(fc.property(
      day, fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
      fc.constantFrom<Obligation['kind']>('session-frequency', 'record-shared', 'agreement-review', 'postponement-rebooked'),
      fc.constantFrom<Obligation['responsible']>('supervisor', 'supervisee', 'both'),
      (due, metAfter, ackAfter, kind, responsible) => {
        const from = addDays(due, -45);
        const metOn = metAfter === undefined ? undefined : addDays(due, metAfter - 10);
        const ackOn = ackAfter === undefined ? undefined : addDays(due, ackAfter);
        const steps = run(kind, due, from, 120, { metOn, ackOn, responsible });
        const keys = steps.map((s) => s.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const s of steps) {
          expect(cal.isWorkingDay(s.day)).toBe(true);
          if (s.step === 'closed') {
            expect(metOn !== undefined && s.day >= metOn).toBe(true);
          } else {
            if (metOn !== undefined) expect(s.day < metOn).toBe(true);
            if (ackOn !== undefined) expect(s.day < ackOn).toBe(true);
          }
        }
        // The rungs come in order, and only escalations are closed.
        const firstDay = (k: string): string | undefined => steps.find((s) => s.step === k)?.day;
        const order = ['reminder', 'nudge', 'line-manager', 'next-tier'].map(firstDay).filter((d): d is string => d !== undefined);
        expect([...order].sort()).toEqual(order);
        const escalated = new Set(steps.filter((s) => s.step === 'line-manager' || s.step === 'next-tier').map((s) => s.recipientId));
        expect(new Set(steps.filter((s) => s.step === 'closed').map((s) => s.recipientId))).toEqual(metOn !== undefined && metOn < addDays(from, 120) ? escalated : new Set());
        // Never met nor acknowledged: the whole ladder is climbed.
        if (metOn === undefined && ackOn === undefined) {
          expect(steps.some((s) => s.step === 'nudge')).toBe(true);
          expect(steps.some((s) => s.step === 'next-tier')).toBe(true);
        }
      },
    ), { numRuns: 150 });
  });
});
