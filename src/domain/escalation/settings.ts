import { z } from 'zod';
import { isLocalTime } from '../calendar/london-time.js';
import { AppError } from '../errors.js';

/**
 * How the product nudges and escalates, set by the council.
 *
 * None of the five policies gives a number of days before escalating, nor a role to go to when
 * a person has no manager (rules.md §3: CB-E1, CA-E1 and BU-E1 state no escalation at all; LE-E1
 * and SE-E1 name who, never when). conventions.md K13 forbids borrowing another council's number,
 * so every value here is local configuration and every step that uses one says so. The pack's
 * own escalation path (pack.escalation.missedSupervision) is cited where it exists.
 */
const ZTime = z.string().refine(isLocalTime, { message: 'a time written HH:MM' });

const ZPersonRole = z.strictObject({
  /** Entra object id of whoever holds the role now. */
  personId: z.string().min(1),
  /** The role as the council names it ("Head of Service"), shown in the step. */
  role: z.string().min(1),
});

export const ZEscalationSettings = z.strictObject({
  /** The local decision these settings come from, shown next to every value. */
  reference: z.string().min(1).optional(),
  /** Working days after the due date (K1 counting) before the line manager is told. */
  lineManagerAfterWorkingDays: z.number().int().min(1).max(60),
  /** Working days after the line manager was told before the next tier is. */
  nextTierAfterWorkingDays: z.number().int().min(1).max(60),
  /**
   * The next tier when the agreement names no senior manager and the manager has no manager:
   * "the role the pack names" (Sefton ¶5.10: Service Manager/Assistant Director; Leeds §F: head
   * of service), resolved to a person by the council because a pack names roles, not people.
   */
  nextTierRole: ZPersonRole.optional(),
  /** Whom a person with no manager in the directory is escalated to (and the case is reported). */
  fallback: ZPersonRole,
  /** Reminders before the due date, in working days, by obligation kind. */
  remindWorkingDaysBefore: z.record(z.string(), z.number().int().min(1).max(20)).default({ 'session-frequency': 2, 'record-shared': 1 }),
  /** Reminders before the due date, in months, by obligation kind ("agreement review next month"). */
  remindMonthsBefore: z.record(z.string(), z.number().int().min(1).max(6)).default({ 'agreement-review': 1 }),
  /**
   * Obligations the policy gives no date (a record awaiting signature: CB, CA, SE state no day
   * limit) are chased this many working days after the date in their subject.
   */
  undatedChaseAfterWorkingDays: z.record(z.string(), z.number().int().min(1).max(60)).default({ 'record-signed': 5 }),
  /** Only lateness of this severity is escalated; anything else stops at the nudge (K13). */
  escalateSeverities: z.array(z.enum(['breach', 'warning', 'info'])).default(['breach', 'warning']),
  /**
   * Go-live date: lapses due before it are left to the compliance report rather than chased, so
   * switching the product on does not send a year of old lapses up the chain on its first day.
   */
  chaseFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Messages go out only between these local times on working days. */
  workingHours: z.strictObject({ from: ZTime, to: ZTime }).default({ from: '08:00', to: '18:00' }),
  /** The daily sweep's local time (issue 6: default 08:00). */
  sweepTime: ZTime.default('08:00'),
});
export type EscalationSettings = z.infer<typeof ZEscalationSettings>;
export type EscalationSettingsInput = z.input<typeof ZEscalationSettings>;

export function parseEscalationSettings(input: unknown): EscalationSettings {
  const r = ZEscalationSettings.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new AppError('invalid_input', `invalid escalation settings${i && i.path.length ? ` at ${i.path.join('.')}` : ''}: ${i?.message ?? 'unknown error'}`);
  }
  if (r.data.workingHours.from >= r.data.workingHours.to) throw new AppError('invalid_input', 'invalid escalation settings: working hours end before they start');
  return r.data;
}
