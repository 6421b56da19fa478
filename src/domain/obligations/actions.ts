import type { LocalDate } from '../calendar/types.js';
import { cite } from '../../policy/cite.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { History } from './history.js';
import { obligation } from './judge.js';
import type { Obligation } from './types.js';

/**
 * Tracked actions (issue 5 item 5) are obligations of their owner: each is due on the date the
 * record gave it. The rule is the pack's own actions requirement (pack.requirements, topic
 * 'actions': Sefton App 3 (L662) "Actions are SMART with clear timescales"); a pack without one
 * still tracks the date the record set, cited as the record's. Only actions whose date has come
 * (or that are already closed) are obligations; a dropped action counts as settled on the day
 * it was dropped, so an escalation about it closes.
 */
export function actionObligations(pack: PolicyPack, history: History, at: LocalDate): Obligation[] {
  const req = pack.requirements.find((r) => r.topic === 'actions');
  const rule = req ? cite(pack, req) : `${pack.shortName} (the due date agreed in the supervision record)`;
  const modality = req?.modality ?? 'should';
  const party = (ownerId: string): Obligation['responsible'] =>
    ownerId === history.agreement.supervisor ? 'supervisor' : ownerId === history.agreement.supervisee ? 'supervisee' : 'line-manager';
  return history.actions
    .filter((a) => a.due <= at || (a.closedOn !== undefined && a.closedOn <= at))
    .map((a) => ({
      ...obligation({
        kind: 'action-overdue', subject: `action-${a.id}`, due: a.due, metOn: a.closedOn,
        responsible: party(a.ownerId), modality, rule,
        detail: a.outcome === 'dropped'
          ? `agreed action ${a.text ? `"${a.text}"` : a.id} (due ${a.due}) dropped`
          : `agreed action ${a.text ? `"${a.text}"` : a.id} done by its owner by ${a.due}`,
      }, at),
      responsiblePersonId: a.ownerId,
    }));
}
