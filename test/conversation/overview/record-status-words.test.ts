import { describe, expect, it } from 'vitest';
import { teamLine } from '../../../src/conversation/overview/answers.js';
import { recordStatusFor } from '../../../src/conversation/overview/words.js';
import type { SessionRecord } from '../../../src/domain/records/schema.js';
import type { Relationship } from '../../../src/usecases/overview/relationships.js';

/*
 * Issue 15: "my team" showed "maisie Thornaby disagreed" — the status was lower-cased to sit
 * mid-sentence, and the person's name with it. The policy's words start small there; a name
 * keeps its capital, as the directory spells it.
 */
const record = (status: SessionRecord['status']): SessionRecord => ({
  agreementId: 'a', sessionId: 'a-s01', sessionDate: '2026-11-27', policyId: 'sefton', templateId: 't', status,
  supervisor: { id: '11111111-1111-4111-8111-111111111111', name: 'Olivia Marchbank' },
  supervisee: { id: '22222222-2222-4222-8222-222222222222', name: 'Maisie Thornaby' },
  versions: [], history: [], createdAt: '2026-11-27T11:30:00Z', updatedAt: '2026-11-27T11:30:00Z',
}) as SessionRecord;

const STATUSES = ['draft', 'shared', 'disputed', 'final', 'filed', 'not-held'] as const;

describe("a record's status mid-sentence keeps people's names as they are written", () => {
  it('"my team": the NQSW who disagreed is "Maisie Thornaby", never "maisie Thornaby"', () => {
    const r = {
      other: { id: 'sw', name: 'Maisie Thornaby' },
      upcoming: [],
      past: [{ session: { sessionId: 'a-s01', date: '2026-11-27', status: 'booked' }, record: record('disputed') }],
      awaitingRebooking: [],
      overdueActions: [],
    } as unknown as Relationship;
    expect(teamLine(r)).toBe('- **Maisie Thornaby**: nothing booked ahead; last held Friday 27 November 2026 (Maisie Thornaby disagreed; waiting for you to amend it)');
  });

  it.each(STATUSES.flatMap((s) => (['supervisor', 'supervisee'] as const).map((v) => [s, v] as const)))('%s, read by the %s: inline starts small unless it starts with a name; at the start it is capitalised', (status, viewer) => {
    const inline = recordStatusFor(record(status), viewer, 'inline');
    const start = recordStatusFor(record(status), viewer);
    expect(start).toBe(inline.charAt(0).toUpperCase() + inline.slice(1));
    const name = /^(Olivia Marchbank|Maisie Thornaby)\b/.exec(inline);
    if (!name) expect(inline.charAt(0)).toBe(inline.charAt(0).toLowerCase());
    expect(inline).not.toMatch(/\b(olivia|maisie)\b/);
  });

  it('the inline words of each state', () => {
    expect(recordStatusFor(record('disputed'), 'supervisor', 'inline')).toBe('Maisie Thornaby disagreed; waiting for you to amend it');
    expect(recordStatusFor(record('draft'), 'supervisee', 'inline')).toBe('Olivia Marchbank is writing it');
    expect(recordStatusFor(record('filed'), 'supervisor', 'inline')).toBe("signed by both and stored in Maisie Thornaby's supervision file");
    expect(recordStatusFor(record('shared'), 'supervisee')).toBe('Waiting for you to sign it');
  });
});
