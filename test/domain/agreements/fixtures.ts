import type { AgreementTerms } from '../../../src/domain/agreements/types.js';

export const terms: AgreementTerms = {
  policyId: 'sefton',
  roleId: 'social-worker',
  phaseId: 'monthly',
  supervisorId: 'tm',
  superviseeId: 'sw',
  employmentStart: '2024-05-01',
  agreementDate: '2026-12-01',
  weekday: 2,
  time: '10:00',
  minutes: 90,
  format: { kind: 'teams' },
  keyTasks: 'Assessments; duty rota',
  othersWhoMaySee: ['sm'],
  seniorManagerId: 'sm',
  reviewDate: '2027-12-01',
};
