import { describe, expect, it } from 'vitest';
import { termsHash } from '../../../src/domain/agreements/state-machine.js';
import { AppError } from '../../../src/domain/errors.js';
import { currentPhase, formSetup, guessRole } from '../../../src/usecases/agreements/form-context.js';
import { requestAgreementChanges, reviseAgreement, readAgreement } from '../../../src/usecases/agreements/review-agreement.js';
import { claimBookingConfirmation } from '../../../src/usecases/agreements/confirm-booking.js';
import { signAgreement } from '../../../src/usecases/agreements/sign-agreement.js';
import { pendingFor, showAgreements } from '../../../src/usecases/agreements/show-agreement.js';
import { startAgreement } from '../../../src/usecases/agreements/start-agreement.js';
import { getPack } from '../../../src/policy/packs.js';
import { harness, people, validForm } from './harness.js';

async function started(h = harness()) {
  const result = await startAgreement(h.deps, people.tm, validForm);
  if (result.kind !== 'created') throw new Error(`expected created, got ${result.kind}`);
  return { h, agreement: result.agreement };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return undefined;
}

describe('start-agreement', () => {
  it('stores the agreement awaiting the supervisee, with role and employment start filled from the directory', async () => {
    const { h, agreement } = await started();
    expect(agreement.status).toBe('awaiting-supervisee');
    expect(agreement.terms).toMatchObject({ roleId: 'social-worker', phaseId: 'monthly', employmentStart: '2024-05-01', supervisorId: 'tm', superviseeId: 'sw' });
    expect(agreement.parties).toEqual({ supervisorName: 'Tariq Manager', superviseeName: 'Sam Worker' });
    expect(h.agreements.size()).toBe(1);
    expect((await h.links.list('sw')).items.map((i) => i.value.party)).toEqual(['supervisee']);
    expect((await h.links.list('tm')).items.map((i) => i.value.party)).toEqual(['supervisor']);
  });

  it('a second submit of the same card, even two at once, gives the same agreement and stores one', async () => {
    const h = harness();
    const [a, b] = await Promise.all([startAgreement(h.deps, people.tm, validForm), startAgreement(h.deps, people.tm, validForm)]);
    expect([a.kind, b.kind].sort()).toEqual(['created', 'duplicate']);
    const again = await startAgreement(h.deps, people.tm, { ...validForm, weekday: '5' });
    expect(again.kind).toBe('duplicate');
    expect(h.agreements.size()).toBe(1);
  });

  it('stores nothing for invalid input', async () => {
    const h = harness();
    for (const change of [{ superviseeId: 'tm' }, { superviseeId: 'other' }, { superviseeId: 'ghost' }, { agreementDate: '2026-11-01' }, { minutes: '30' }, { time: '' }]) {
      const result = await startAgreement(h.deps, people.tm, { ...validForm, ...change });
      expect(result.kind, JSON.stringify(change)).toBe('invalid');
    }
    expect(h.agreements.size()).toBe(0);
    expect(h.links.size()).toBe(0);
  });

  it('someone else cannot reuse a card id to reach another supervisor\'s agreement', async () => {
    const { h } = await started();
    expect(await codeOf(startAgreement(h.deps, people.tm2, validForm))).toBe('forbidden');
  });
});

describe('sign-agreement', () => {
  it('supervisee then supervisor; booking is queued once both have signed, not before', async () => {
    const { h, agreement } = await started();
    const hash = termsHash(agreement);
    const first = await signAgreement(h.deps, { id: 'sw', name: 'Sam Worker' }, agreement.id, hash);
    expect(first).toMatchObject({ kind: 'signed', bookingQueued: false });
    expect(h.queued).toEqual([]);
    const second = await signAgreement(h.deps, { id: 'tm', name: 'Tariq Manager' }, agreement.id, hash);
    expect(second).toMatchObject({ kind: 'signed', bookingQueued: true });
    expect(second.agreement.status).toBe('signed');
    expect(second.agreement.bookingRequestedAt).toBeDefined();
    expect(h.queued).toEqual([agreement.id]);
  });

  it('a double click makes one signature (ETag): the loser re-reads and finds it already signed', async () => {
    const { h, agreement } = await started();
    const hash = termsHash(agreement);
    const results = await Promise.all([1, 2, 3].map(() => signAgreement(h.deps, { id: 'sw', name: 'Sam Worker' }, agreement.id, hash)));
    expect(results.map((r) => r.kind).sort()).toEqual(['already-signed', 'already-signed', 'signed']);
    const stored = await h.agreements.get({ partition: 'agreement', id: agreement.id });
    expect(stored?.value.signatures.supervisee?.signedAt).toBe(results.find((r) => r.kind === 'signed')?.agreement.signatures.supervisee?.signedAt);
  });

  it('the signature is stored before the queue is asked; a failed enqueue is repaired by clicking again', async () => {
    const { h, agreement } = await started();
    const hash = termsHash(agreement);
    await signAgreement(h.deps, { id: 'sw', name: 'Sam Worker' }, agreement.id, hash);
    h.failEnqueue(true);
    await expect(signAgreement(h.deps, { id: 'tm', name: 'Tariq Manager' }, agreement.id, hash)).rejects.toThrow(/queue unavailable/);
    expect((await h.agreements.get({ partition: 'agreement', id: agreement.id }))?.value.status).toBe('signed');
    h.failEnqueue(false);
    const retry = await signAgreement(h.deps, { id: 'tm', name: 'Tariq Manager' }, agreement.id, hash);
    expect(retry).toMatchObject({ kind: 'already-signed', bookingQueued: true });
    expect(h.queued).toEqual([agreement.id]);
  });

  it('a stale hash is refused and nothing is written', async () => {
    const { h, agreement } = await started();
    const old = termsHash(agreement);
    await reviseAgreement(h.deps, people.tm, { ...validForm, time: '14:00' });
    const writes = h.agreements.writes;
    expect(await codeOf(signAgreement(h.deps, { id: 'sw', name: 'Sam Worker' }, agreement.id, old))).toBe('precondition_failed');
    expect(h.agreements.writes).toBe(writes);
  });

  it('anyone but the two parties is refused, for signing and reading', async () => {
    const { h, agreement } = await started();
    expect(await codeOf(signAgreement(h.deps, { id: 'other', name: 'Olu' }, agreement.id, termsHash(agreement)))).toBe('forbidden');
    expect(await codeOf(readAgreement(h.deps, 'sm', agreement.id))).toBe('forbidden');
    expect(await codeOf(requestAgreementChanges(h.deps, 'other', agreement.id, 'x'))).toBe('forbidden');
  });
});

describe('changes, pending lists and confirmation', () => {
  it('the supervisee\'s comment returns the agreement to the supervisor; the revision goes back to them', async () => {
    const { h, agreement } = await started();
    expect((await pendingFor(h.deps, 'sw')).map((a) => a.id)).toEqual([agreement.id]);
    await requestAgreementChanges(h.deps, 'sw', agreement.id, 'Thursdays please');
    expect(await pendingFor(h.deps, 'sw')).toEqual([]);
    expect((await pendingFor(h.deps, 'tm')).map((a) => a.id)).toEqual([agreement.id]);
    const revised = await reviseAgreement(h.deps, people.tm, { ...validForm, weekday: '4', note: 'Done' });
    expect(revised.kind).toBe('revised');
    expect((await pendingFor(h.deps, 'sw')).map((a) => a.id)).toEqual([agreement.id]);
  });

  it('a revision cannot change the supervisee', async () => {
    const { h } = await started();
    const result = await reviseAgreement(h.deps, people.tm, { ...validForm, superviseeId: 'nq' });
    expect(result).toMatchObject({ kind: 'invalid', errors: { superviseeId: expect.stringMatching(/cannot change/) } });
  });

  it('my agreement lists the ones needing me first, and sessions only once signed', async () => {
    const { h, agreement } = await started();
    const second = await startAgreement(h.deps, people.tm, { ...validForm, agreementId: 'a0000000-0000-4000-8000-000000000002', superviseeId: 'nq', minutes: '90' });
    expect(second.kind).toBe('created');
    await requestAgreementChanges(h.deps, 'sw', agreement.id, 'later');
    // Rows a booking left behind are not shown for an agreement that is not signed.
    h.sessions.set(agreement.id, [{ sessionId: `${agreement.id}-s01`, agreementId: agreement.id, date: '2026-12-01', start: '10:00', minutes: 90, startUtc: '2026-12-01T10:00:00Z', endUtc: '2026-12-01T11:30:00Z', rule: 'SE-F6', status: 'booked' }]);
    const views = await showAgreements(h.deps, 'tm');
    expect(views.map((v) => v.agreement.id)).toEqual([agreement.id, 'a0000000-0000-4000-8000-000000000002']);
    expect(views[0]?.sessions).toEqual([]);
    await reviseAgreement(h.deps, people.tm, validForm);
    const hash = termsHash((await readAgreement(h.deps, 'tm', agreement.id)));
    await signAgreement(h.deps, { id: 'sw', name: 'Sam Worker' }, agreement.id, hash);
    await signAgreement(h.deps, { id: 'tm', name: 'Tariq Manager' }, agreement.id, hash);
    expect((await showAgreements(h.deps, 'sw'))[0]?.sessions).toHaveLength(1);
  });

  it('the booking confirmation is claimed once', async () => {
    const { h, agreement } = await started();
    const hash = termsHash(agreement);
    await signAgreement(h.deps, { id: 'sw', name: 'Sam Worker' }, agreement.id, hash);
    await signAgreement(h.deps, { id: 'tm', name: 'Tariq Manager' }, agreement.id, hash);
    const claims = await Promise.all([claimBookingConfirmation(h.deps, agreement.id), claimBookingConfirmation(h.deps, agreement.id)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});

describe('form defaults', () => {
  it('the supervisor\'s manager for disagreements, the planned length, a review 12 months on (Sefton ¶8.1 (L251))', async () => {
    const h = harness();
    const setup = await formSetup(h.deps, people.tm);
    expect(setup.reports.map((p) => p.id).sort()).toEqual(['nq', 'sw']);
    expect(setup.managers.map((p) => p.id)).toEqual(['sm', 'dir']);
    expect(setup.defaults).toMatchObject({ seniorManagerId: 'sm', minutes: '90', agreementDate: '2026-11-23', reviewDate: '2027-11-23' });
  });

  it('one report: their hire date and role are filled in', async () => {
    const h = harness();
    const setup = await formSetup(h.deps, people.tm, 'sw');
    expect(setup.defaults).toMatchObject({ superviseeId: 'sw', employmentStart: '2024-05-01', rolePhase: 'social-worker/monthly' });
  });

  it('the role comes from the job title and the phase from the time since employment started (Sefton ¶3.14 NQSW)', () => {
    const sefton = getPack('sefton');
    const nqsw = guessRole(sefton, 'Newly Qualified Social Worker (ASYE)');
    expect(nqsw?.id).toBe('nqsw');
    if (!nqsw) return;
    expect(currentPhase(nqsw, '2026-11-01', '2026-11-23')?.id).toBe('weekly');
    expect(currentPhase(nqsw, '2026-09-01', '2026-11-23')?.id).toBe('fortnightly');
    expect(currentPhase(nqsw, '2025-09-01', '2026-11-23')?.id).toBe('monthly');
    expect(guessRole(sefton, 'Social Worker')?.id).toBe('social-worker');
    expect(guessRole(sefton, 'Astronaut')).toBeUndefined();
  });
});
