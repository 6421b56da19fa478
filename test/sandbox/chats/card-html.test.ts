import { describe, expect, it } from 'vitest';
import { cardHtml } from '../../../src/sandbox/chats/card-html.js';

/*
 * The sandbox inspector's chat view showed a card's hidden elements (the record card's notes on
 * demand and its extra action rows), so the compact record card (issue 15) looked long there.
 */
describe("the inspector's card view shows what Teams shows", () => {
  const card = {
    type: 'AdaptiveCard', version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Supervision record' },
      { type: 'Input.Text', id: 'n1', label: 'Notes on workload', isVisible: false },
      { type: 'Container', id: 'row2', isVisible: false, items: [{ type: 'Input.Text', id: 'a2', label: 'Action 2' }] },
      { type: 'Container', items: [{ type: 'Input.Text', id: 'a1', label: 'Action 1' }] },
    ],
    actions: [{ type: 'Action.Execute', title: 'Save' }],
  };

  it('leaves out elements hidden until a button shows them', () => {
    const html = cardHtml(card);
    expect(html).toContain('Supervision record');
    expect(html).toContain('[Action 1]');
    expect(html).not.toContain('Notes on workload');
    expect(html).not.toContain('Action 2');
  });

  it('keeps elements that are visible, said or not', () => {
    expect(cardHtml({ body: [{ type: 'TextBlock', text: 'Shown', isVisible: true }, { type: 'TextBlock', text: 'Also shown' }] })).toMatch(/Shown.*Also shown/);
  });
});
