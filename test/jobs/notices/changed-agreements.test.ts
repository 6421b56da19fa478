import { describe, expect, it } from 'vitest';
import type { SyncNotice } from '../../../src/domain/sessions/notice.js';
import { ChangedAgreements } from '../../../src/jobs/notices/changed-agreements.js';

const notice = (kind: SyncNotice['kind'], agreementId: string): SyncNotice => ({
  kind, recipientId: 'tm1', agreementId, sessionId: `${agreementId}-s01`, createdAt: '2026-12-01T09:00:00Z', date: '2026-12-01', start: '10:00',
  cause: kind === 'agreement-ended' ? 'agreement-ended' : 'cancelled', violations: [],
});

describe('agreements swept again after calendar notices (issue 6 item 1: "right after an event that changes an obligation")', () => {
  it('a cancellation or an ended agreement is swept once when its notices are out; a moved session is not', async () => {
    const changed = new ChangedAgreements();
    for (const n of [notice('session-postponed', 'a1'), notice('session-postponed', 'a1'), notice('agreement-ended', 'a2'), notice('session-moved', 'a3'), notice('session-move-breaks-policy', 'a4')]) changed.note(n);
    const swept: string[] = [];
    await changed.drain(async (id) => { swept.push(id); });
    expect(swept).toEqual(['a1', 'a2']);
    await changed.drain(async (id) => { swept.push(id); });
    expect(swept).toEqual(['a1', 'a2']); // drained: nothing twice
  });

  it('one failing sweep does not stop the others', async () => {
    const changed = new ChangedAgreements();
    changed.note(notice('session-postponed', 'a1'));
    changed.note(notice('session-postponed', 'a2'));
    const swept: string[] = [];
    await changed.drain(async (id) => {
      if (id === 'a1') throw new Error('lease held elsewhere');
      swept.push(id);
    });
    expect(swept).toEqual(['a2']);
  });
});
