import type { PolicyPack } from '../../policy/schema.js';
import { isSpecified } from '../../policy/schema.js';

export interface CaseCategory {
  readonly id: string;
  readonly label: string;
}

/**
 * Where the policy sets no cadence per case, the record card still asks which kind of case it is,
 * in the words children's services use (the four Camden §6 (L122-L128) lists); the obligations
 * engine then says the policy sets no cadence rather than inventing one.
 */
const PLAIN: readonly CaseCategory[] = [
  { id: 'child-protection', label: 'Child protection' },
  { id: 'cin', label: 'Child in need' },
  { id: 'cla', label: 'Child looked after' },
  { id: 'care-leaver', label: 'Care leaver' },
];

/**
 * The case categories the record card offers for a case item (issue 14 item 2), as the pack names
 * them, with the ids the obligations engine judges by (periodic.ts caseObligations):
 * - a cadence per category (Camden §6 (L122-L128) CA-D4): the pack's categories;
 * - monthly case records (Sefton ¶7.1 (L235-L238) SE-D12): a child (every calendar month) and
 *   the pack's bimonthly exceptions;
 * - neither: the plain four.
 */
export function caseCategoriesOf(pack: PolicyPack): readonly CaseCategory[] {
  const cd = pack.deadlines.caseDiscussion;
  if (isSpecified(cd)) return cd.value.categories.map((c) => ({ id: c.id, label: c.label }));
  const monthly = pack.deadlines.caseRecordMonthly;
  if (isSpecified(monthly)) {
    return [
      { id: 'child', label: `Child or young person under ${monthly.value.underAge} (a case record every month)` },
      ...monthly.value.bimonthlyExceptions.map((e) => ({ id: e.id, label: e.label })),
    ];
  }
  return PLAIN;
}

/** A category id as people read it (the pack's words), or undefined for an id the pack does not know. */
export function caseCategoryLabel(pack: PolicyPack, id: string): string | undefined {
  return caseCategoriesOf(pack).find((c) => c.id === id)?.label;
}
