import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../src/adapters/graph/graph-client.js';
import { createGraphSupervisionFile } from '../../src/adapters/graph/sharepoint/graph-supervision-file.js';
import { GraphDirectory } from '../../src/adapters/graph/graph-directory.js';
import { GRAPH_PERMISSION_NAMES } from '../../src/adapters/graph/permissions.js';
import { sandboxTokenProvider } from '../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../src/adapters/storage/index.js';
import { doctorContext, parseDoctorArgs, runDoctor } from '../../src/cli/commands/doctor.js';
import { setupSharePoint } from '../../src/cli/commands/setup.js';
import type { CliRuntime } from '../../src/cli/runtime.js';
import type { Config } from '../../src/config/schema.js';
import type { FileRecordRequest } from '../../src/domain/ports/supervision-file.js';
import { canonicalRecordJson } from '../../src/jobs/filing/process-filing.js';
import { findPerson } from '../../src/sandbox/demo-org.js';
import { clearSupervisionColumns, removeLibrary } from '../../src/sandbox/library-model.js';
import { finalRecord } from '../adapters/pdf/record-fixture.js';
import { startStack, stopStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ NOTIFICATIONS_MAILBOX: 'gwendolyn.tapscott@northshire.example', RECORDS_RETENTION_LABEL: 'Supervision record' });
});
afterAll(async () => {
  await stopStack(stack);
});

/** What `supervision doctor` builds from the configuration; a new token provider, so the token carries today's grant. */
function runtime(config: Config = stack.config): CliRuntime {
  const tokens = sandboxTokenProvider();
  const graph = createGraphClient({ baseUrl: stack.tenant.graphBaseUrl, tokens, maxRetries: 0 });
  return {
    config,
    graph,
    directory: new GraphDirectory(graph),
    graphBaseUrl: stack.tenant.graphBaseUrl,
    tokens,
    storageTarget: stack.azurite.connectionString,
    storage: createStorage(stack.azurite.connectionString),
  };
}

const person = () => findPerson(stack.tenant.org, 'sw1')!.userPrincipalName;
const doctor = () => runDoctor(doctorContext(runtime(), { person: person(), botUrl: stack.url }));
const line = (stdout: string, name: string) => stdout.split('\n').find((l) => l.slice(2).startsWith(`${name}:`));

describe('supervision doctor against the sandbox tenant', () => {
  it('prints one ✓ line per check and exits 0 when everything holds', async () => {
    const out = await doctor();
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('✗'))).toEqual([]);
    expect(out.code).toBe(0);
    for (const name of ['clock', 'Microsoft Graph token', 'Bot Framework token', 'Azure Storage', ...GRAPH_PERMISSION_NAMES, 'mailbox scope', 'SharePoint site', 'supervision library', 'library columns', 'retention label', 'Teams app', 'bot endpoint']) {
      expect(line(out.stdout, name), name).toMatch(/^✓ /);
    }
    expect(lines.at(-1)).toMatch(/^All \d+ checks pass\.$/);
  });

  it('with a permission withdrawn it prints that ✗ with its fix and exits 1', async () => {
    stack.tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES.filter((p) => p !== 'Calendars.ReadWrite'));
    try {
      const out = await doctor();
      expect(out.code).toBe(1);
      expect(line(out.stdout, 'Calendars.ReadWrite')).toMatch(/^✗ Calendars\.ReadWrite: not granted to the app \(the token has no such role\)\. Fix: grant the application permission Calendars\.ReadWrite to the app and give admin consent \(/);
      expect(line(out.stdout, 'User.Read.All')).toMatch(/^✓ /);
      expect(out.stdout).toMatch(/\d+ of \d+ checks failed\.\n$/);
    } finally {
      stack.tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES);
    }
  });

  it("a person outside the app's mailbox scope fails the mailbox check with the fix", async () => {
    stack.tenant.setMailboxScope([findPerson(stack.tenant.org, 'tm1')!.id]);
    try {
      const out = await doctor();
      expect(line(out.stdout, 'mailbox scope')).toMatch(/^✗ mailbox scope: .*calendar is out of reach \(Graph answered 403 ErrorAccessDenied\)\. Fix: add the supervision staff group/);
      expect(out.code).toBe(1);
    } finally {
      stack.tenant.setMailboxScope(undefined);
    }
  });

  it('a bot that does not answer fails the bot endpoint check', async () => {
    const out = await runDoctor(doctorContext(runtime(), { person: person(), botUrl: 'http://127.0.0.1:9' }));
    expect(line(out.stdout, 'bot endpoint')).toMatch(/^✗ bot endpoint: http:\/\/127\.0\.0\.1:9\/healthz does not answer/);
  });

  it('reads --person and --bot-url', () => {
    expect(parseDoctorArgs(['--person', 'a@b.example', '--bot-url', 'https://bot.example'])).toEqual({ person: 'a@b.example', botUrl: 'https://bot.example' });
    expect(() => parseDoctorArgs(['--nope'])).toThrow();
  });
});

describe('supervision setup sharepoint against the sandbox tenant', () => {
  it('on a site without the supervision library it creates the library and its columns (a write grant is refused; manage is needed); a second run creates nothing', async () => {
    const { site } = stack.tenant.org;
    removeLibrary(stack.tenant.store, site.supervisionLibrary.listId);
    const before = await doctor();
    expect(line(before.stdout, 'supervision library')).toBe('✗ supervision library: the site has no document library called "Supervision Files". Fix: run supervision setup sharepoint, or set SHAREPOINT_LIBRARY to the library\'s name');
    expect(line(before.stdout, 'library columns')).toMatch(/^✗ library columns: not checked: there is no library "Supervision Files"\. Fix: run supervision setup sharepoint$/);
    expect(before.code).toBe(1);

    // The product's own grant cannot make a library (list-create.md: Sites.Manage.All).
    await expect(setupSharePoint(runtime().graph, stack.config.SHAREPOINT_SITE, 'Supervision Files')).rejects.toMatchObject({ statusCode: 403 });

    stack.tenant.setGrantedRoles([...GRAPH_PERMISSION_NAMES, 'Sites.Manage.All']);
    try {
      const first = await setupSharePoint(runtime().graph, stack.config.SHAREPOINT_SITE, 'Supervision Files');
      expect(first.code).toBe(0);
      expect(first.stdout.split('\n')[0]).toBe(`✓ supervision library "Supervision Files" on ${stack.config.SHAREPOINT_SITE}: created`);
      expect(first.stdout.split('\n').filter((l) => l.startsWith('✓ column ') && l.endsWith(': created'))).toHaveLength(13);
      const second = await setupSharePoint(runtime().graph, stack.config.SHAREPOINT_SITE, 'Supervision Files');
      expect(second.code).toBe(0);
      expect(second.stdout).not.toContain('created');
      expect(second.stdout.split('\n')[0]).toMatch(/: already there$/);
      expect(second.stdout.split('\n').filter((l) => l.startsWith('✓ column ') && l.endsWith(': already there'))).toHaveLength(13);
    } finally {
      stack.tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES);
    }
    // One new library beside the site's default 'Documents', not the default one changed.
    const libraries = [...stack.tenant.store.libraries.values()];
    expect(libraries.map((l) => l.displayName)).toEqual(['Documents', 'Supervision Files']);
    const made = libraries[1]!;
    expect(made.listId).not.toBe(site.supervisionLibrary.listId);
    expect(made.columns.map((c) => c.name)).toContain('RetentionRule');
    expect(libraries[0]!.columns.map((c) => c.name)).not.toContain('RetentionRule');
    const after = await doctor();
    expect(line(after.stdout, 'supervision library')).toBe(`✓ supervision library: "Supervision Files", where each employee's folder is filed`);
    expect(line(after.stdout, 'library columns')).toBe('✓ library columns: all 13 metadata columns of "Supervision Files" are there');
    expect(after.code).toBe(0);
  });

  it('adds only the missing columns to a library that is there', async () => {
    clearSupervisionColumns(stack.tenant.store);
    const before = await doctor();
    expect(line(before.stdout, 'library columns')).toMatch(/^✗ library columns: missing: Employee, EmployeeId, .*RetentionRule\. Fix: run supervision setup sharepoint$/);
    stack.tenant.setGrantedRoles([...GRAPH_PERMISSION_NAMES, 'Sites.Manage.All']);
    try {
      const first = await setupSharePoint(runtime().graph, stack.config.SHAREPOINT_SITE, stack.config.SHAREPOINT_LIBRARY);
      expect(first.stdout.split('\n')[0]).toMatch(/^✓ supervision library "Supervision Files" on .*: already there$/);
      expect(first.stdout.split('\n').filter((l) => l.endsWith(': created'))).toHaveLength(13);
    } finally {
      stack.tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES);
    }
    expect((await doctor()).code).toBe(0);
  });

  it('needs SHAREPOINT_SITE', async () => {
    await expect(setupSharePoint(runtime().graph, undefined)).rejects.toThrow(/^Configuration error: SHAREPOINT_SITE is missing/);
  });
});

describe("supervision doctor's retention label line: what Graph lets an app see of the label", () => {
  /** A final record of `alias` (supervised by tm1), as the filing job hands it to the adapter. */
  function recordOf(alias: string): FileRecordRequest {
    const p = findPerson(stack.tenant.org, alias)!;
    const tm = findPerson(stack.tenant.org, 'tm1')!;
    const record = finalRecord({ supervisor: { id: tm.id, name: tm.displayName }, supervisee: { id: p.id, name: p.displayName } });
    const final = record.versions.at(-1)!;
    return {
      employee: { id: p.id, displayName: p.displayName },
      sessionDate: record.sessionDate,
      version: final.version,
      pdf: { content: Buffer.from('%PDF-1.7\n% doctor test\n'), contentType: 'application/pdf' },
      json: { content: new TextEncoder().encode(canonicalRecordJson(record, final)), contentType: 'application/json' },
      metadata: {
        employeeName: p.displayName, employeeId: p.id, supervisorName: tm.displayName, supervisorId: tm.id, sessionDate: record.sessionDate,
        recordType: 'Doctor test', policy: 'Doctor test', version: final.version, hash: final.hash,
        supervisorSignedAt: final.supervisorSignature.signedAt, superviseeSignedAt: final.superviseeSignature!.signedAt, retentionRule: 'Doctor test',
      },
    };
  }
  /** Files a record as the filing job does, with the given configuration's library and label. */
  const file = (config: Config, alias: string) =>
    createGraphSupervisionFile({ graph: runtime(config).graph, site: config.SHAREPOINT_SITE!, library: config.SHAREPOINT_LIBRARY, retentionLabel: config.RECORDS_RETENTION_LABEL }).storeRecord(recordOf(alias));
  const doctorWith = (config: Config) => runDoctor(doctorContext(runtime(config), { person: person(), botUrl: stack.url }));
  const absent = (): Config => ({ ...stack.config, RECORDS_RETENTION_LABEL: 'Supervision archive' });

  it('with no record filed yet it passes, saying what is not yet proved and what to confirm in Purview (Graph lists labels to a signed-in person only)', async () => {
    const out = await doctor();
    expect(line(out.stdout, 'retention label')).toBe(
      '✓ retention label: "Supervision record" is set but not yet proved: no record is filed in "Supervision Files", and Graph does not let an app read the tenant\'s labels, so the first filing shows it (a label that does not exist makes filing fail at that step). Confirm in Microsoft Purview (Records management, File plan) that a label of exactly this name exists',
    );
    expect(out.code).toBe(0);
  });

  it('a label the tenant does not have: filing cannot apply it, and the line fails naming the label and how to create it', async () => {
    // The sandbox tenant has "Supervision record" and "Supervision agreement" (demo-org.ts); the
    // upload comes first and the label last, so the files are there, unlabelled.
    await expect(file(absent(), 'nqsw1')).rejects.toMatchObject({ code: 'invalid_input' });
    const out = await doctorWith(absent());
    expect(line(out.stdout, 'retention label')).toBe(
      '✗ retention label: none of the 1 newest filed record checked in "Supervision Files" carries "Supervision archive" (it carries no label). Fix: create the retention label "Supervision archive" in Microsoft Purview (Records management, File plan, Create a label; mark items as records), or set RECORDS_RETENTION_LABEL to the exact name of the council\'s label. Graph does not let an app list the tenant\'s labels, so check the name in Purview',
    );
    expect(out.code).toBe(1);
  });

  it('a filed record that carries the configured label proves it exists and applies in the library', async () => {
    await file(stack.config, 'sw1');
    const out = await doctor();
    expect(line(out.stdout, 'retention label')).toBe('✓ retention label: "Supervision record" exists and applies in "Supervision Files": a filed record carries it');
    expect(out.code).toBe(0);
    // Configured to another name the records do not carry: it fails and names both.
    const other = await doctorWith(absent());
    expect(line(other.stdout, 'retention label')).toMatch(/^✗ retention label: none of the 2 newest filed records checked in "Supervision Files" carries "Supervision archive" \(they carry ("Supervision record" or no label|no label or "Supervision record")\)\. Fix: create the retention label "Supervision archive"/);
  });

  it('without RECORDS_RETENTION_LABEL the line fails: records would be filed unlabelled', async () => {
    const out = await doctorWith({ ...stack.config, RECORDS_RETENTION_LABEL: undefined });
    expect(line(out.stdout, 'retention label')).toBe('✗ retention label: RECORDS_RETENTION_LABEL is not set: records are filed without a label. Fix: create a record label (e.g. Supervision record) in Microsoft Purview (Records management, File plan) and set RECORDS_RETENTION_LABEL to its name');
    expect(out.code).toBe(1);
  });

  it('with Sites.ReadWrite.All withdrawn the site is out of reach and the label line says it was not checked', async () => {
    stack.tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES.filter((p) => p !== 'Sites.ReadWrite.All'));
    try {
      const out = await doctor();
      expect(line(out.stdout, 'Sites.ReadWrite.All')).toMatch(/^✗ Sites\.ReadWrite\.All: not granted to the app \(the token has no such role\)\. Fix: grant the application permission Sites\.ReadWrite\.All to the app and give admin consent/);
      expect(line(out.stdout, 'SharePoint site')).toMatch(/^✗ SharePoint site: .* is out of reach \(Graph answered 403 accessDenied\)\. Fix: grant the app write access/);
      expect(line(out.stdout, 'retention label')).toMatch(/^✗ retention label: not checked: .* is out of reach\. Fix: fix the SharePoint site line first$/);
      expect(out.code).toBe(1);
    } finally {
      stack.tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES);
    }
  });
});
