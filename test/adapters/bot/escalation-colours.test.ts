import { describe, expect, it } from 'vitest';
import { teamsReplies } from '../../../src/adapters/bot/teams-messenger.js';
import { composeDigest, STEP_ORDER, type DueStep, type StepKind } from '../../../src/domain/escalation/index.js';
import type { MessageItem, OutboundMessage } from '../../../src/domain/ports/messenger.js';

const step = (kind: StepKind, key: string): DueStep => ({
  key, agreementId: 'ag-1', obligationId: 'session-frequency:monthly/2026-02-05:2026-03-04', obligationKind: 'session-frequency', step: kind, recipientId: 'sm1',
  responsibleIds: ['tm1'], supervisorId: 'tm1', superviseeId: 'sw1', what: 'a session in February', due: '2026-03-04', lateSince: '2026-03-05', severity: 'breach',
  citation: 'SE-F6 Sefton ¶3.8 (L90)', basis: [],
});

/** The colour of each item's heading on the Teams card, in item order. */
function colours(message: OutboundMessage): string[] {
  const [reply] = teamsReplies(message);
  if (reply?.kind !== 'card') throw new Error('expected a card');
  return [...JSON.stringify(reply.card).matchAll(/"color":"(\w+)"/g)].map((m) => m[1] ?? '');
}

const EXPECTED: Record<StepKind, string> = { reminder: 'Default', nudge: 'Warning', 'line-manager': 'Attention', 'next-tier': 'Attention', closed: 'Good' };

describe('escalation card colours come from the step, not the heading (issue 10 item 3)', () => {
  it('each rung of the ladder has its colour', () => {
    for (const kind of STEP_ORDER) expect(colours(composeDigest('2026-03-09', [step(kind, 'k')])), kind).toEqual([EXPECTED[kind]]);
  });

  it('a digest colours each item by its own step', () => {
    const digest = composeDigest('2026-03-09', STEP_ORDER.map((kind, i) => step(kind, `k${i}`)));
    expect(digest.items?.map((i) => i.step)).toEqual([...STEP_ORDER]);
    expect(colours(digest)).toEqual(STEP_ORDER.map((kind) => EXPECTED[kind]));
  });

  it('rewording a heading changes no colour', () => {
    const digest = composeDigest('2026-03-09', STEP_ORDER.map((kind, i) => step(kind, `k${i}`)));
    const reworded: OutboundMessage = { ...digest, items: digest.items?.map((item): MessageItem => ({ ...item, heading: `Escalated: ${item.heading} (Due now)` })) };
    expect(colours(reworded)).toEqual(colours(digest));
  });
});
