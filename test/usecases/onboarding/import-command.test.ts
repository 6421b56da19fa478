import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand, type ImportIo } from '../../../src/cli/commands/import.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { useAzurite } from '../../support/azurite.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(() => tenant.close());

const header = 'supervisor_email,supervisee_email,role,employment_start,agreement_date,weekday,time,duration_minutes,format,location,review_date';
const soon = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

function io(signal?: AbortSignal): ImportIo & { out: string; err: string } {
  const sink = {
    out: '',
    err: '',
    isTty: false,
    env: { SUPERVISION_MODE: 'sandbox', GRAPH_BASE_URL: tenant.graphBaseUrl, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, POLICY_PACK: 'sefton', ENV_FILE: undefined },
    stdout: (t: string) => (sink.out += t),
    stderr: (t: string) => (sink.err += t),
    ...(signal ? { signal } : {}),
  };
  return sink;
}

function file(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-'));
  const path = join(dir, 'council.csv');
  writeFileSync(path, [header, ...lines].join('\n'));
  return path;
}

async function supervisionEvents(mailbox: string): Promise<{ subject: string; start: string }[]> {
  const res = await fetch(`${tenant.url}/_sandbox/mailboxes/${mailbox}/events`);
  const body = (await res.json()) as { value?: { subject: string; start: { dateTime: string }; categories?: string[] }[] } | { subject: string; start: { dateTime: string }; categories?: string[] }[];
  const list = Array.isArray(body) ? body : (body.value ?? []);
  return list.filter((e) => e.categories?.includes('Supervision')).map((e) => ({ subject: e.subject, start: e.start.dateTime }));
}

describe('supervision import <file.csv> (issue 4 item 7)', () => {
  it('reports every bad row with its line and reason, books the good rows, and a re-run duplicates nothing', async () => {
    const tm = findPerson(tenant.org, 'tm1')!;
    const reports = tenant.org.people.filter((p) => p.managerAlias === 'tm1' && p.role === 'social-worker');
    expect(reports.length).toBeGreaterThanOrEqual(2);
    const path = file([
      `${tm.mail},${reports[0]!.mail},social-worker,2020-01-06,${soon},tue,10:00,90,teams,,`,
      `${tm.mail},nobody@northshire.example,social-worker,2020-01-06,${soon},tue,10:00,90,teams,,`,
      `${tm.mail},${reports[1]!.mail},astronaut,2020-01-06,${soon},wed,10:00,90,teams,,`,
      `${tm.mail},${reports[1]!.mail},social-worker,2020-01-06,2019-01-01,wed,10:00,60,in-person,,`,
      `${tm.mail},${tm.mail},social-worker,2020-01-06,${soon},sat,25:00,90,teams,,`,
    ]);
    const first = io();
    expect(await importCommand([path], first)).toBe(2);
    expect(first.err).toContain('council.csv:3: no one in the directory has the e-mail nobody@northshire.example');
    expect(first.err).toMatch(/council\.csv:4: role "astronaut" is not in the Sefton policy/);
    expect(first.err).toMatch(/council\.csv:5: .*in the past.*location is required.*below the policy minimum of 90/);
    expect(first.err).toMatch(/council\.csv:6: .*weekday must be one of mon, tue, wed, thu, fri.*time must be HH:MM/);
    expect(JSON.parse(first.out)).toMatchObject({ relationships: 1, of: 1, badRows: 4, failed: 0 });
    const booked = await supervisionEvents(tm.id);
    // Sefton ¶3.8 (L90): monthly for a social worker, so about twelve sessions a year.
    expect(booked.length).toBeGreaterThanOrEqual(12);
    expect(new Set(booked.map((e) => e.start)).size).toBe(booked.length);

    const again = io();
    expect(await importCommand([path], again)).toBe(2);
    expect(await supervisionEvents(tm.id)).toHaveLength(booked.length);
  });

  it('an interrupted import finishes on the next run without duplicates', async () => {
    const sm = findPerson(tenant.org, 'sm1')!;
    const managers = tenant.org.people.filter((p) => p.managerAlias === 'sm1').slice(0, 2);
    expect(managers).toHaveLength(2);
    const path = file(managers.map((m) => `${sm.mail},${m.mail},team-manager,2019-03-04,${soon},thu,14:00,90,teams,,`));
    const stop = new AbortController();
    const first = io(stop.signal);
    const original = first.stderr;
    const sinkWithStop: ImportIo = { ...first, stderr: (t) => { original(t); if (t.includes('1/2')) stop.abort(); } };
    expect(await importCommand([path], sinkWithStop)).toBe(130);
    expect(first.err).toContain('interrupted');
    const partial = await supervisionEvents(sm.id);
    expect(partial.length).toBeGreaterThan(0);

    const second = io();
    expect(await importCommand([path], second)).toBe(0);
    const all = await supervisionEvents(sm.id);
    expect(all.length).toBeGreaterThan(partial.length);
    expect(new Set(all.map((e) => `${e.subject}|${e.start}`)).size).toBe(all.length);
  });

  it('a file without the required columns is refused at its header line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'name,email\nx,y\n');
    const sink = io();
    expect(await importCommand([path], sink)).toBe(2);
    expect(sink.err).toMatch(/bad\.csv:1: missing column\(s\): supervisor_email/);
  });
});
