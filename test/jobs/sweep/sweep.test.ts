import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { runSweep, sweepAfterEvent, sweepOnce, nextSweepAt, type SweepDeps } from '../../../src/jobs/sweep/index.js';
import { acknowledgeEscalation } from '../../../src/usecases/escalations/acknowledge-escalation.js';
import { auditPartition, type AuditEntry } from '../../../src/repositories/escalations.js';
import type { LogEntry, StoredItem } from '../../../src/domain/ports/storage.js';
import { useAzurite } from '../../support/azurite.js';
import { calendar, RecordingMessenger, setup, sweepTime, type AgreementSpec, type Sent } from './support.js';

const azurite = useAzurite();

const managers = { sw1: 'tm1', sw2: 'tm1', sw3: 'tm2', tm1: 'sm1', tm2: 'sm1', sm1: 'hos1', hos1: 'dir', orphan: undefined, sw9: 'orphan' };

/** Sefton social worker, monthly from 2026-01-05; only January's session held. */
function missedFebruary(id: string, supervisorId: string, superviseeId: string): AgreementSpec {
  return {
    id, policyId: 'sefton', roleId: 'social-worker', supervisorId, superviseeId, agreementDate: '2026-01-05',
    sessions: [{ date: '2026-01-13', status: 'held' }, { date: '2026-02-10', status: 'booked' }],
    facts: { records: { '2026-01-13': { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-15', signedBySupervisee: '2026-01-15' } } },
  };
}

async function days(deps: SweepDeps, from: string, to: string, time = '08:00'): Promise<void> {
  for (let d = from; d <= to; d = addDays(d, 1)) await sweepOnce(deps, { now: sweepTime(d, time) });
}

const who = (sent: readonly Sent[]): string[] => sent.map((s) => `${s.key.split(':')[1]} ${s.personId}: ${s.message.title}`);

async function audit(deps: SweepDeps, month: string): Promise<LogEntry<AuditEntry>[]> {
  return (await deps.escalations.tables.audit.list(auditPartition(`${month}-01`))).items;
}

describe('obligation sweep (Azurite)', () => {
  it('climbs the ladder day by day, once per step, and a rerun the same day changes nothing', async () => {
    const { deps, messenger } = await setup(azurite.connectionString, [missedFebruary('a-ladder', 'tm1', 'sw1')], { managers });
    await days(deps, '2026-02-27', '2026-03-17');
    expect(who(messenger.sent)).toEqual([
      '2026-03-02 tm1: Supervision: coming up',
      '2026-03-04 tm1: Supervision: due now',
      '2026-03-09 sm1: Supervision: escalated to you as line manager',
      '2026-03-16 hos1: Supervision: escalated to you as the next tier of management',
    ]);
    const again = await sweepOnce(deps, { now: sweepTime('2026-03-17', '11:00') });
    expect(again.messages).toEqual([]);
    expect(messenger.sent).toHaveLength(4);
    const lm = messenger.sent[2]?.message;
    // Words for people (issue 15 item 3): dates in words, the policy's paragraph, no rule id or line number.
    expect(lm?.text).toContain('Late since Thursday 5 March 2026. Required by Supervision - Supporting Employees in a Challenging Social Care Environment, paragraph 3.8.');
    expect(lm?.text).not.toMatch(/SE-F6|\(L\d|\d{4}-\d{2}-\d{2}/);
    expect(lm?.text).toContain('a session between Thursday 5 February 2026 and Wednesday 4 March 2026');
    expect(lm?.actions.map((a) => a.verb)).toEqual(['acknowledge', 'add-note']);
    // Only the supervisor books: their nudge offers to rebook.
    expect(messenger.sent[1]?.message.actions.map((a) => a.verb)).toEqual(['rebook']);
    const entries = (await audit(deps, '2026-03')).map((e) => e.value).filter((e) => e.agreementId === 'a-ladder');
    expect(entries.map((e) => `${e.day} ${e.event} ${e.recipientId} ${e.outcome}`)).toEqual([
      '2026-03-02 reminder tm1 delivered', '2026-03-04 nudge tm1 delivered', '2026-03-09 line-manager sm1 delivered', '2026-03-16 next-tier hos1 delivered',
    ]);
    expect(entries[2]).toMatchObject({ responsibleIds: ['tm1'], due: '2026-03-04', lateSince: '2026-03-05', channel: 'teams' });
    expect(entries[2]?.citation).toBe('SE-F6 Sefton ¶3.8 (L90)');
    expect(entries[2]?.basis.join(' ')).toContain('local configuration');
  });

  it('nothing on a weekend or outside working hours; it goes out at the next sweep in hours', async () => {
    const { deps, messenger } = await setup(azurite.connectionString, [missedFebruary('a-hours', 'tm1', 'sw1')], { managers });
    const early = await sweepOnce(deps, { now: sweepTime('2026-03-04', '06:30') });
    expect(early).toMatchObject({ held: true, stepsDue: 1, messages: [] });
    await sweepOnce(deps, { now: sweepTime('2026-03-07', '10:00') });
    expect(messenger.sent).toEqual([]);
    await sweepOnce(deps, { now: sweepTime('2026-03-04', '09:00') });
    expect(who(messenger.sent)).toEqual(['2026-03-04 tm1: Supervision: due now']);
  });

  it('one digest a day for a manager with several items', async () => {
    const { deps, messenger } = await setup(azurite.connectionString, [missedFebruary('a-dig1', 'tm1', 'sw1'), missedFebruary('a-dig2', 'tm1', 'sw2')], { managers });
    await days(deps, '2026-03-04', '2026-03-09');
    expect(who(messenger.sent)).toEqual(['2026-03-04 tm1: Supervision: 2 items for Wednesday 4 March 2026', '2026-03-09 sm1: Supervision: 2 items for Monday 9 March 2026']);
    // An event later the same day (a sweep for one agreement) adds nothing to today's digest.
    const r = await sweepOnce(deps, { now: sweepTime('2026-03-09', '15:00'), agreementIds: ['a-dig1'] });
    expect(r.messages).toEqual([]);
  });

  it('acknowledgement stops further steps; when the obligation is met, those the escalation reached are told once', async () => {
    const onTime = { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-15', signedBySupervisee: '2026-01-15' };
    const met: AgreementSpec = {
      id: 'a-met', policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm2', superviseeId: 'sw3', agreementDate: '2026-01-05',
      sessions: [{ date: '2026-01-13', status: 'held' }, { date: '2026-02-10', status: 'held' }, { date: '2026-03-10', status: 'held' }],
      facts: { records: { '2026-01-13': onTime } },
    };
    const { deps, messenger, write } = await setup(azurite.connectionString, [missedFebruary('a-ack', 'tm1', 'sw1'), met], { managers });
    await days(deps, '2026-02-17', '2026-02-23');
    // The February record is shared and signed late; the March one on time (session records, as the record flow writes them).
    await write({ ...met, facts: { records: {
      '2026-01-13': onTime,
      '2026-02-10': { sharedOn: '2026-02-23', signedBySupervisor: '2026-02-23', signedBySupervisee: '2026-02-23' },
      '2026-03-10': { sharedOn: '2026-03-11', signedBySupervisor: '2026-03-12', signedBySupervisee: '2026-03-12' },
    } } });
    await days(deps, '2026-02-24', '2026-03-09');
    expect(await acknowledgeEscalation(deps.escalations, { agreementId: 'a-ack', obligationId: 'session-frequency:monthly/2026-02-05:2026-03-04', byId: 'sm1', now: sweepTime('2026-03-09', '12:00') })).toEqual({ acknowledged: true });
    expect(await acknowledgeEscalation(deps.escalations, { agreementId: 'a-ack', obligationId: 'session-frequency:monthly/2026-02-05:2026-03-04', byId: 'sm1', now: sweepTime('2026-03-09', '12:01') })).toEqual({ acknowledged: false });
    await days(deps, '2026-03-10', '2026-03-20');
    expect(who(messenger.sent)).toEqual([
      '2026-02-17 sw3: Supervision: due now',
      '2026-02-17 tm2: Supervision: 2 items for Tuesday 17 February 2026',
      '2026-02-20 sm1: Supervision: 2 items for Friday 20 February 2026',
      '2026-02-24 sm1: Supervision: 2 items for Tuesday 24 February 2026',
      '2026-03-02 tm1: Supervision: coming up',
      '2026-03-04 tm1: Supervision: due now',
      '2026-03-09 sm1: Supervision: escalated to you as line manager',
    ]);
    expect(messenger.sent[3]?.message.text.split('\n').every((l) => l.startsWith('Escalation closed'))).toBe(true);
    const events = (await audit(deps, '2026-03')).map((e) => e.value).filter((e) => e.agreementId === 'a-ack').map((e) => `${e.event} ${e.recipientId}`);
    expect(events).toEqual(['reminder tm1', 'nudge tm1', 'line-manager sm1', 'acknowledged sm1']);
  });

  it('a person with no manager: escalated to the fallback role and reported', async () => {
    const { deps, messenger } = await setup(azurite.connectionString, [missedFebruary('a-orphan', 'orphan', 'sw9')], { managers });
    let reported: unknown[] = [];
    for (let d = '2026-03-04'; d <= '2026-03-09'; d = addDays(d, 1)) {
      const r = await sweepOnce(deps, { now: sweepTime(d) });
      if (r.noManager.length) reported = [...r.noManager];
    }
    expect(who(messenger.sent)).toEqual(['2026-03-04 orphan: Supervision: due now', '2026-03-09 hos1: Supervision: escalated to you as line manager']);
    expect(messenger.sent[1]?.message.text).toContain('has no manager in the directory');
    expect(reported).toEqual([{ agreementId: 'a-orphan', obligationId: 'session-frequency:monthly/2026-02-05:2026-03-04', responsibleIds: ['orphan'] }]);
    const e = (await audit(deps, '2026-03')).map((x) => x.value).find((x) => x.agreementId === 'a-orphan' && x.event === 'line-manager');
    expect(e).toMatchObject({ recipientId: 'hos1', noManager: true });
  });

  it('a restart in the middle of a sweep: the crashed digest is resent under its key (delivered once), the rest go out', async () => {
    const specs = ['r1', 'r2', 'r3'].map((id, i) => missedFebruary(`a-crash-${id}`, ['tm1', 'tm2', 'orphan'][i] ?? '', ['sw1', 'sw3', 'sw9'][i] ?? ''));
    const { deps, messenger } = await setup(azurite.connectionString, specs, { managers });
    messenger.crashAfter = 1;
    await expect(sweepOnce(deps, { now: sweepTime('2026-03-04') })).rejects.toThrow('simulated crash');
    expect(messenger.sent).toHaveLength(1);
    const second = await sweepOnce(deps, { now: sweepTime('2026-03-04', '08:05') });
    expect(second.recovered).toBe(1);
    expect(messenger.sent.map((s) => s.personId).sort()).toEqual(['orphan', 'tm1', 'tm2']);
    const rows: StoredItem<unknown>[] = [];
    for (const s of specs) rows.push(...(await deps.escalations.tables.ledger.list(s.id)).items);
    expect(rows.map((r) => (r.value as { state: string }).state)).toEqual(['sent', 'sent', 'sent']);
    const entries = (await audit(deps, '2026-03')).map((e) => e.value).filter((e) => e.agreementId.startsWith('a-crash-'));
    expect(entries).toHaveLength(3);
  });

  it('a messenger that cannot dedupe: the crashed digest is not resent but marked unconfirmed (at-most-once) and audited', async () => {
    const messenger = new RecordingMessenger('teams', false);
    const { deps } = await setup(azurite.connectionString, [missedFebruary('a-amo', 'tm1', 'sw1')], { managers, messenger });
    messenger.crashAfter = 1;
    await expect(sweepOnce(deps, { now: sweepTime('2026-03-04') })).rejects.toThrow('simulated crash');
    await sweepOnce(deps, { now: sweepTime('2026-03-04', '09:00') });
    await sweepOnce(deps, { now: sweepTime('2026-03-05', '09:00') });
    expect(messenger.sent).toHaveLength(1);
    const e = (await audit(deps, '2026-03')).map((x) => x.value).filter((x) => x.agreementId === 'a-amo');
    expect(e.map((x) => `${x.event} ${x.outcome}`)).toEqual(['nudge unconfirmed']);
  });

  it('two instances sweeping at once: one holds the lease; even without it, each person gets one message', async () => {
    const specs = [missedFebruary('a-two1', 'tm1', 'sw1'), missedFebruary('a-two2', 'tm2', 'sw3')];
    const one = await setup(azurite.connectionString, specs, { managers, prefix: 'ttwo' });
    const two = await setup(azurite.connectionString, [], { managers, prefix: 'ttwo' });
    const [x, y] = await Promise.all([runSweep(one.deps, { now: sweepTime('2026-03-04') }), runSweep(two.deps, { now: sweepTime('2026-03-04') })]);
    expect([x.ran, y.ran].sort()).toEqual([false, true]);
    // Lease lost or bypassed: the create-only digest and ledger rows still let only one send.
    await Promise.all([sweepOnce(one.deps, { now: sweepTime('2026-03-09') }), sweepOnce(two.deps, { now: sweepTime('2026-03-09') })]);
    // Two messengers with their own memory: nothing but the shared storage stops a double send.
    const all = [...one.messenger.sent, ...two.messenger.sent].map((s) => `${s.key.split(':')[1]} ${s.personId}`).sort();
    expect(all).toEqual(['2026-03-04 tm1', '2026-03-04 tm2', '2026-03-09 sm1']);
  });
});

describe('events and ended agreements (issue 6 items 1 and 5)', () => {
  it('sweepAfterEvent: the late record is shared and signed; the escalation closes at once, once', async () => {
    // February's session held, its record not shared (Sefton: within the pack's working days).
    const spec: AgreementSpec = { ...missedFebruary('a-event', 'tm1', 'sw1'), sessions: [{ date: '2026-01-13', status: 'held' }, { date: '2026-02-10', status: 'held' }] };
    const { deps, messenger, write } = await setup(azurite.connectionString, [spec], { managers });
    await days(deps, '2026-02-10', '2026-02-27');
    const before = messenger.sent.length;
    expect(who(messenger.sent).filter((l) => l.includes('sm1'))).not.toEqual([]);
    // The supervisor shares the record on 2 March and both sign it: the record flow calls sweepAfterEvent.
    await write({ ...spec, facts: { records: { ...spec.facts?.records, '2026-02-10': { sharedOn: '2026-03-02', signedBySupervisor: '2026-03-02', signedBySupervisee: '2026-03-02' } } } });
    const r = await sweepAfterEvent(deps, 'a-event', sweepTime('2026-03-02', '15:00').toISOString());
    // The line manager and the next tier it reached are both told, straight away.
    expect(r.ran && r.result.messages.map((m) => `${m.recipientId} ${m.outcome}`)).toEqual(['hos1 delivered', 'sm1 delivered']);
    expect(messenger.sent.slice(before).every((m) => m.message.text.split('\n').every((l) => l.startsWith('Escalation closed')))).toBe(true);
    // Replayed (a second event, another instance, the next daily sweeps): nothing more.
    const again = await sweepAfterEvent(deps, 'a-event', sweepTime('2026-03-02', '15:01').toISOString());
    expect(again.ran && again.result.messages).toEqual([]);
    await days(deps, '2026-03-03', '2026-03-03');
    expect(messenger.sent.slice(before + 2).filter((m) => m.message.text.includes('record'))).toEqual([]);
    await expect(sweepAfterEvent(deps, 'a-event', 'yesterday')).rejects.toThrow('ISO instant');
  });

  it('an ended agreement: open escalations close, those reached are told once, audited; nothing else about it', async () => {
    const spec = missedFebruary('a-end', 'tm1', 'sw1');
    const { deps, messenger, write } = await setup(azurite.connectionString, [spec], { managers });
    await days(deps, '2026-03-04', '2026-03-16');
    expect(who(messenger.sent).slice(-2)).toEqual(['2026-03-09 sm1: Supervision: escalated to you as line manager', '2026-03-16 hos1: Supervision: escalated to you as the next tier of management']);
    await write({ ...spec, status: 'ended', endedOn: '2026-03-17' });
    await days(deps, '2026-03-17', '2026-04-30');
    expect(who(messenger.sent).slice(3)).toEqual(['2026-03-17 hos1: Supervision: escalation closed', '2026-03-17 sm1: Supervision: escalation closed']);
    expect(messenger.sent[3]?.message.text).toContain('the supervision agreement ended on Tuesday 17 March 2026');
    const events = (await audit(deps, '2026-03')).map((e) => e.value).filter((e) => e.agreementId === 'a-end' && e.event === 'closed').map((e) => `${e.day} ${e.recipientId} ${e.citation}`);
    expect(events).toEqual(['2026-03-17 hos1 the agreement ended', '2026-03-17 sm1 the agreement ended']);
  });
});

describe('delivery failures and the schedule', () => {
  it('a failed send is retried on the next working day, and audited as failed', async () => {
    const messenger = new RecordingMessenger();
    const failing = { ...messenger, channel: 'teams', honoursIdempotencyKey: true, failFor: new Set(['tm1']),
      async send(personId: string, message: Parameters<RecordingMessenger['send']>[1], options: Parameters<RecordingMessenger['send']>[2]) {
        if (failing.failFor.has(personId)) return { status: 'failed' as const, channel: 'teams', reason: 'HTTP 500', retryable: true };
        return messenger.send(personId, message, options);
      } };
    const { deps } = await setup(azurite.connectionString, [missedFebruary('a-fail', 'tm1', 'sw1')], { managers });
    const withFailing = { ...deps, messenger: failing };
    const first = await sweepOnce(withFailing, { now: sweepTime('2026-03-04') });
    expect(first.messages).toEqual([{ recipientId: 'tm1', steps: 1, channel: 'teams', outcome: 'failed', fallbackMail: false }]);
    failing.failFor.clear();
    await sweepOnce(withFailing, { now: sweepTime('2026-03-05') });
    expect(who(messenger.sent)).toEqual(['2026-03-05 tm1: Supervision: due now']);
    const e = (await audit(deps, '2026-03')).map((x) => `${x.value.day} ${x.value.event} ${x.value.outcome}`);
    expect(e).toEqual(['2026-03-04 nudge failed', '2026-03-05 nudge delivered']);
  });

  it('the daily sweep is at the configured local time on the next working day (BST and bank holidays)', () => {
    // Thursday 2 April 2026 after 08:00 BST: Good Friday and Easter Monday are skipped.
    expect(new Date(nextSweepAt(Date.parse('2026-04-02T07:30:00Z'), calendar, '08:00')).toISOString()).toBe('2026-04-07T07:00:00.000Z');
    expect(new Date(nextSweepAt(Date.parse('2026-01-05T07:59:00Z'), calendar, '08:00')).toISOString()).toBe('2026-01-05T08:00:00.000Z');
  });
});

describe('bad data', () => {
  it('an agreement the engine cannot read is reported by id and does not stop the others', async () => {
    const broken = { ...missedFebruary('a-broken', 'tm2', 'sw3'), roleId: 'no-such-role' };
    const { deps, messenger } = await setup(azurite.connectionString, [broken, missedFebruary('a-fine', 'tm1', 'sw1')], { managers });
    const r = await sweepOnce(deps, { now: sweepTime('2026-03-04') });
    expect(r.failedAgreements).toEqual([{ agreementId: 'a-broken', code: 'not_found' }]);
    expect(who(messenger.sent)).toEqual(['2026-03-04 tm1: Supervision: due now']);
  });
});
