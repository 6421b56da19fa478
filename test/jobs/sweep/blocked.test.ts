/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's inspection JSON is read loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { createMailMessenger } from '../../../src/adapters/graph/mail-messenger.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { sweepOnce } from '../../../src/jobs/sweep/index.js';
import { auditPartition } from '../../../src/repositories/escalations.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { useAzurite } from '../../support/azurite.js';
import { startTenant } from '../../sandbox/helpers.js';
import { RecordingMessenger, setup, sweepTime } from './support.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startTenant(); });
afterAll(async () => { await tenant.close(); });
const p = (alias: string) => findPerson(tenant.org, alias)!;

describe('a person who blocked the bot (sandbox tenant)', () => {
  it('gets the message by e-mail through Graph sendMail; the audit says so; the manager chain comes from the directory', async () => {
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
    const directory = new GraphDirectory(graph);
    const mail = createMailMessenger({ graph, senderId: p('dir').id, addressOf: async (id) => (await directory.getPerson(id))?.mail });
    const teams = new RecordingMessenger();
    teams.blocked.add(p('tm1').id);
    const { deps } = await setup(azurite.connectionString, [{
      id: 'a-blocked', policyId: 'sefton', roleId: 'social-worker', supervisorId: p('tm1').id, superviseeId: p('sw1').id, agreementDate: '2026-01-05',
      sessions: [{ date: '2026-01-13', status: 'held' }],
      facts: { records: { '2026-01-13': { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-15', signedBySupervisee: '2026-01-15' } } },
    }], { managers: {}, messenger: teams, mail });
    const real = { ...deps, directory };
    const before = ((await (await fetch(`${tenant.url}/_sandbox/mail`)).json()) as any[]).length;
    const nudge = await sweepOnce(real, { now: sweepTime('2026-03-04') });
    expect(nudge.messages).toEqual([{ recipientId: p('tm1').id, steps: 1, channel: 'mail', outcome: 'delivered', fallbackMail: true }]);
    for (const d of ['2026-03-05', '2026-03-06', '2026-03-09']) await sweepOnce(real, { now: sweepTime(d) });
    // The line manager (sm1 in the sandbox directory) did not block the bot: Teams.
    expect(teams.sent.map((s) => s.personId)).toEqual([p('sm1').id]);
    const mails = ((await (await fetch(`${tenant.url}/_sandbox/mail`)).json()) as any[]).slice(before);
    expect(mails.map((m) => m.message.toRecipients[0].emailAddress.address)).toEqual([p('tm1').mail]);
    // The message says whose supervision it is, by name from the directory.
    expect(mails[0].message.body.content).toContain(`Supervision of ${p('sw1').displayName} by ${p('tm1').displayName}; waiting on ${p('tm1').displayName}`);
    const audit = (await deps.escalations.tables.audit.list(auditPartition('2026-03-04'))).items.map((e) => e.value);
    expect(audit.map((e) => `${e.event} ${e.channel} ${e.fallbackMail ?? false}`)).toEqual(['nudge mail true', 'line-manager teams false']);
    // Evidence holds ids and citations, never names or addresses.
    expect(JSON.stringify(audit)).not.toContain(p('tm1').mail);
    expect(JSON.stringify(audit)).not.toContain(p('tm1').displayName);
  });
});
