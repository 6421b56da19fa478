import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../../src/demo/stack.js';
import { runTour, type TourResult } from '../../src/demo/tour.js';
import { pdfText } from '../adapters/pdf/pdf-text.js';

/**
 * Issue 5 item 8: the whole cycle at protocol level — agreement, booking, agenda, record,
 * disagreement, amendment, both signatures, the signed PDF and JSON in SharePoint with the right
 * hash — driven by the demo's tour, with the bot restarted in the middle of the cycle (after the
 * disagreement, before the amendment), as a deploy or a crash would.
 */
let stack: DemoStack | undefined;
let result: TourResult;
const steps: string[] = [];
let restarts = 0;

beforeAll(async () => {
  stack = await startDemoStack();
  result = await runTour(stack, (line) => steps.push(line), {
    beforeStep: async (step) => {
      if (step !== 9) return;
      await stack!.restartApp();
      restarts++;
    },
  });
}, 240_000);

afterAll(async () => stack?.close());

interface StoredFile {
  path: string;
  sha256: string;
  fields: Record<string, unknown>;
  retentionLabel: { name: string; isRecordLocked: boolean } | null;
}

async function files(): Promise<StoredFile[]> {
  return (await (await fetch(`${stack!.tenant.url}/_sandbox/files`)).json()) as StoredFile[];
}

async function download(path: string): Promise<Uint8Array> {
  const res = await fetch(`${stack!.tenant.url}/_sandbox/files/content?path=${encodeURIComponent(path)}`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe('one supervision cycle through the Bot Framework protocol, with a restart in the middle', () => {
  it('runs every step of the tour, restarting the bot once', () => {
    expect(restarts).toBe(1);
    expect(steps.map((s) => s.split(':')[0])).toEqual(Array.from({ length: 11 }, (_, i) => `step ${i + 1}`));
    expect(result['record version']).toBe('2'); // the amendment made version 2
  });

  it('files the final record in the employee\'s own folder as PDF and JSON, once, with metadata and the retention label (Sefton ¶9 L261–269, ¶10 L279)', async () => {
    const stored = await files();
    const pdf = stored.find((f) => f.path === result['sharepoint pdf']);
    const json = stored.find((f) => f.path === result['sharepoint json']);
    expect(pdf?.path).toMatch(/^\/Employees\/Amara Fellgate \([0-9a-f-]{36}\)\/Supervision records\/\d{4}-\d{2}-\d{2} supervision record v2\.pdf$/);
    expect(json).toBeDefined();
    // Nothing filed twice, and no earlier version filed (only the final one is stored).
    expect(stored.filter((f) => f.path.includes('supervision record'))).toHaveLength(2);
    for (const file of [pdf, json]) {
      // A date column answers as SharePoint's UTC date-time (listitem-update.md).
      expect(file?.fields).toMatchObject({ RecordHash: result['record hash'], SessionDate: `${result['session date']}T00:00:00Z`, Employee: 'Amara Fellgate', Supervisor: 'Olivia Marchbank' });
      expect(file?.retentionLabel).toEqual({ name: 'Supervision record', isRecordLocked: true });
    }
  });

  it('the stored JSON is exactly what both signed: its SHA-256 is the record hash, with the disagreement kept', async () => {
    const bytes = await download(result['sharepoint json']!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(result['record hash']);
    const record = JSON.parse(new TextDecoder().decode(bytes)) as { version: number; disagreements: { text: string; version: number }[]; content: { actions: { ownerName: string; due: string }[] } };
    expect(record.version).toBe(2);
    expect(record.disagreements).toEqual([expect.objectContaining({ version: 1, text: expect.stringContaining('due too soon') })]);
    expect(record.content.actions[0]).toMatchObject({ ownerName: 'Amara Fellgate' });
  });

  it('the PDF reads as the record: names, the agenda, the action, the disagreement, both signatures and the fingerprint', async () => {
    const { text } = await pdfText(await download(result['sharepoint pdf']!));
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of ['Amara Fellgate', 'Olivia Marchbank', 'review conference', 'Book the advanced safeguarding course', 'due too soon', 'Training plan for the new year']) {
      expect(flat).toContain(expected);
    }
    // The PDF shows the record's short fingerprint; the whole hash is in the JSON beside it (issue 15 item 3).
    expect(flat).toContain(`its fingerprint is ${result['record hash']!.slice(0, 12)}…`);
    expect(flat).not.toContain('Jayden'); // the refused name never reached the record
  });
});
