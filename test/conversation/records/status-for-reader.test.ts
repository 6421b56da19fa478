import { describe, expect, it } from 'vitest';
import { statusForReader } from '../../../src/conversation/records/status-for-reader.js';
import type { SessionRecord } from '../../../src/domain/records/schema.js';

const record = (status: SessionRecord['status']): SessionRecord => ({
  agreementId: 'a', sessionId: 'a-s01', sessionDate: '2026-11-26', policyId: 'sefton', templateId: 't', status,
  supervisor: { id: '11111111-1111-4111-8111-111111111111', name: 'Olivia Marchbank' },
  supervisee: { id: '22222222-2222-4222-8222-222222222222', name: 'Amara Fellgate' },
  versions: [], history: [], createdAt: '2026-11-26T11:30:00Z', updatedAt: '2026-11-26T11:30:00Z',
}) as SessionRecord;

describe("a record's status in its reader's own list says \"you\" (issue 15 item 6)", () => {
  it.each([
    ['shared', 'supervisee', 'Shared by Olivia Marchbank, waiting for you to sign'],
    ['shared', 'supervisor', 'Shared, waiting for Amara Fellgate to sign'],
    ['disputed', 'supervisee', 'You disagreed; waiting for Olivia Marchbank to amend it'],
    ['disputed', 'supervisor', 'Amara Fellgate disagreed; waiting for you to amend it'],
    ['draft', 'supervisor', 'You are writing it'],
    ['draft', 'supervisee', 'Being written by Olivia Marchbank'],
  ] as const)('%s, read by the %s: "%s"', (status, reader, words) => {
    expect(statusForReader(record(status), reader)).toBe(words);
  });

  it('never names a party by role', () => {
    for (const status of ['draft', 'shared', 'disputed', 'final', 'filed'] as const) {
      for (const reader of ['supervisor', 'supervisee'] as const) expect(statusForReader(record(status), reader)).not.toMatch(/the (?:supervisee|supervisor)/);
    }
  });
});
