import type { Agreement, AgreementTerms } from '../../../src/domain/agreements/types.js';
import type { DemoPerson } from '../../../src/sandbox/demo-org.js';

const hash = 'a'.repeat(64);

/** A signed agreement between two demo people, as the agreement flow stores it. */
export function signedAgreement(id: string, supervisor: DemoPerson, supervisee: DemoPerson, over: Partial<AgreementTerms> = {}): Agreement {
  const terms: AgreementTerms = {
    policyId: 'sefton',
    roleId: 'social-worker',
    supervisorId: supervisor.id,
    superviseeId: supervisee.id,
    employmentStart: '2024-09-02',
    agreementDate: '2026-06-02',
    weekday: 2,
    time: '10:00',
    minutes: 90,
    format: { kind: 'teams' },
    keyTasks: 'Induction to the team',
    othersWhoMaySee: [],
    reviewDate: '2027-06-01',
    ...over,
  };
  const at = '2026-05-20T09:00:00Z';
  return {
    id,
    terms,
    status: 'signed',
    signatures: {
      supervisee: { signerId: supervisee.id, signerName: supervisee.displayName, signedAt: at, hash },
      supervisor: { signerId: supervisor.id, signerName: supervisor.displayName, signedAt: at, hash },
    },
    comments: [],
    createdAt: at,
    updatedAt: at,
  };
}
