import { describe, expect, it } from 'vitest';
import { validateAgreementForm, type AgreementForm, type FormContext } from '../../../src/domain/agreements/form.js';
import { getPack } from '../../../src/policy/packs.js';

const sefton = getPack('sefton');
const supervisor = { id: 'tm', displayName: 'Tariq Manager' };
const sw = { id: 'sw', displayName: 'Sam Worker', jobTitle: 'Social Worker', hireDate: '2024-05-01' };
const sm = { id: 'sm', displayName: 'Sasha Senior' };
const ctx: FormContext = { pack: sefton, supervisor, today: '2026-11-23', supervisee: sw, superviseeIsReport: true, managerChain: [sm, { id: 'dir', displayName: 'Dana Director' }] };
const form: AgreementForm = {
  agreementId: 'agr-00000001',
  superviseeId: 'sw',
  rolePhase: 'social-worker/monthly',
  employmentStart: '2024-05-01',
  agreementDate: '2026-11-24',
  weekday: '2',
  time: '10:00',
  minutes: '90',
  format: 'teams',
  location: '',
  keyTasks: 'Assessments',
  othersWhoMaySee: 'dir',
  seniorManagerId: 'sm',
  reviewDate: '2027-11-24',
};

function errorsOf(change: Partial<AgreementForm>, context: Partial<FormContext> = {}) {
  const result = validateAgreementForm({ ...form, ...change }, { ...ctx, ...context });
  return result.ok ? {} : result.errors;
}

describe('agreement form (Sefton App 1 / ¶8.1; CB BIC 532 §9; Leeds App 2; Camden §6)', () => {
  it('a complete form gives the terms', () => {
    const result = validateAgreementForm(form, ctx);
    expect(result).toEqual({
      ok: true,
      terms: expect.objectContaining({ policyId: 'sefton', roleId: 'social-worker', phaseId: 'monthly', supervisorId: 'tm', superviseeId: 'sw', weekday: 2, minutes: 90, othersWhoMaySee: ['dir'], seniorManagerId: 'sm', format: { kind: 'teams' } }),
    });
  });

  it('reports every missing field at once', () => {
    const errors = errorsOf({ superviseeId: '', rolePhase: undefined, employmentStart: '', agreementDate: '', weekday: '', time: '', minutes: '', format: '', keyTasks: '', seniorManagerId: '', reviewDate: '' });
    expect(Object.keys(errors).sort()).toEqual(['agreementDate', 'employmentStart', 'format', 'keyTasks', 'minutes', 'reviewDate', 'rolePhase', 'seniorManagerId', 'superviseeId', 'time', 'weekday']);
    expect(errors.superviseeId).toMatch(/Please give the supervisee/);
  });

  it('refuses dates in the past', () => {
    expect(errorsOf({ agreementDate: '2026-11-22' }).agreementDate).toMatch(/cannot be in the past/);
    expect(errorsOf({ reviewDate: '2020-01-01' }).reviewDate).toMatch(/cannot be in the past/);
    expect(errorsOf({ agreementDate: '2026-11-23', reviewDate: '2027-11-23' })).toEqual({});
  });

  it('refuses impossible dates and times', () => {
    expect(errorsOf({ employmentStart: '2025-02-30' }).employmentStart).toMatch(/not a date/);
    expect(errorsOf({ time: '25:00' }).time).toMatch(/not a time/);
  });

  it('refuses the supervisor as their own supervisee, an unknown person, and someone outside their line', () => {
    expect(errorsOf({ superviseeId: 'tm' }).superviseeId).toMatch(/cannot be your own supervisee/);
    expect(errorsOf({ superviseeId: 'ghost' }, { supervisee: undefined, superviseeIsReport: false }).superviseeId).toMatch(/not in the directory/);
    expect(errorsOf({}, { superviseeIsReport: false }).superviseeId).toMatch(/Sam Worker is not one of your direct reports/);
  });

  it('refuses a length below a MUST minimum and cites it (Sefton ¶3.8 (L90))', () => {
    expect(errorsOf({ minutes: '60' }).minutes).toBe('Sessions for social worker must be at least 90 minutes (Supervision - Supporting Employees in a Challenging Social Care Environment, paragraph 3.8).');
  });

  it('a SHOULD minimum is advice, not a refusal (Sefton NQSW, ¶3.14)', () => {
    const nqsw = sefton.roles.find((r) => r.id === 'nqsw');
    expect(nqsw?.sessionLength.minimum).toMatchObject({ modality: 'should' });
    expect(errorsOf({ rolePhase: 'nqsw/weekly', minutes: '60' })).toEqual({});
  });

  it('asks where for an in-person meeting, and a role and phase the pack has', () => {
    expect(errorsOf({ format: 'in-person', location: '' }).location).toMatch(/where/);
    expect(errorsOf({ rolePhase: 'astronaut/monthly' }).rolePhase).toMatch(/not a role and phase of your policy/);
    expect(errorsOf({ rolePhase: 'social-worker/weekly' }).rolePhase).toBeDefined();
  });

  it('the review is no later than the pack\'s MUST interval (Sefton ¶8.1 (L251) "normally after 12 months")', () => {
    expect(errorsOf({ reviewDate: '2027-11-25' }).reviewDate).toMatch(/no later than Wednesday 24 November 2027: your policy asks for a review every 12 months \(Supervision - Supporting Employees in a Challenging Social Care Environment, paragraph 8\.1/);
    expect(errorsOf({ reviewDate: '25 November 2027' }).reviewDate).toMatch(/no later than Wednesday 24 November 2027/);
    expect(errorsOf({ reviewDate: '2027-06-01' })).toEqual({});
    expect(errorsOf({ reviewDate: '2026-11-24' }).reviewDate).toMatch(/after the date sessions start/);
  });

  it('key tasks are required where the pack\'s agreement form has them (Sefton App 1), not elsewhere (CB BIC 532)', () => {
    expect(errorsOf({ keyTasks: '' }).keyTasks).toMatch(/key tasks/);
    const cb = getPack('central-bedfordshire');
    const role = cb.roles[0];
    const phase = role?.phases[0];
    expect(errorsOf({ keyTasks: '', rolePhase: `${role?.id}/${phase?.id}` }, { pack: cb })).toEqual({});
  });

  it('viewers and the senior manager come from the offered list, never the parties themselves', () => {
    expect(errorsOf({ othersWhoMaySee: 'stranger' }).othersWhoMaySee).toMatch(/from the list/);
    expect(errorsOf({ othersWhoMaySee: 'dir,sw' }).othersWhoMaySee).toMatch(/always see the record/);
    expect(errorsOf({ seniorManagerId: 'stranger' }).seniorManagerId).toMatch(/from the list/);
  });
});

describe('card input shapes', () => {
  it('accepts what Teams sends: numbers as strings or numbers, seconds on a time', async () => {
    const { ZAgreementForm } = await import('../../../src/domain/agreements/form.js');
    expect(ZAgreementForm.safeParse({ ...form, minutes: 90, time: '10:00:00' }).success).toBe(true);
    expect(ZAgreementForm.safeParse({ ...form, agreementId: 'short' }).success).toBe(false);
    expect(ZAgreementForm.safeParse({ ...form, keyTasks: 'x'.repeat(4001) }).success).toBe(false);
  });
});

describe('dates typed the British way (issue 15 item 3: no picker a host shows American)', () => {
  it('accepts "2 December 2026", "02/12/2026" and the ISO form, and reads them day first', () => {
    for (const typed of ['Tuesday 24 November 2026', '24/11/2026', '24 Nov 2026', '2026-11-24']) {
      const r = validateAgreementForm({ ...form, agreementDate: typed }, ctx);
      expect(r.ok ? r.terms.agreementDate : r.errors, typed).toBe('2026-11-24');
    }
  });
  it('something that is not a date is answered with a British example, never YYYY-MM-DD', () => {
    const message = errorsOf({ agreementDate: '11/31/2026' }).agreementDate ?? '';
    expect(message).toMatch(/"11\/31\/2026" is not a date\. Write it as, for example, \w+day \d{1,2} \w+ \d{4} or \d{2}\/\d{2}\/\d{4}\./);
    expect(message).not.toMatch(/YYYY|\d{4}-\d{2}-\d{2}/);
    expect(errorsOf({ agreementDate: '2 January 2020' }).agreementDate).toMatch(/cannot be in the past \(today is \w+day \d{1,2} \w+ \d{4}\)/);
  });
});
