import { describe, expect, it } from 'vitest';
import { policyNoticeCard } from '../../src/cards/policy-notice-card.js';
import { agendaRenderings } from './renderings/agenda.js';
import { nameRefusalWhy, whyRenderings } from './renderings/why.js';

type Node = { type?: string; title?: string; card?: { body?: unknown[] }; [k: string]: unknown };

/** Every "Why?" button of a card, wherever it sits (card actions, an ActionSet, a ShowCard). */
function whyButtons(card: object): Node[] {
  const out: Node[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (v === null || typeof v !== 'object') return;
    const n = v as Node;
    if (n.type === 'Action.ShowCard' && n.title === 'Why?') out.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}
const shown = (button: Node | undefined): string[] => JSON.stringify(button?.card ?? {}).match(/"text":"[^"]*"/g) ?? [];

describe('"Why?": the policy\'s words one click away (issue 10 item 1)', () => {
  it('a refusal that cites the policy shows its sentence and where it is, as the council titles its policy', () => {
    const [why] = whyButtons(whyRenderings['policy-notice']!);
    expect(shown(why)).toEqual([
      '"text":"“use only LCS number; no personal details”"',
      '"text":"Supervision policy, Welfare supervision record (Appendix 3)"',
    ]);
    expect(nameRefusalWhy).toEqual({ quote: 'use only LCS number; no personal details', label: 'Supervision policy, Welfare supervision record (Appendix 3)' });
  });

  it('sits next to each hint that cites a rule, and only where the policy has words for it', () => {
    expect(whyButtons(whyRenderings['agenda with the case hint\'s Why?']!)).toHaveLength(1);
    expect(whyButtons(agendaRenderings['agenda']!)).toHaveLength(0);
    const form = whyButtons(whyRenderings['agreement-form with the hints\' Why? (Camden)']!);
    // Camden's "about 2 hours" is a plan, not a minimum: no minutes hint to explain; the review interval has one.
    expect(form.map((b) => shown(b)[0])).toEqual(['"text":"“The contract should be negotiated at the first supervision meeting when the social worker joins Camden or changes manager and should be reviewed on an annual basis.”"']);
    expect(shown(form[0])[1]).toBe('"text":"Social work supervision policy, section 6, Supervision contract"');
    expect(whyButtons(whyRenderings['record with the policy\'s words for sharing, the standing items and postponement']!)).toHaveLength(3);
    expect(shown(whyButtons(whyRenderings['session-postponed with the rebooking rule\'s Why?']!)[0])[0]).toMatch(/which must be within 3 working days\.”"$/);
    expect(shown(whyButtons(whyRenderings['three-way-meeting with the escalation path\'s Why?']!)[0])[1]).toBe('"text":"Supervision policy and accountability framework for schools and clusters, section F, Entitlement"');
  });

  it('the preparation card names each source of its prompts once, as people read it, with "Why?"', () => {
    const sources = (name: string) => (whyRenderings[name] as { body: { items?: { type: string; text?: string }[] }[] }).body
      .flatMap((c) => c.items ?? []).filter((e) => e.type === 'TextBlock').map((e) => e.text);
    expect(sources('preparation with each source\'s Why? (Camden)')).toEqual(['Social work supervision policy, section 6, Agenda']);
    expect(whyButtons(whyRenderings['preparation with each source\'s Why? (Camden)']!)).toHaveLength(1);
    expect(sources('preparation with each source\'s Why? (Sefton)')).toEqual(['Supervision policy, Welfare supervision record; Appendix 1, Expectations']);
    expect(shown(whyButtons(whyRenderings['preparation with each source\'s Why? (Sefton)']!)[0])[0]).toBe('"text":"“Good quality reflective supervision requires preparation by both the supervisor and the supervisee.”"');
  });

  it('each reminder or escalation on a digest card has its own "Why?", even an item without buttons', () => {
    const card = whyRenderings['escalation with each item\'s Why?'] as { body: { items?: { type: string; actions?: Node[] }[] }[] };
    const items = card.body.filter((c) => c.items);
    expect(items).toHaveLength(3);
    for (const item of items) {
      const actions = item.items?.find((e) => e.type === 'ActionSet')?.actions ?? [];
      expect(actions.at(-1)?.title).toBe('Why?');
      expect(shown(actions.at(-1))).toEqual(['"text":"“Social Workers shall receive supervision from their line managers at least monthly.”"', '"text":"Supervision policy, paragraph 3.8"']);
    }
  });

  it('shows the words as written: never read as a template expression or as Markdown', () => {
    const card = policyNoticeCard({ text: 'x', why: { quote: 'meet together with __________________ ${title}', label: 'Leeds, Appendix 2' } });
    expect(JSON.stringify(card)).toContain('meet together with __________________ ${title}');
    expect(JSON.stringify(card)).toContain('"type":"RichTextBlock"');
  });
});
