import { z } from 'zod';
import type { AgreementTerms } from '../../domain/agreements/types.js';
import { addMonths, isLocalDate } from '../../domain/calendar/local-date.js';
import type { IsoWeekday } from '../../domain/calendar/types.js';
import type { Person } from '../../domain/people/person.js';
import { findRole } from '../../policy/packs.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';
import type { CsvRecord } from './parse-csv.js';

/** The onboarding file's columns, in README order. Optional columns may be left empty. */
export const onboardingColumns = [
  'supervisor_email', 'supervisee_email', 'role', 'employment_start', 'agreement_date',
  'weekday', 'time', 'duration_minutes', 'format', 'location', 'review_date',
] as const;

const weekdays: Record<string, IsoWeekday> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5 };

const ZRow = z.object({
  supervisor_email: z.email('supervisor_email must be an e-mail address'),
  supervisee_email: z.email('supervisee_email must be an e-mail address'),
  role: z.string().min(1, 'role is required'),
  employment_start: z.string().refine(isLocalDate, 'employment_start must be a date YYYY-MM-DD'),
  agreement_date: z.string().refine(isLocalDate, 'agreement_date must be a date YYYY-MM-DD'),
  weekday: z.string().toLowerCase().refine((w) => w in weekdays, 'weekday must be one of mon, tue, wed, thu, fri'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM'),
  duration_minutes: z.string().regex(/^\d*$/, 'duration_minutes must be a whole number').optional(),
  format: z.enum(['teams', 'in-person'], 'format must be teams or in-person'),
  location: z.string().optional(),
  review_date: z.string().refine((d) => d === '' || isLocalDate(d), 'review_date must be a date YYYY-MM-DD').optional(),
});

export interface RowProblem {
  readonly line: number;
  readonly reason: string;
}

export interface ValidRow {
  readonly line: number;
  readonly terms: AgreementTerms;
}

/** Looks people up by e-mail; the directory adapter answers through Graph /users/{upn}. */
export type FindByEmail = (email: string) => Promise<Person | undefined>;

/**
 * Checks every row before anything is booked (issue 4 item 7): a bad row is reported with its line
 * and reason and booked never; good rows go on. The same pair twice in one file is a mistake.
 */
export async function validateOnboardingRows(
  records: readonly CsvRecord[],
  pack: PolicyPack,
  findByEmail: FindByEmail,
  today: string,
): Promise<{ valid: ValidRow[]; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const valid: ValidRow[] = [];
  const [header, ...rows] = records;
  if (!header) return { valid, problems: [{ line: 1, reason: 'the file is empty; the first line must name the columns' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = onboardingColumns.filter((c) => !names.includes(c) && !['location', 'review_date', 'duration_minutes'].includes(c));
  if (missing.length > 0) return { valid, problems: [{ line: header.line, reason: `missing column(s): ${missing.join(', ')}` }] };

  const seen = new Map<string, number>();
  for (const record of rows) {
    const raw = Object.fromEntries(names.map((n, i) => [n, (record.fields[i] ?? '').trim()]));
    if (record.fields.length !== names.length) {
      problems.push({ line: record.line, reason: `expected ${names.length} fields, found ${record.fields.length}` });
      continue;
    }
    const parsed = ZRow.safeParse(raw);
    if (!parsed.success) {
      problems.push({ line: record.line, reason: parsed.error.issues.map((i) => i.message).join('; ') });
      continue;
    }
    const row = parsed.data;
    const reasons: string[] = [];
    let role;
    try {
      role = findRole(pack, row.role);
    } catch {
      reasons.push(`role "${row.role}" is not in the ${pack.shortName} policy (known: ${pack.roles.map((r) => r.id).join(', ')})`);
    }
    if (row.agreement_date < row.employment_start) reasons.push('agreement_date is before employment_start');
    if (row.agreement_date < today) reasons.push(`agreement_date ${row.agreement_date} is in the past`);
    if (row.format === 'in-person' && !row.location) reasons.push('location is required for an in-person format');
    if (row.supervisor_email.toLowerCase() === row.supervisee_email.toLowerCase()) reasons.push('supervisor and supervisee are the same person');
    let minutes: number | undefined = row.duration_minutes ? Number(row.duration_minutes) : undefined;
    if (role) {
      const planned = role.sessionLength.planned;
      const minimum = role.sessionLength.minimum;
      minutes ??= isSpecified(planned) ? planned.value : undefined;
      if (minutes === undefined) reasons.push(`duration_minutes is required: ${pack.shortName} sets no session length for ${role.id}`);
      else if (isSpecified(minimum) && minimum.modality === 'must' && minutes < minimum.value) reasons.push(`duration_minutes ${minutes} is below the policy minimum of ${minimum.value}`);
    }
    const [supervisor, supervisee] = await Promise.all([findByEmail(row.supervisor_email), findByEmail(row.supervisee_email)]);
    if (!supervisor) reasons.push(`no one in the directory has the e-mail ${row.supervisor_email}`);
    if (!supervisee) reasons.push(`no one in the directory has the e-mail ${row.supervisee_email}`);
    const pair = `${row.supervisor_email.toLowerCase()}|${row.supervisee_email.toLowerCase()}`;
    const earlier = seen.get(pair);
    if (earlier !== undefined) reasons.push(`the same supervisor and supervisee are already on line ${earlier}`);
    else seen.set(pair, record.line);
    if (reasons.length > 0 || !supervisor || !supervisee || !role || minutes === undefined) {
      problems.push({ line: record.line, reason: reasons.join('; ') });
      continue;
    }
    valid.push({
      line: record.line,
      terms: {
        policyId: pack.id,
        roleId: role.id,
        supervisorId: supervisor.id,
        superviseeId: supervisee.id,
        employmentStart: row.employment_start,
        agreementDate: row.agreement_date,
        weekday: weekdays[row.weekday] ?? 1,
        time: row.time,
        minutes,
        format: row.format === 'teams' ? { kind: 'teams' } : { kind: 'in-person', location: row.location ?? '' },
        keyTasks: '',
        othersWhoMaySee: [],
        reviewDate: row.review_date || addMonths(row.agreement_date, 12),
      },
    });
  }
  return { valid, problems };
}
