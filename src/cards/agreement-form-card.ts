import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

const choice = z.object({ title: z.string().min(1), value: z.string().min(1) });
const error = z.string().default('');

/**
 * The supervisor's agreement form (cards/agreement-form.json); errors sit next to their field.
 * The supervisee list is the supervisor's direct reports; in a real tenant Teams also offers its
 * people picker (Data.Query graph.microsoft.com/users). The Agents Playground renders that picker
 * with made-up people whose ids are not in the directory, so sandbox mode shows the list only.
 * Either way the server accepts only a direct report (src/domain/agreements/form.ts).
 */
export const ZAgreementFormCardData = z.object({
  agreementId: z.string().min(8),
  title: z.string().min(1),
  intro: z.string().min(1),
  errorSummary: z.string().default(''),
  packName: z.string().min(1),
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /**
   * Dates are typed, not picked: a host shows Input.Date in its own locale (American in some), so
   * the card shows and asks for them the British way ("for example 2 December 2026"); issue 15 item 3.
   */
  dateExample: z.string().min(1).default('for example 2 December 2026 or 02/12/2026'),
  supervisees: z.array(choice).min(1),
  /** Teams' people picker (Data.Query); off where the client fakes it with ids of its own (Agents Playground). */
  peoplePicker: z.boolean().default(false),
  rolePhases: z.array(choice).min(1),
  managers: z.array(choice),
  superviseeId: z.string(),
  rolePhase: z.string(),
  employmentStart: z.string(),
  agreementDate: z.string(),
  weekday: z.string(),
  time: z.string(),
  minutes: z.union([z.number(), z.string()]),
  minutesHint: z.string().min(1),
  /** The policy's words for the minimum length. */
  minutesWhy: ZWhyCard.optional(),
  /**
   * The frequency the two people agree, offered where the pack has a role whose policy leaves it
   * to them (CB §10 (L111), issue 14 c); the form requires it only for such a role.
   */
  agreedFrequencies: z.array(choice).default([]),
  agreedFrequency: z.string().default(''),
  agreedFrequencyHint: z.string().default(''),
  agreedFrequencyWhy: ZWhyCard.optional(),
  format: z.string(),
  location: z.string(),
  keyTasks: z.string(),
  othersWhoMaySee: z.string(),
  seniorManagerId: z.string(),
  reviewDate: z.string(),
  reviewHint: z.string().min(1),
  /** The policy's words for the review interval. */
  reviewWhy: ZWhyCard.optional(),
  showNote: z.boolean(),
  submitTitle: z.string().min(1),
  verb: z.enum(['agreementSubmit', 'agreementRevise']),
  errors: z.object({
    superviseeId: error,
    rolePhase: error,
    employmentStart: error,
    agreementDate: error,
    weekday: error,
    time: error,
    minutes: error,
    agreedFrequency: error,
    format: error,
    location: error,
    keyTasks: error,
    othersWhoMaySee: error,
    seniorManagerId: error,
    reviewDate: error,
  }),
});
export type AgreementFormCardData = z.input<typeof ZAgreementFormCardData>;

export function agreementFormCard(data: AgreementFormCardData) {
  return renderCard('agreement-form', ZAgreementFormCardData, data);
}
