import { describe, expect, it } from 'vitest';
import { refuseNames, caseReferenceRule } from '../../src/domain/agenda/agenda.js';
import { AppError, isAppError } from '../../src/domain/errors.js';
import { getPack } from '../../src/policy/packs.js';
import { citedReply, refusalReply } from '../../src/conversation/why-reply.js';

function refusal(fn: () => void): AppError {
  try { fn(); } catch (e) { if (isAppError(e)) return e; }
  throw new Error('expected a refusal');
}

describe('a refusal that rests on the policy shows its words under "Why?"', () => {
  it('the agenda\'s child\'s-name refusal (Sefton App 3 L551): its message on a card, the quote one click away', () => {
    const error = refusal(() => refuseNames(caseReferenceRule(getPack('sefton')), "Jayden's contact with dad"));
    const reply = refusalReply(error, 'I could not offer that as an agenda item: ');
    expect(reply.kind).toBe('card');
    const card = reply.kind === 'card' ? reply.card as unknown as { body: { text: string }[]; actions: { type: string; title: string; card: unknown }[] } : undefined;
    expect(card?.body[0]?.text).toMatch(/^I could not offer that as an agenda item: "Jayden's" looks like a person's name\./);
    expect(card?.actions).toEqual([expect.objectContaining({ type: 'Action.ShowCard', title: 'Why?' })]);
    expect(JSON.stringify(card?.actions[0]?.card)).toContain('“use only LCS number; no personal details”');
    expect(JSON.stringify(card?.actions[0]?.card)).toContain('Supervision - Supporting Employees in a Challenging Social Care Environment, Welfare supervision record (Appendix 3)');
  });

  it('a refusal without the policy\'s words stays plain text', () => {
    expect(refusalReply(new AppError('invalid_input', 'Type the item first.'))).toEqual({ kind: 'text', text: 'Type the item first.' });
    expect(refusalReply(new AppError('invalid_input', 'x', { policy: { quote: '' } }))).toEqual({ kind: 'text', text: 'x' });
    expect(citedReply('No rule here.', undefined)).toEqual({ kind: 'text', text: 'No rule here.' });
  });
});
