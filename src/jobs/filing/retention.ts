import { addMonths, parseLocalDate } from '../../domain/calendar/local-date.js';
import { inCouncilWords } from '../../policy/council-words.js';
import { citeForPeople } from '../../policy/why.js';
import type { PolicyPack } from '../../policy/schema.js';
import { isSpecified } from '../../policy/schema/values.js';

export interface Retention {
  /** YYYY-MM-DD, only when the rule gives a date. */
  readonly retainUntil?: string | undefined;
  /** The rule in words with its citation, shown in the library and on the PDF. */
  readonly rule: string;
}

/**
 * How long the filed record is kept, from the pack's retention rule.
 *
 * Sefton ¶10 (L279): kept for the whole employment, then 7 years after the employee leaves. The
 * end date therefore depends on a leaving date the product does not know while the person is
 * employed (the directory has no leaving date for current staff). Choice: RetainUntil stays empty
 * until a leaving date is known, and the rule is written beside it (RetentionRule column, and on
 * the PDF). A date computed from the session (e.g. session + 7 years) would be earlier than the
 * policy allows for anyone still employed then, so a disposal job acting on it would destroy
 * records too soon; an empty date errs on keeping. When the leaving date is given, RetainUntil is
 * leaving date + the pack's years. The retention label (RECORDS_RETENTION_LABEL), when configured,
 * is what actually protects the file; an event-based label ("employee leaves") matches this rule.
 * Packs that give no period (Leeds, Buckinghamshire, Camden) or no years (Central Bedfordshire
 * §13 L149: passed to HR on leaving) get the rule in words and no date.
 */
export function retentionFor(pack: PolicyPack, leavingDate?: string, councilName = 'the council'): Retention {
  const retention = pack.retention;
  // People read the rule (the library's column, the PDF): the council's own name and the policy's
  // paragraph, never the pack's council, a rule id or a line number (issue 15 item 3).
  if (!isSpecified(retention)) {
    return { rule: `The policy gives no retention period; kept until ${councilName} decides.` };
  }
  const rule = `${inCouncilWords(retention.value.rule, pack, councilName)} (${citeForPeople(pack, retention)})`;
  const years = retention.value.yearsAfterLeaving;
  if (years === undefined || leavingDate === undefined) return { rule };
  return { rule, retainUntil: addMonths(parseLocalDate(leavingDate), 12 * years) };
}
