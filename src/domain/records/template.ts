import { withinWorkingDays } from '../calendar/conventions.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { cite } from '../../policy/cite.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';

/**
 * What the pack asks a staff-session record to hold (issue 5 item 2; rules.md §5). Pure: the
 * pack, the role and the dates come in.
 */
export interface StandingItem {
  /** Stable within a pack: `${agendaId}#${position}`. */
  readonly key: string;
  readonly agendaId: string;
  readonly agendaLabel: string;
  /** The item's number as the policy prints it, when it does. */
  readonly number?: number | undefined;
  readonly text: string;
}

/**
 * The standing items every record of this role addresses: the role's agendas, in the order the
 * pack lists them, each agenda's items where the policy reproduces them (an agenda the policy
 * only names adds nothing). Central Bedfordshire §12 (L126): each one is addressed or recorded
 * as not applicable. The same wording twice (two agendas sharing an item) is asked once.
 */
export function standingItemsFor(pack: PolicyPack, roleId: string): StandingItem[] {
  const role = pack.roles.find((r) => r.id === roleId) ?? pack.roles.find((r) => r.covers.includes(roleId));
  if (!role) return [];
  const out: StandingItem[] = [];
  const seen = new Set<string>();
  for (const agendaId of role.agendas) {
    const agenda = pack.agendas.find((a) => a.id === agendaId);
    if (!agenda || !isSpecified(agenda.items)) continue;
    agenda.items.value.forEach((item, i) => {
      const text = item.text.trim();
      if (seen.has(text)) return;
      seen.add(text);
      out.push({ key: `${agendaId}#${i + 1}`, agendaId, agendaLabel: agenda.label, ...(item.number !== undefined ? { number: item.number } : {}), text });
    });
  }
  return out;
}

export interface RecordTemplateChoice {
  readonly id: string;
  readonly name: string;
}

/** The pack's record template for a staff session: the first with purpose 'staff-session'. */
export function staffSessionTemplate(pack: PolicyPack): RecordTemplateChoice {
  const t = pack.recordTemplates.find((r) => r.purpose === 'staff-session');
  return t ? { id: t.id, name: t.name } : { id: 'staff-session', name: 'Supervision record' };
}

export interface SessionDateLike {
  readonly sessionId: string;
  readonly date: LocalDate;
  readonly status: string;
}

/**
 * The next meeting after this one, from the agreement's schedule: the first planned, booked or
 * moved session dated after this session (ties broken by session id). Undefined at the year's end.
 */
export function nextMeetingDate(sessions: readonly SessionDateLike[], current: SessionDateLike): LocalDate | undefined {
  const upcoming = sessions
    .filter((s) => s.sessionId !== current.sessionId && (s.status === 'planned' || s.status === 'booked' || s.status === 'moved'))
    .filter((s) => s.date > current.date || (s.date === current.date && s.sessionId > current.sessionId))
    .sort((a, b) => (a.date === b.date ? (a.sessionId < b.sessionId ? -1 : 1) : a.date < b.date ? -1 : 1));
  return upcoming[0]?.date;
}

export type ShareDeadline =
  | { readonly due: LocalDate; readonly workingDays: number; readonly rule: string }
  | { readonly due: null; readonly rule: string; readonly note: string };

/**
 * When the record must reach the supervisee: pack.deadlines.recordShared working days after the
 * session, counted K1 (Sefton ¶6.2 (L228): 5 working days; Buckinghamshire (L42) likewise).
 * Packs without a day limit say so (Central Bedfordshire cl.5 (L244), Leeds §D, Camden §7).
 */
export function recordShareDeadline(pack: PolicyPack, cal: WorkingCalendar, sessionDate: LocalDate): ShareDeadline {
  const v = pack.deadlines.recordShared;
  if (!isSpecified(v)) return { due: null, rule: cite(pack, v), note: v.note ?? `${pack.shortName} sets no day limit for sharing the record` };
  return { due: withinWorkingDays(cal, sessionDate, v.value.workingDays), workingDays: v.value.workingDays, rule: cite(pack, v) };
}
