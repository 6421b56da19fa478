import type { Person } from './person.js';

/**
 * How the product greets and serves a person (DESIGN.md "Who uses it"). Senior managers receive
 * escalations; supervisors have direct reports to supervise; everyone else is a supervisee.
 */
export type ProductRole = 'supervisee' | 'supervisor' | 'senior-manager';

const seniorTitles = [/\bdirector\b/i, /\bhead of\b/i, /\bservice manager\b/i, /\bprincipal social worker\b/i, /\bassistant director\b/i];

export function productRoleOf(person: Person, directReportCount: number): ProductRole {
  const title = person.jobTitle ?? '';
  if (seniorTitles.some((pattern) => pattern.test(title))) return 'senior-manager';
  if (directReportCount > 0) return 'supervisor';
  return 'supervisee';
}
