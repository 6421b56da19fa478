import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../src/adapters/graph/graph-directory.js';
import { GRAPH_PERMISSION_NAMES } from '../../src/adapters/graph/permissions.js';
import { sandboxTokenProvider } from '../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../src/adapters/storage/index.js';
import { doctorContext, parseDoctorArgs, runDoctor } from '../../src/cli/commands/doctor.js';
import { setupSharePoint } from '../../src/cli/commands/setup.js';
import type { CliRuntime } from '../../src/cli/runtime.js';
import { findPerson } from '../../src/sandbox/demo-org.js';
import { clearSupervisionColumns, removeLibrary } from '../../src/sandbox/library-model.js';
import { startStack, stopStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ NOTIFICATIONS_MAILBOX: 'gwendolyn.tapscott@northshire.example', RECORDS_RETENTION_LABEL: 'Supervision record' });
});
afterAll(async () => {
  await stopStack(stack);
});

/** What `supervision doctor` builds from the configuration; a new token provider, so the token carries today's grant. */
function runtime(): CliRuntime {
  const tokens = sandboxTokenProvider();
  const graph = createGraphClient({ baseUrl: stack.tenant.graphBaseUrl, tokens, maxRetries: 0 });
  return {
    config: stack.config,
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
