import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { utcToLondon } from '../../../src/domain/calendar/london-time.js';
import { auditPartition, sweepStores } from '../../../src/repositories/escalations.js';
import { useBot } from '../../support/bot.js';

const { stack, channel, bot, person } = useBot({ POLICY_PACK: 'sefton' });

describe('escalation card buttons through the Bot Framework protocol (issue 6 item 4)', () => {
  it('only the manager the escalation reached may acknowledge it or add a note; both are kept in the audit log', async () => {
    const { azurite } = stack();
    const sm = person('sm1');
    const tm = person('tm1');
    // The sweep escalated a missed February session to sm1 (its ledger row is the proof of who it reached).
    const stores = sweepStores(createStorage(azurite.connectionString));
    const obligationId = 'session-frequency:monthly/2026-02-05:2026-03-04';
    await stores.ledger.create({ partition: 'esc-flow-1', id: `${obligationId}|line-manager|${sm.id}` }, { obligationId, step: 'line-manager', recipientId: sm.id, day: '2026-03-09', state: 'sent', digest: `2026-03-09/${sm.id}` });
    const data = { agreementId: 'esc-flow-1', obligationId };

    const refused = await bot.press(tm, 'escalationAcknowledge', data);
    expect(refused).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'forbidden', message: expect.stringContaining('sent to someone else') } });
    const bad = await bot.press(sm, 'escalationAcknowledge', { agreementId: 'esc-flow-1' });
    expect(bad).toMatchObject({ statusCode: 400, value: { code: 'invalid_input' } });

    let before = bot.mark();
    expect(await bot.press(sm, 'escalationAcknowledge', data)).toMatchObject({ statusCode: 200 });
    await channel.waitFor(before + 1);
    expect(channel.received[before]?.text).toContain('Acknowledged');
    before = bot.mark();
    await bot.press(sm, 'escalationNote', { ...data, field: 'note_0', note_0: 'Spoken to the team manager.' });
    await channel.waitFor(before + 1);
    expect(channel.received[before]?.text).toContain('note is saved');

    const acks = (await stores.acks.list('esc-flow-1')).items.map((i) => i.key.id);
    expect(acks).toEqual([obligationId]);
    const day = utcToLondon(new Date().toISOString()).date;
    const audit = (await stores.audit.list(auditPartition(day))).items.map((e) => e.value).filter((e) => e.agreementId === 'esc-flow-1');
    expect(audit.map((e) => `${e.event} ${e.recipientId === sm.id} ${e.note ?? ''}`)).toEqual(['acknowledged true ', 'note true Spoken to the team manager.']);
  }, 60_000);
});
