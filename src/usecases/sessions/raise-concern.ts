import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { SupervisionConcern } from '../../domain/concerns/schema.js';
import type { Directory, Person } from '../../domain/people/person.js';
import type { CalendarGateway } from '../../domain/ports/calendar.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { ConcernRepository } from '../../repositories/concerns.js';
import { threeWaySlots, type ThreeWaySettings } from './three-way-meeting.js';

export interface RaiseConcernDeps {
  readonly concerns: ConcernRepository;
  readonly calendar: Pick<CalendarGateway, 'busy'>;
  readonly directory: Pick<Directory, 'getPerson' | 'getManager'>;
  readonly pack: Pick<PolicyPack, 'nation'>;
  /** ISO instant. */
  readonly now: () => string;
  /** The three-way meeting's length, hours and look-ahead (default: an hour, 09:00–17:00, two weeks). */
  readonly settings?: ThreeWaySettings | undefined;
}

export type RaiseConcernResult =
  /** Who to tell is not known: nothing was recorded. */
  | { readonly kind: 'unknown-person' }
  | { readonly kind: 'no-supervisor' }
  | {
      /** `already`: raised before today; `concern` is the stored one (where its meeting stands). */
      readonly kind: 'raised' | 'already';
      readonly person: Person;
      readonly supervisor: Person;
      readonly lineManager: Person | undefined;
      readonly concernDate: string;
      readonly concern: SupervisionConcern;
    };

/**
 * "I'm not getting supervision" (issue 6 item 3): recorded for the supervisee's supervisor (the
 * directory's manager) and that person's line manager, with times free for all three for the
 * three-way meeting Leeds §F (L124–134) sets out. One record a day (create-only): saying it twice
 * does not raise it twice. Telling the people is the caller's.
 */
export async function raiseConcern(deps: RaiseConcernDeps, personId: string): Promise<RaiseConcernResult> {
  const person = await deps.directory.getPerson(personId);
  if (!person) return { kind: 'unknown-person' };
  const supervisor = await deps.directory.getManager(person.id);
  if (!supervisor) return { kind: 'no-supervisor' };
  const lineManager = await deps.directory.getManager(supervisor.id);
  const nowIso = deps.now();
  const concernDate = utcToLondon(nowIso).date;
  const slots = await threeWaySlots(deps.calendar, deps.pack, [person.id, supervisor.id, ...(lineManager ? [lineManager.id] : [])], nowIso, 3, deps.settings);
  const concern: SupervisionConcern = { raisedAt: nowIso, supervisorId: supervisor.id, lineManagerId: lineManager?.id, proposedSlots: slots };
  const ref = { superviseeId: person.id, concernDate };
  if ((await deps.concerns.create(ref, concern)) === 'created') return { kind: 'raised', person, supervisor, lineManager, concernDate, concern };
  return { kind: 'already', person, supervisor, lineManager, concernDate, concern: (await deps.concerns.get(ref)) ?? concern };
}
