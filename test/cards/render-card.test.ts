import { describe, expect, it } from 'vitest';
import { agendaCard, type AgendaCardData } from '../../src/cards/agenda-card.js';

const base: AgendaCardData = {
  agreementId: 'a1', sessionId: 's01', itemId: 'i1', title: 'Agenda for Tuesday 5 January 2027', intro: 'Items from both of you.',
  items: [{ line: '1. Workload' }], carried: [], caseLabel: 'Case number', caseExample: 'e.g. 1234567', caseHint: 'Case number only', canPrepare: true,
};

const texts = (card: object): string[] => JSON.stringify(card).match(/"text":"[^"]*"/g) ?? [];

describe('renderCard keeps each template prepared once (issue 16 item 4: the turn\'s CPU)', () => {
  it('binds each rendering to its own data: a second rendering shows none of the first one\'s values', () => {
    const first = agendaCard({ ...base, items: [{ line: '1. Workload' }, { line: '2. The duty rota' }] });
    const second = agendaCard({ ...base, itemId: 'i2', items: [{ line: '1. Training plan' }] });
    expect(texts(first)).toContain('"text":"2. The duty rota"');
    expect(texts(second)).toContain('"text":"1. Training plan"');
    expect(JSON.stringify(second)).not.toContain('duty rota');
    expect(JSON.stringify(second)).not.toContain('"i1"');
  });

  it('gives a fresh card each time: changing one rendering changes no other', () => {
    const first = agendaCard(base) as { body?: unknown[] };
    first.body?.splice(0);
    const second = agendaCard(base) as { body?: unknown[] };
    expect(second.body?.length ?? 0).toBeGreaterThan(0);
  });
});
