/**
 * Issue 11, done when: "with one permission removed from the sandbox's grant, the product reports
 * the missing permission by name (in the log with a code …) instead of failing quietly". The
 * doctor's ✗ for it is test/cli/doctor.test.ts. Here: the startup report (app.ts calls
 * reportGraphPermissions) and the refused request itself, through the product's Graph client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { reportGraphPermissions } from '../../../src/adapters/graph/permission-report.js';
import { GRAPH_PERMISSION_NAMES } from '../../../src/adapters/graph/permissions.js';
import { createTeamsAppInstaller, readManifestId } from '../../../src/adapters/graph/teams-app-installer.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { startTenant } from '../../sandbox/helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant({ port: 0 });
});
afterAll(async () => {
  await tenant.close();
});

function recordingLog() {
  const lines: { event: string; fields: Record<string, unknown> }[] = [];
  const push = (event: string, fields: Record<string, unknown> = {}) => void lines.push({ event, fields });
  return { lines, log: { debug: push, info: push, warn: push, error: push } };
}

describe('a permission withdrawn from the app is reported by name (issue 11)', () => {
  it.each([
    ['AppCatalog.Read.All', 'appCatalog.find'],
    ['Calendars.ReadWrite', 'calendar'],
  ])('without %s: the startup report and the refused call (%s) each log graph.permission_missing naming it', async (permission, operation) => {
    tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES.filter((p) => p !== permission));
    try {
      const { lines, log } = recordingLog();
      // A fresh provider: the next token carries the grant as it now is.
      const tokens = sandboxTokenProvider();
      await reportGraphPermissions({ tokens, graphBaseUrl: tenant.graphBaseUrl, log });
      expect(lines.filter((l) => l.event === 'graph.permission_missing')).toEqual([
        { event: 'graph.permission_missing', fields: { code: 'graph.permission_missing', permission, operation: 'startup' } },
      ]);

      lines.length = 0;
      const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens, retryDelaySeconds: 0, log });
      if (permission === 'AppCatalog.Read.All') {
        const installer = createTeamsAppInstaller({ graph, manifestId: readManifestId(), graphBaseUrl: tenant.graphBaseUrl });
        expect(await installer.install(findPerson(tenant.org, 'sw1')!.id)).toBe('failed');
      } else {
        const day = '2026-09-01';
        const result = await new GraphCalendar({ client: graph, log }).createEvents(findPerson(tenant.org, 'tm1')!.id, [
          { transactionId: '00000000-0000-4000-8000-00000000aa01', subject: 'Supervision', body: 'x', startUtc: `${day}T10:00:00Z`, endUtc: `${day}T11:00:00Z`, attendees: [], isOnlineMeeting: false, categories: [], reminderMinutesBeforeStart: 0 },
        ]);
        expect(result.created).toEqual([]);
      }
      expect(lines).toContainEqual({ event: 'graph.permission_missing', fields: expect.objectContaining({ code: 'graph.permission_missing', permission, operation }) });
      // Names the permission, never a person or a path.
      expect(JSON.stringify(lines)).not.toContain(findPerson(tenant.org, 'sw1')!.id);
      expect(JSON.stringify(lines)).not.toContain(findPerson(tenant.org, 'tm1')!.id);
    } finally {
      tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES);
    }
  });
});
