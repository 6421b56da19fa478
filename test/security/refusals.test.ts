import { describe, expect, it } from 'vitest';
import { createStorage } from '../../src/adapters/storage/index.js';
import { createRepositories } from '../../src/repositories/index.js';
import { RefusalRepository, refusalLog } from '../../src/repositories/refusals.js';
import { recordAuditLog } from '../../src/repositories/tables.js';
import { seedSeftonAgreement, useBot } from '../support/bot.js';
import { capturedLog } from '../support/captured-log.js';

const log = capturedLog();
const { stack, bot, person, reportOf } = useBot({}, log);

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const storage = () => createStorage(stack().azurite.connectionString);
const refusals = () => new RefusalRepository(refusalLog(storage()));
const thisMonth = () => stack().app.clock.now().toISOString().slice(0, 7);

describe('refusals people meet (issue 16 M1, L8, L7, L3)', () => {
  it('M1: the supervisee cannot end the agreement: refused, nothing cancelled, and the refusal audited', async () => {
    const tm = person('tm1');
    const sw = reportOf('tm1');
    const { agreement, session } = await seedSeftonAgreement(storage(), { id: 'm1-agreement', supervisor: tm, supervisee: sw, sessionDate: inDays(30), createdAt: new Date().toISOString() });
    const answer = await bot.press(sw, 'agreementEnd', { agreementId: agreement.id, reason: 'agreement-ended' });
    expect(answer.statusCode).toBe(403);
    expect(answer.value.message).toMatch(/Only your supervisor can end your supervision agreement/);
    const { agreements } = createRepositories(storage());
    expect((await agreements.get(agreement.id))?.status).toBe('booked');
    expect((await agreements.session(agreement.id, session.sessionId))?.status).toBe('booked');
    const audited = (await refusals().inMonth(thisMonth())).filter((e) => e.agreementId === agreement.id);
    expect(audited).toEqual([expect.objectContaining({ event: 'refused', byId: sw.id, what: 'agreementEnd', code: 'forbidden', agreementId: agreement.id })]);
  });

  it('L8: the supervisee asking to revise the agreement is refused, not given the edit form', async () => {
    const tm = person('tm2');
    const sw = reportOf('tm2');
    const { agreement } = await seedSeftonAgreement(storage(), { id: 'a0000000-0000-4000-8000-0000000000l8', supervisor: tm, supervisee: sw, sessionDate: inDays(30), createdAt: new Date().toISOString() });
    const { agreements } = createRepositories(storage());
    await agreements.update(agreement.id, (a) => ({ ...a, status: 'awaiting-supervisee' }));
    for (const verb of ['agreementRevise', 'agreementEdit']) {
      const answer = await bot.press(sw, verb, { agreementId: agreement.id, superviseeId: sw.id, rolePhase: '', employmentStart: '2020-01-06', agreementDate: inDays(7), weekday: '2', time: '10:00', minutes: '90', format: 'teams', location: '', keyTasks: 'x', othersWhoMaySee: '', seniorManagerId: '', reviewDate: inDays(300) });
      expect(answer.statusCode, verb).toBe(403);
      expect(answer.type).toBe('application/vnd.microsoft.error');
      expect(JSON.stringify(answer.value)).not.toContain('Input.');
    }
    expect((await agreements.get(agreement.id))?.status).toBe('awaiting-supervisee');
    const audited = (await refusals().inMonth(thisMonth())).filter((e) => e.agreementId === agreement.id).map((e) => e.what);
    expect(audited.sort()).toEqual(['agreementEdit', 'agreementRevise']);
  });

  it('L7: a stranger\'s refusals are audited with who and what; a refused record view is audited once, in the records\' own log', async () => {
    const stranger = person('dir');
    const tm = person('tm3');
    const sw = reportOf('tm3');
    const { agreement, session } = await seedSeftonAgreement(storage(), { id: 'l7-agreement', supervisor: tm, supervisee: sw, sessionDate: inDays(20), createdAt: new Date().toISOString() });
    expect((await bot.press(stranger, 'agreementEnd', { agreementId: agreement.id, reason: 'agreement-ended' })).statusCode).toBe(403);
    expect((await bot.press(stranger, 'agendaConfirm', { agreementId: agreement.id, sessionId: session.sessionId, itemId: 'x1', text: 'caseload' })).statusCode).toBe(403);
    expect((await bot.press(stranger, 'recordOpen', { agreementId: agreement.id, sessionId: session.sessionId })).statusCode).toBeGreaterThanOrEqual(400);
    const entries = (await refusals().inMonth(thisMonth())).filter((e) => e.agreementId === agreement.id);
    expect(entries.map((e) => [e.what, e.byId, e.agreementId]).sort()).toEqual([
      ['agendaConfirm', stranger.id, agreement.id],
      ['agreementEnd', stranger.id, agreement.id],
    ]);
    // The log line says what was refused and which audit entry holds who; never the person.
    const lines = log.lines.filter((l) => l.event === 'refusal.audited');
    expect(lines.map((l) => l.fields['auditId'])).toEqual(expect.arrayContaining(entries.map((e) => e.id)));
    expect(lines.every((l) => typeof l.fields['what'] === 'string' && l.fields['code'] === 'forbidden')).toBe(true);
    for (const p of [stranger, tm, sw]) {
      expect(log.text()).not.toContain(p.id);
      expect(log.text()).not.toContain(p.name);
    }
  });

  it('L7: a refused record view is in the records\' audit log and not a second time in the refusals log', async () => {
    const stranger = person('sm1');
    const tm = person('tm4');
    const sw = reportOf('tm4');
    const { agreement, session } = await seedSeftonAgreement(storage(), { id: 'l7-record', supervisor: tm, supervisee: sw, sessionDate: inDays(-2), createdAt: new Date().toISOString() });
    const { records } = createRepositories(storage());
    const { openRecord } = await import('../../src/domain/records/lifecycle.js');
    await records.create(openRecord({ agreementId: agreement.id, sessionId: session.sessionId, sessionDate: session.date, policyId: 'sefton', templateId: 'welfare-supervision-record', supervisor: { id: tm.id, name: tm.name }, supervisee: { id: sw.id, name: sw.name } }, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')));
    const answer = await bot.press(stranger, 'recordOpen', { agreementId: agreement.id, sessionId: session.sessionId });
    expect(answer.statusCode).toBe(403);
    const recordLog = await recordAuditLog(storage()).list(`records-${thisMonth()}`);
    expect(recordLog.items.filter((e) => e.value.agreementId === agreement.id && e.value.byId === stranger.id)).toHaveLength(1);
    expect((await refusals().inMonth(thisMonth())).filter((e) => e.agreementId === agreement.id)).toEqual([]);
  });

  it('L3: a card missing what it needs is answered in plain words, never the validator\'s', async () => {
    const sw = person('sw1');
    for (const [verb, data] of [['agreementEnd', {}], ['agreementEnd', { agreementId: 7 }], ['sessionRebook', {}], ['sessionRebook', { agreementId: 'a', sessionId: 's', slot: 3 }], ['recordOpen', { agreementId: ['x'] }], ['agendaAdd', { agreementId: null }]] as const) {
      const answer = await bot.press(sw, verb, data);
      expect(answer.statusCode, verb).toBeGreaterThanOrEqual(400);
      expect(answer.value.message, verb).toMatch(/^[A-Z]/);
      expect(answer.value.message, verb).not.toMatch(/Invalid input|expected \w+, received|Too big|Too small|Required/);
    }
  });
});
