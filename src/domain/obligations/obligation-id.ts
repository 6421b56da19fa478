/**
 * Obligation ids: which obligation, as one typed value, and the text form that ledger rows,
 * acknowledgements, audit entries and card data carry: `kind:subject:due`, with `no-date` for a
 * policy that gives no date (`session-frequency:monthly/2026-02-05:2026-03-04`,
 * `record-signed:session-2026-02-10:no-date`). This module is the only place that writes or reads
 * that text. Rows already stored must stay readable, so the form never changes.
 */
import { isLocalDate } from '../calendar/local-date.js';
import type { LocalDate } from '../calendar/types.js';
import { OBLIGATION_KINDS, type ObligationKind } from './types.js';

export interface ObligationId {
  readonly kind: ObligationKind;
  /** What it is about: a session (`session-YYYY-MM-DD`), a period (`monthly/2026-02-05`), a case, an action… */
  readonly subject: string;
  /** Null when the policy gives no date. */
  readonly due: LocalDate | null;
}

const NO_DATE = 'no-date';
const KINDS: ReadonlySet<string> = new Set(OBLIGATION_KINDS);
const isKind = (text: string): text is ObligationKind => KINDS.has(text);

export function formatObligationId(id: ObligationId): string {
  return `${id.kind}:${id.subject}:${id.due ?? NO_DATE}`;
}

/**
 * The obligation a stored or submitted text names; undefined when it names none. Neither a kind
 * nor a due date holds a colon, so the subject is everything between the first and the last one
 * (a case id with a colon in it survives the round trip).
 */
export function parseObligationId(text: string): ObligationId | undefined {
  const first = text.indexOf(':');
  const last = text.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  const kind = text.slice(0, first);
  const due = text.slice(last + 1);
  if (!isKind(kind) || (due !== NO_DATE && !isLocalDate(due))) return undefined;
  return { kind, subject: text.slice(first + 1, last), due: due === NO_DATE ? null : due };
}

// Subjects that are read back, not only shown.

const SESSION_SUBJECT = /^session-(\d{4}-\d{2}-\d{2})$/;
const ENDS_WITH_DATE = /(\d{4}-\d{2}-\d{2})$/;
const FIRST_DATE = /(\d{4}-\d{2}-\d{2})/;

const asDate = (text: string | undefined): LocalDate | undefined => (text !== undefined && isLocalDate(text) ? text : undefined);

/** The subject of an obligation about one session (its record, its postponement): `session-YYYY-MM-DD`. */
export function sessionSubject(date: LocalDate): string {
  return `session-${date}`;
}

/** The date of the session an obligation is about, when its subject names one (sessionSubject). */
export function sessionDateOf(id: Pick<ObligationId, 'subject'>): LocalDate | undefined {
  return asDate(SESSION_SUBJECT.exec(id.subject)?.[1]);
}

/**
 * The days a frequency obligation covers: from the date its subject ends with (a period's first
 * day, the previous session, the start of a first gap) to its due date. Undefined when either is
 * missing (a count of shifts, an undated rule).
 */
export function coveredSpan(id: Pick<ObligationId, 'subject' | 'due'>): { readonly from: LocalDate; readonly to: LocalDate } | undefined {
  const from = asDate(ENDS_WITH_DATE.exec(id.subject)?.[1]);
  return from === undefined || id.due === null ? undefined : { from, to: id.due };
}

/** The first date the subject names (a session, a period's start, the last review): what an undated obligation is chased from. */
export function subjectDate(id: Pick<ObligationId, 'subject'>): LocalDate | undefined {
  return asDate(FIRST_DATE.exec(id.subject)?.[1]);
}
