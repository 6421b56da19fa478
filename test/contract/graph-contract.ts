/**
 * The Graph contract (issue 11): what the product's adapters expect of Microsoft Graph, as one
 * suite run against the sandbox tenant in `npm test` (graph-contract.test.ts) and against a real
 * tenant with `npm run test:tenant` (graph-contract.tenant.ts), so a council's first run says at
 * once where its tenant differs. Read-mostly: it creates two calendar events without attendees (no
 * invitations go out) and two files in a folder of its own, and removes them; it sends one e-mail,
 * from the notifications mailbox to itself.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AuthenticationProvider, Client } from '@microsoft/microsoft-graph-client';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphChangeSubscriptions } from '../../src/adapters/graph/calendar/change-subscriptions.js';
import { GraphCalendar } from '../../src/adapters/graph/calendar/graph-calendar.js';
import { GraphDirectory } from '../../src/adapters/graph/graph-directory.js';
import { createMailMessenger } from '../../src/adapters/graph/mail-messenger.js';
import { grantedGraphPermissions } from '../../src/adapters/graph/permission-report.js';
import { createGraphSupervisionFile } from '../../src/adapters/graph/sharepoint/graph-supervision-file.js';
import { findSupervisionLibrary } from '../../src/adapters/graph/sharepoint/supervision-library.js';
import { createTeamsAppInstaller } from '../../src/adapters/graph/teams-app-installer.js';
import type { FileRecordRequest } from '../../src/domain/ports/supervision-file.js';
import { canonicalRecordJson } from '../../src/jobs/filing/process-filing.js';
import { finalRecord } from '../adapters/pdf/record-fixture.js';

export interface ContractTarget {
  readonly graph: Client;
  readonly graphBaseUrl: string;
  readonly tokens: AuthenticationProvider;
  /** A supervisor's user id and the id of one of their direct reports. */
  readonly supervisorId: string;
  readonly superviseeId: string;
  /** SHAREPOINT_SITE. */
  readonly site: string;
  /** SHAREPOINT_LIBRARY: the supervision library the filing adapter files into, as the composition root configures it. */
  readonly library: string;
  /** appPackage/manifest.json "id", as the organisation's catalogue has it. */
  readonly manifestId: string;
  /** NOTIFICATIONS_MAILBOX: sends the contract's one e-mail to itself. */
  readonly mailbox: string;
}

const DAY = 86_400_000;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function graphContract(name: string, target: () => ContractTarget): void {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const undo of cleanups.reverse()) await undo().catch(() => undefined);
  });

  describe(`Graph contract: ${name}`, () => {
    it('permissions: the app token carries every permission of the product’s list', async () => {
      const check = await grantedGraphPermissions(target().tokens, target().graphBaseUrl);
      expect(check.missing.map((p) => p.name)).toEqual([]);
    });

    it('directory: a person, their manager and the manager’s direct reports; someone unknown is nobody', async () => {
      const t = target();
      const directory = new GraphDirectory(t.graph);
      const supervisee = await directory.getPerson(t.superviseeId);
      expect(supervisee?.id).toBe(t.superviseeId);
      expect(supervisee?.displayName).toEqual(expect.any(String));
      expect((await directory.getManager(t.superviseeId))?.id).toBe(t.supervisorId);
      expect((await directory.getDirectReports(t.supervisorId)).map((p) => p.id)).toContain(t.superviseeId);
      expect(await directory.getPerson(randomUUID())).toBeUndefined();
    });

    it('free/busy: both mailboxes answer for the next week', async () => {
      const t = target();
      const from = new Date(Date.now() + DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const to = new Date(Date.now() + 8 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const busy = await new GraphCalendar({ client: t.graph }).busy([t.supervisorId, t.superviseeId], from, to);
      expect([...busy.keys()].sort()).toEqual([t.supervisorId, t.superviseeId].sort());
    });

    it('event batches and delta: two events made in one batch, made once however often asked; the delta lists them, then their removal', async () => {
      const t = target();
      const calendar = new GraphCalendar({ client: t.graph });
      // A year ahead, at night, without attendees: nobody is invited to anything.
      const day = new Date(Date.now() + 360 * DAY).toISOString().slice(0, 10);
      const events = [0, 1].map((i) => ({
        transactionId: randomUUID(),
        subject: 'Supervision Assistant contract test',
        body: 'Made and removed by the Graph contract test.',
        startUtc: `${day}T2${i}:00:00Z`,
        endUtc: `${day}T2${i}:30:00Z`,
        attendees: [],
        isOnlineMeeting: false,
        categories: [],
        reminderMinutesBeforeStart: 0,
      }));
      const first = await calendar.createEvents(t.supervisorId, events);
      for (const e of first.created) cleanups.push(() => t.graph.api(`/users/${t.supervisorId}/events/${e.eventId}`).delete());
      expect(first.failed).toEqual([]);
      expect(first.created).toHaveLength(2);
      const again = await calendar.createEvents(t.supervisorId, events);
      expect(again.created.map((e) => e.eventId).sort()).toEqual(first.created.map((e) => e.eventId).sort());

      const window = { fromUtc: `${day}T00:00:00Z`, toUtc: `${day}T23:59:59Z` };
      const listed = await calendar.changes(t.supervisorId, undefined, window);
      const ids = first.created.map((e) => e.eventId);
      expect(listed.changes.filter((c) => ids.includes(c.eventId)).map((c) => c.kind)).toEqual(['updated', 'updated']);
      await t.graph.api(`/users/${t.supervisorId}/events/${ids[0]}`).delete();
      const after = await calendar.changes(t.supervisorId, listed.nextToken, window);
      expect(after.changes.find((c) => c.eventId === ids[0])?.kind).toBe('deleted');
    });

    it('subscriptions: an endpoint that does not answer Graph’s validation is refused, and nothing is made', async () => {
      const t = target();
      const subscriptions = new GraphChangeSubscriptions(t.graph);
      const unreachable = `https://contract-test.invalid/api/graph-notifications`;
      const made = subscriptions.create(t.supervisorId, { notificationUrl: unreachable, lifecycleNotificationUrl: unreachable }, randomUUID(), new Date(Date.now() + DAY).toISOString());
      await expect(made).rejects.toMatchObject({ statusCode: 400 });
    });

    it('SharePoint filing: the record’s PDF and JSON in a folder of their own, with the metadata columns set', async () => {
      const t = target();
      const file = createGraphSupervisionFile({ graph: t.graph, site: t.site, library: t.library });
      const employee = { id: randomUUID(), displayName: 'Contract Test' };
      const supervisor = { id: t.supervisorId, name: 'Contract Test Supervisor' };
      const record = finalRecord({ supervisor, supervisee: { id: employee.id, name: employee.displayName } });
      const final = record.versions.at(-1)!;
      const json = new TextEncoder().encode(canonicalRecordJson(record, final));
      const request: FileRecordRequest = {
        employee,
        sessionDate: record.sessionDate,
        version: final.version,
        pdf: { content: Buffer.from('%PDF-1.7\n% contract test\n'), contentType: 'application/pdf' },
        json: { content: json, contentType: 'application/json' },
        metadata: {
          employeeName: employee.displayName, employeeId: employee.id, supervisorName: supervisor.name, supervisorId: supervisor.id, sessionDate: record.sessionDate,
          recordType: 'Contract test', policy: 'Contract test', version: final.version, hash: final.hash,
          supervisorSignedAt: final.supervisorSignature.signedAt, superviseeSignedAt: final.superviseeSignature!.signedAt, retentionRule: 'Contract test',
        },
      };
      // The site's libraries (drive-list.md): the folder is removed from whichever holds it.
      const { id: siteId } = (await t.graph.api(`/sites/${t.site}`).select('id').get()) as { id: string };
      const drives = async () => ((await t.graph.api(`/sites/${siteId}/drives`).select('id').get()) as { value: { id: string }[] }).value.map((d) => d.id);
      const folder = `/Employees/${employee.displayName} (${employee.id})`;
      cleanups.push(async () => {
        for (const d of await drives()) await t.graph.api(`/drives/${d}/root:${encodeURI(folder)}`).delete().catch(() => undefined);
      });
      const stored = await file.storeRecord(request);
      expect(sha(json)).toBe(final.hash);
      let driveId = '';
      for (const d of await drives()) {
        if (await t.graph.api(`/drives/${d}/items/${stored.driveItemIds.json}`).select('id').get().then(() => true, () => false)) driveId = d;
      }
      // In the configured supervision library, never the site's default 'Documents'.
      expect(driveId).toBe((await findSupervisionLibrary(t.graph, siteId, t.library)).driveId);
      const listItem = (await t.graph.api(`/drives/${driveId}/items/${stored.driveItemIds.json}/listItem`).expand('fields').get()) as { fields: Record<string, unknown> };
      expect(listItem.fields).toMatchObject({ RecordHash: final.hash, EmployeeId: employee.id, RecordVersion: final.version });
      // A second filing of the same record is the same files (a retried job).
      expect((await file.storeRecord(request)).driveItemIds).toEqual(stored.driveItemIds);
    });

    it('app installation: the organisation’s catalogue has the app by its manifest id', async () => {
      const t = target();
      const installer = createTeamsAppInstaller({ graph: t.graph, manifestId: t.manifestId, graphBaseUrl: t.graphBaseUrl });
      expect(await installer.catalogId()).toEqual(expect.any(String));
    });

    it('mail: the notifications mailbox sends (to itself)', async () => {
      const t = target();
      const mail = createMailMessenger({ graph: t.graph, senderId: t.mailbox, addressOf: async () => t.mailbox });
      const outcome = await mail.send(t.mailbox, { title: 'Supervision Assistant contract test', text: 'Sent by the Graph contract test; nothing to do.', facts: [], actions: [] }, { idempotencyKey: randomUUID() });
      expect(outcome).toEqual({ status: 'delivered', channel: 'mail' });
    });
  });
}
