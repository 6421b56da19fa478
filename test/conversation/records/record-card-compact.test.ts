import { describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../../src/conversation/context.js';
import { handleMessage, handleVerb } from '../../../src/conversation/handle-message.js';
import type { Speaker } from '../../../src/conversation/reply.js';
import { MAX_ACTION_SLOTS } from '../../../src/domain/records/form.js';
import { recordKey } from '../../../src/repositories/tables.js';
import { useAzurite } from '../../support/azurite.js';
import { bookedAgreement, completeCard, people } from '../../usecases/records/fixture.js';

/**
 * Issue 15 item 5: "The record card shows the standing items compactly (addressed / not
 * applicable in one control per item, notes on demand) and adds action rows as needed." The
 * fixture's Central Bedfordshire admin staff have the 12 BIC 531 standing items (Central
 * Bedfordshire §12 (L126): each addressed or recorded as not applicable).
 */
const azurite = useAzurite();
const supervisor: Speaker = { personId: people.supervisor.id, displayName: people.supervisor.displayName };

interface El { type?: string; id?: string; isVisible?: boolean; style?: string; label?: string; value?: string; placeholder?: string; targetElements?: (string | { elementId: string; isVisible?: boolean })[]; [key: string]: unknown }

/** Every element of the card, with whether it shows at first render (inside nothing hidden, not inside an Action.ShowCard). */
function elements(card: unknown): { el: El; shown: boolean }[] {
  const out: { el: El; shown: boolean }[] = [];
  const walk = (node: unknown, shown: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, shown));
    if (!node || typeof node !== 'object') return;
    const el = node as El;
    const here = shown && el.isVisible !== false && el.type !== 'Action.ShowCard';
    if (typeof el.type === 'string') out.push({ el, shown: here });
    for (const [key, value] of Object.entries(el)) if (typeof value === 'object' && key !== 'data') walk(value, here);
  };
  walk((card as { body: unknown }).body, true);
  walk((card as { actions: unknown }).actions, true);
  return out;
}
const inputs = (card: unknown) => elements(card).filter(({ el }) => el.type?.startsWith('Input.'));
const shownInputs = (card: unknown) => inputs(card).filter((x) => x.shown).map(({ el }) => el.id);
const byId = (card: unknown, id: string) => elements(card).find(({ el }) => el.id === id);

function context(f: Awaited<ReturnType<typeof bookedAgreement>>): ConversationContext {
  return { directory: f.directory, councilName: 'Testshire', records: f.deps, notifier: { notify: async () => 'delivered' as const } };
}

async function openCard(ctx: ConversationContext): Promise<unknown> {
  const [opened] = await handleMessage(ctx, supervisor, 'write record');
  if (opened?.kind !== 'card') throw new Error('no record card');
  return opened.card;
}

describe('the record card, compact (issue 15 item 5)', () => {
  it('at first render: one drop-down per standing item, notes hidden, one action row; 20 inputs show where the old card showed 46', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const card = await openCard(context(f));

    // One control per standing item: a compact drop-down of addressed / not applicable, labelled with the item.
    const statuses = inputs(card).filter(({ el }) => /^si\d+_status$/.test(el.id ?? ''));
    expect(statuses).toHaveLength(12);
    for (const { el, shown } of statuses) {
      expect(shown).toBe(true);
      expect(el).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', label: expect.stringMatching(/\w/) });
      expect((el['choices'] as { value: string }[]).map((c) => c.value)).toEqual(['addressed', 'not-applicable']);
    }
    // Notes on demand: each notes box is hidden, and a "Notes" button shows it. The personal issues
    // item has none (Central Bedfordshire §13 (L146): whether discussed, never the details).
    const notes = inputs(card).filter(({ el }) => /^si\d+_notes$/.test(el.id ?? ''));
    expect(notes).toHaveLength(11);
    expect(notes.every(({ shown }) => !shown)).toBe(true);
    const toggles = elements(card).filter(({ el }) => el.type === 'Action.ToggleVisibility' && el['title'] === 'Notes');
    expect(toggles.map(({ el }) => el.targetElements)).toEqual(notes.map(({ el }) => [el.id]));

    // One action row; each hidden row is revealed by the row before it ("Add another action"), up to the maximum.
    const rows = elements(card).filter(({ el }) => /^a\d+_row$/.test(el.id ?? ''));
    expect(rows.map(({ el, shown }) => [el.id, shown])).toEqual(Array.from({ length: MAX_ACTION_SLOTS }, (_, i) => [`a${i}_row`, i === 0]));
    for (let i = 0; i + 1 < MAX_ACTION_SLOTS; i++) {
      const add = byId(card, `a${i}_add`)!;
      expect(add.shown, `a${i}_add`).toBe(i === 0);
      const toggle = (add.el['actions'] as El[])[0]!;
      expect(toggle).toMatchObject({ type: 'Action.ToggleVisibility', title: 'Add another action', targetElements: [{ elementId: `a${i + 1}_row`, isVisible: true }, { elementId: `a${i}_add`, isVisible: false }] });
    }
    expect(byId(card, `a${MAX_ACTION_SLOTS - 1}_add`)).toBeUndefined();
    // Every slot's inputs are still on the card, so whatever is revealed and typed is sent with "Sign and share".
    for (let i = 0; i < MAX_ACTION_SLOTS; i++) for (const k of ['text', 'owner', 'due']) expect(byId(card, `a${i}_${k}`), `a${i}_${k}`).toBeDefined();

    // The size: 12 statuses, one action row (3), discussion, decisions, personal issues, disagreement,
    // next meeting. The card before issue 15 showed 46 inputs (11 notes boxes and 6 action rows open).
    expect(shownInputs(card)).toHaveLength(12 + 3 + 5);
    expect(elements(card).filter((x) => x.shown).length).toBeLessThan(120);

    // Dates are typed, never a host's date picker (the Playground shows Input.Date the American way).
    expect(inputs(card).filter(({ el }) => el.type === 'Input.Date')).toEqual([]);
    expect(byId(card, 'a0_due')?.el).toMatchObject({ type: 'Input.Text', placeholder: 'for example 16/12/2026' });
    expect(byId(card, 'nextMeetingDate')?.el).toMatchObject({ type: 'Input.Text', value: 'Tuesday 5 January 2027' });
  });

  it('round trip: rows revealed and dates typed day first are shared and stored ISO; errors and what was typed keep their rows and notes open', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const ctx = context(f);
    const card = await openCard(ctx);
    // The supervisor is the same person in every fixture, so "write record" may open another test's session: its ids come from the card.
    const share = elements(card).find(({ el }) => el.type === 'Action.Execute' && el['verb'] === 'recordShare')!.el['data'] as Record<string, unknown>;
    const ref = { agreementId: String(share['agreementId']), sessionId: String(share['sessionId']) };

    // A third row revealed and half filled in, a note typed: the card comes back with both open and the message on the row.
    const bad = await handleVerb(ctx, supervisor, 'recordShare', { ...share, ...completeCard({ a0_due: '15/12/2026', si0_notes: 'Sleeping better', a2_text: 'Phone occupational health', a2_due: '31/02/2027' }) });
    const again = bad?.card;
    expect(shownInputs(again)).toEqual(expect.arrayContaining(['si0_notes', 'a0_text', 'a1_text', 'a2_text', 'a2_owner', 'a2_due']));
    expect(byId(again, 'a3_row')?.shown).toBe(false);
    expect(byId(again, 'a2_add')?.shown).toBe(true);
    expect(byId(again, 'a1_add')?.shown).toBe(false);
    expect(byId(again, 'si0_notes')?.el.value).toBe('Sleeping better');
    expect(byId(again, 'si1_notes')?.shown).toBe(false);
    // Kept as the date it names (the draft holds it ISO, so the tab's date input shows it too), shown in words.
    expect(byId(again, 'a0_due')?.el.value).toBe('Tuesday 15 December 2026');
    const draft = (await f.stores.records.get(recordKey(ref.agreementId, ref.sessionId)))!.value.draft;
    expect(draft).toMatchObject({ a0_due: '2026-12-15', a2_due: '31/02/2027' });
    expect(JSON.stringify(again)).toContain('\\"31/02/2027\\" is not a date. Write it day first, for example 15 December 2026 or 15/12/2026.');
    expect(JSON.stringify(again)).toContain('Choose who owns this action.');

    // Fixed: shared; the record holds ISO dates, whichever way they were typed.
    const shared = await handleVerb(ctx, supervisor, 'recordShare', { ...share, ...completeCard({ a0_due: '15/12/2026', si0_notes: 'Sleeping better', a2_text: 'Phone occupational health', a2_owner: 'supervisor', a2_due: 'Friday 8 January 2027', nextMeetingDate: '5 Jan 2027' }) });
    expect(JSON.stringify(shared?.card)).toContain('Signed and shared with Sam Worker (version 1)');
    const stored = (await f.stores.records.get(recordKey(ref.agreementId, ref.sessionId)))!.value;
    const content = stored.versions[0]!.content;
    expect(content.actions.map((a) => [a.text, a.due])).toEqual([['Book the safeguarding course', '2026-12-15'], ['Phone occupational health', '2027-01-08']]);
    expect(content.nextMeetingDate).toBe('2027-01-05');
    expect(content.standingItems[0]).toMatchObject({ status: 'addressed', notes: 'Sleeping better' });

    // Amending: the stored actions come back in their rows (dates in words), the next empty row hidden behind "Add another action".
    const disagree = await handleVerb(ctx, { personId: people.supervisee.id, displayName: people.supervisee.displayName }, 'recordDisagree', { ...ref, hash: stored.versions[0]!.hash, disagreement: 'Too soon.' });
    expect(JSON.stringify(disagree?.card)).toContain('Your disagreement is recorded');
    const amend = (await handleVerb(ctx, supervisor, 'recordAmend', ref))?.card;
    expect(byId(amend, 'a0_due')?.el.value).toBe('Tuesday 15 December 2026');
    expect(byId(amend, 'a1_text')?.el.value).toBe('Phone occupational health');
    expect(byId(amend, 'a1_row')?.shown).toBe(true);
    expect(byId(amend, 'a2_row')?.shown).toBe(false);
    expect(byId(amend, 'si0_notes')?.shown).toBe(true);
    expect(byId(amend, 'nextMeetingDate')?.el.value).toBe('Tuesday 5 January 2027');
  });
});
