import { describe, expect, it } from 'vitest';
import {
  canMove,
  draftAgreement,
  isFullySigned,
  needsActionFrom,
  partyOf,
  requestChanges,
  reviseTerms,
  sendToSupervisee,
  sign,
  termsHash,
} from '../../../src/domain/agreements/state-machine.js';
import { ZAgreement } from '../../../src/domain/agreements/schema.js';
import type { Agreement, AgreementTerms } from '../../../src/domain/agreements/types.js';
import { AppError } from '../../../src/domain/errors.js';
import { terms } from './fixtures.js';

const t0 = '2026-11-23T10:00:00.000Z';
const t1 = '2026-11-23T11:00:00.000Z';
const t2 = '2026-11-23T12:00:00.000Z';
const supervisor = { id: 'tm', name: 'Tariq Manager' };
const supervisee = { id: 'sw', name: 'Sam Worker' };

function sent(): Agreement {
  const draft = draftAgreement({ id: 'agr-00000001', terms, now: t0, parties: { supervisorName: 'Tariq Manager', superviseeName: 'Sam Worker' } });
  return sendToSupervisee(draft, 'tm', t0);
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-an-app-error';
  }
  return undefined;
}

describe('agreement state machine (issue 4 item 1; Sefton ¶8.3 (L254), CB §9 (L101): signed by both)', () => {
  it('happy path: draft → awaiting-supervisee → awaiting-supervisor → signed, each signature over the terms hash', () => {
    const a = sent();
    expect(a.status).toBe('awaiting-supervisee');
    const first = sign(a, supervisee, termsHash(a), t1);
    expect(first.kind).toBe('signed');
    expect(first.agreement.status).toBe('awaiting-supervisor');
    const second = sign(first.agreement, supervisor, termsHash(a), t2);
    expect(second.agreement.status).toBe('signed');
    expect(second.agreement.signatures.supervisor).toEqual({ signerId: 'tm', signerName: 'Tariq Manager', signedAt: t2, hash: termsHash(a) });
    expect(isFullySigned(second.agreement)).toBe(true);
    expect(second.agreement.history?.map((e) => [e.event, e.by])).toEqual([
      ['sent', 'tm'],
      ['signed-by-supervisee', 'sw'],
      ['signed-by-supervisor', 'tm'],
    ]);
    // What is stored passes the storage schema.
    expect(ZAgreement.parse(second.agreement)).toEqual(second.agreement);
  });

  it('changes requested go back to the supervisor with the comment, and a revision returns to the supervisee', () => {
    const asked = requestChanges(sent(), 'sw', '  Thursdays suit me better  ', t1);
    expect(asked.status).toBe('changes-requested');
    expect(asked.comments).toEqual([{ authorId: 'sw', at: t1, text: 'Thursdays suit me better' }]);
    expect(needsActionFrom(asked, 'tm')).toBe(true);
    expect(needsActionFrom(asked, 'sw')).toBe(false);
    const revised = reviseTerms(asked, 'tm', { ...terms, weekday: 4 }, t2, 'Moved to Thursdays');
    expect(revised.status).toBe('awaiting-supervisee');
    expect(revised.revision).toBe(2);
    expect(revised.comments).toHaveLength(2);
    expect(revised.history?.map((e) => e.event)).toEqual(['sent', 'changes-requested', 'revised']);
    expect(revised.history?.[2]?.hash).toBe(termsHash(revised));
    expect(revised.history?.[2]?.hash).not.toBe(revised.history?.[0]?.hash);
  });

  it('a revision after the supervisee signed drops their signature: both sign the new version', () => {
    const a = sent();
    const signedBySupervisee = sign(a, supervisee, termsHash(a), t1).agreement;
    const revised = reviseTerms(signedBySupervisee, 'tm', { ...terms, minutes: 120 }, t2);
    expect(revised.signatures).toEqual({});
    expect(revised.status).toBe('awaiting-supervisee');
  });

  it('refuses a signature over a stale hash (the terms changed since the card was sent)', () => {
    const a = sent();
    const oldHash = termsHash(a);
    const revised = reviseTerms(a, 'tm', { ...terms, time: '14:00' }, t1);
    expect(code(() => sign(revised, supervisee, oldHash, t2))).toBe('precondition_failed');
    expect(sign(revised, supervisee, termsHash(revised), t2).agreement.status).toBe('awaiting-supervisor');
  });

  it('signing twice is idempotent: the first signature stands', () => {
    const a = sent();
    const once = sign(a, supervisee, termsHash(a), t1).agreement;
    const twice = sign(once, supervisee, termsHash(a), t2);
    expect(twice.kind).toBe('already-signed');
    expect(twice.agreement.signatures.supervisee?.signedAt).toBe(t1);
  });

  it('the supervisor cannot sign before the supervisee, nor the supervisee ask for changes after signing', () => {
    const a = sent();
    expect(code(() => sign(a, supervisor, termsHash(a), t1))).toBe('conflict');
    const signedBySupervisee = sign(a, supervisee, termsHash(a), t1).agreement;
    expect(code(() => requestChanges(signedBySupervisee, 'sw', 'wait', t2))).toBe('conflict');
  });

  it('only the two parties can act; anyone else is refused', () => {
    const a = sent();
    expect(partyOf(a, 'someone')).toBeUndefined();
    expect(code(() => sign(a, { id: 'someone', name: 'Someone' }, termsHash(a), t1))).toBe('forbidden');
    expect(code(() => requestChanges(a, 'someone', 'x', t1))).toBe('forbidden');
    expect(code(() => reviseTerms(a, 'sw', terms, t1))).toBe('forbidden');
    expect(code(() => requestChanges(a, 'tm', 'x', t1))).toBe('forbidden');
  });

  it('an empty comment and a self-supervision are refused', () => {
    expect(code(() => requestChanges(sent(), 'sw', '   ', t1))).toBe('invalid_input');
    expect(code(() => draftAgreement({ id: 'x-0000000', terms: { ...terms, superviseeId: 'tm' }, now: t0, parties: { supervisorName: 'a', superviseeName: 'b' } }))).toBe('invalid_input');
  });

  it('the parties of an agreement cannot be swapped by a revision', () => {
    expect(code(() => reviseTerms(sent(), 'tm', { ...terms, superviseeId: 'other' }, t1))).toBe('invalid_input');
  });

  it('transitions: nothing leaves ended, signed only goes to booked or ended', () => {
    expect(canMove('ended', 'draft')).toBe(false);
    expect(canMove('signed', 'awaiting-supervisee')).toBe(false);
    expect(canMove('signed', 'booked')).toBe(true);
    expect(canMove('draft', 'signed')).toBe(false);
  });
});

describe('terms hash', () => {
  const base = sent();
  const changes: [string, Partial<AgreementTerms>][] = [
    ['policyId', { policyId: 'camden' }],
    ['roleId', { roleId: 'nqsw' }],
    ['phaseId', { phaseId: 'weekly' }],
    ['supervisorId', { supervisorId: 'tm2' }],
    ['superviseeId', { superviseeId: 'sw2' }],
    ['employmentStart', { employmentStart: '2024-05-02' }],
    ['agreementDate', { agreementDate: '2026-12-02' }],
    ['weekday', { weekday: 3 }],
    ['time', { time: '10:01' }],
    ['minutes', { minutes: 91 }],
    ['format', { format: { kind: 'in-person', location: 'Room 2' } }],
    ['keyTasks', { keyTasks: 'Assessments; duty rota.' }],
    ['othersWhoMaySee', { othersWhoMaySee: ['sm', 'dir'] }],
    ['seniorManagerId', { seniorManagerId: 'dir' }],
    ['reviewDate', { reviewDate: '2027-11-30' }],
    ['progressReviewDate', { progressReviewDate: '2027-05-01' }],
  ];

  it('every term of AgreementTerms is covered by a case below', () => {
    const covered = new Set(changes.map(([k]) => k));
    for (const key of ['policyId', 'roleId', 'supervisorId', 'superviseeId', 'employmentStart', 'agreementDate', 'weekday', 'time', 'minutes', 'format', 'keyTasks', 'othersWhoMaySee', 'seniorManagerId', 'reviewDate', 'progressReviewDate', 'phaseId']) {
      expect(covered.has(key), key).toBe(true);
    }
  });

  it.each(changes)('changes when %s changes', (_key, change) => {
    expect(termsHash({ id: base.id, terms: { ...base.terms, ...change } })).not.toBe(termsHash(base));
  });

  it('differs between agreements with the same terms, and ignores key order', () => {
    expect(termsHash({ id: 'agr-00000002', terms })).not.toBe(termsHash({ id: 'agr-00000001', terms }));
    const reordered = Object.fromEntries(Object.entries(terms).reverse()) as unknown as AgreementTerms;
    expect(termsHash({ id: 'agr-00000001', terms: reordered })).toBe(termsHash({ id: 'agr-00000001', terms }));
  });

  it('ignores status, comments and signatures: the signature covers the terms only', () => {
    const asked = requestChanges(base, 'sw', 'x', t1);
    expect(termsHash(asked)).toBe(termsHash(base));
  });
});
