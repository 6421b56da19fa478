import { describe, expect, it } from 'vitest';
import { acknowledgeEscalation } from '../../../src/usecases/escalations/acknowledge-escalation.js';
import { NOW, OBLIGATION, world } from './fixture.js';

const as = (byId: string) => ({ agreementId: 'ag-1', obligationId: OBLIGATION, byId, now: new Date(NOW) });

describe('acknowledge an escalation (use case)', () => {
  it('only a manager the escalation reached; once; the acknowledgement and its audit entry together', async () => {
    const w = await world();
    // tm was nudged, not escalated to; the send to hos failed, so it reached nobody; a stranger got nothing.
    for (const who of ['tm', 'hos', 'dir']) await expect(acknowledgeEscalation(w.deps.escalations, as(who))).rejects.toMatchObject({ code: 'forbidden' });
    expect(await acknowledgeEscalation(w.deps.escalations, as('sm'))).toEqual({ acknowledged: true });
    expect(await acknowledgeEscalation(w.deps.escalations, as('sm'))).toEqual({ acknowledged: false });
    expect(w.audit().map((e) => `${e.event} ${e.recipientId} ${e.obligationKind} ${e.day}`)).toEqual(['acknowledged sm session-frequency 2026-03-09']);
  });

  it('an obligation id no obligation has is refused as an out-of-date card', async () => {
    const w = await world();
    await expect(acknowledgeEscalation(w.deps.escalations, { ...as('sm'), obligationId: 'monthly:2026-03-04' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
