import { utcToLondon } from '../../domain/calendar/london-time.js';
import { AppError } from '../../domain/errors.js';
import type { PlannedMilestone } from '../../domain/milestones/types.js';
import { latestVersion, recordPartyOf, requireRecordParty } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { whyForCitation } from '../../policy/why.js';
import { readRecordAs } from '../records/deps.js';
import { loadMilestone, milestoneCardValues, milestoneOutcomeHint, openMilestoneRecord, recordMilestone, withMilestones } from '../records/milestone-record.js';
import type { TabDeps } from './deps.js';
import { recordViewOf } from './record-view.js';
import type { MilestoneFormView, MilestoneRecordAnswer, MilestoneView } from './views.js';

/**
 * Reviews and milestones in the tab (issue 14 item 1: "a short record card (and a form in the
 * tab)"): both people see the ones booked in their year; the supervisor records that one took
 * place and its outcome, signs and shares it, through the very use case the chat's milestone card
 * uses (recordMilestone: Sefton ¶3.14 (L102) the ASYE learning agreement and reviews; Sefton
 * ¶6.2 (L228) signed by both; Leeds §D (L108) the supervisor writes it). The supervisee then
 * signs it, or records a disagreement, as any record in the tab (record-view.ts).
 */

/** The person's reviews and milestones, as supervisee or as supervisor, by date; cancelled ones left out. */
export async function myMilestones(deps: TabDeps, personId: string): Promise<MilestoneView[]> {
  const repo = deps.records.milestones;
  if (!repo) return [];
  const now = deps.agenda.now();
  const out: MilestoneView[] = [];
  for (const agreement of await deps.agenda.agreements.agreementsOf(personId)) {
    const role = agreement.terms.superviseeId === personId ? 'supervisee' : agreement.terms.supervisorId === personId ? 'supervisor' : undefined;
    if (!role) continue;
    const [milestones, records] = await Promise.all([repo.list(agreement.id), deps.agenda.records.list(agreement.id)]);
    const recordOf = new Map(records.map((r) => [r.sessionId, r]));
    const names = agreement.parties ?? { supervisorName: 'your supervisor', superviseeName: 'your supervisee' };
    for (const m of milestones) {
      if (m.status === 'cancelled') continue;
      const record = recordOf.get(m.milestoneId);
      out.push({
        agreementId: m.agreementId,
        milestoneId: m.milestoneId,
        label: m.label,
        role,
        withName: role === 'supervisee' ? names.supervisorName : names.superviseeName,
        date: m.date,
        startUtc: m.startUtc,
        due: m.due,
        status: m.status,
        joinUrl: m.joinUrl,
        place: m.format.kind === 'in-person' ? m.format.location : undefined,
        recordStatus: record?.status,
        waitingForMe: record ? waitingForSupervisee(record, personId) : false,
        canRecord: role === 'supervisor' && m.status !== 'planned' && m.startUtc <= now && (!record || record.status === 'draft' || record.status === 'disputed' || record.status === 'not-held'),
      });
    }
  }
  return out.sort((a, b) => (a.startUtc === b.startUtc ? (a.milestoneId < b.milestoneId ? -1 : 1) : a.startUtc < b.startUtc ? -1 : 1));
}

function waitingForSupervisee(record: SessionRecord, personId: string): boolean {
  const latest = latestVersion(record);
  return recordPartyOf(record, personId) === 'supervisee' && record.status === 'shared' && latest !== undefined && !latest.superviseeSignature && !latest.disagreement;
}

/**
 * Only the agreement's two parties get further than this; anyone else is refused (the API writes
 * the refusal to the audit log), before anything is opened or read.
 */
async function requireAgreementParty(deps: TabDeps, personId: string, agreementId: string): Promise<void> {
  const agreement = await deps.agenda.agreements.get(agreementId);
  if (!agreement || (agreement.terms.supervisorId !== personId && agreement.terms.superviseeId !== personId)) {
    throw new AppError('forbidden', 'Only the supervisor and the supervisee of this supervision can see or record its reviews and milestones.');
  }
}

/**
 * The form for one milestone, for its supervisor: its record is opened as the milestone-cards job
 * opens it (create-only, once the meeting has begun), then read with the record's own rules (its
 * two parties; anyone else refused and audited) and written by its supervisor only.
 */
export async function milestoneFormForTab(deps: TabDeps, personId: string, ids: { agreementId: string; sessionId: string }): Promise<MilestoneFormView> {
  await requireAgreementParty(deps, personId, ids.agreementId);
  const mdeps = withMilestones(deps.records);
  await openMilestoneRecord(mdeps, ids.agreementId, ids.sessionId);
  const record = await readRecordAs(mdeps, personId, ids.agreementId, ids.sessionId, 'view');
  requireRecordParty(record, personId, 'supervisor');
  const milestone = await loadMilestone(mdeps, ids.agreementId, ids.sessionId);
  return formOf(deps, record, milestone, milestoneCardValues(record));
}

async function formOf(deps: TabDeps, record: SessionRecord, milestone: PlannedMilestone, values: { heldOn: string; outcome: string }): Promise<MilestoneFormView> {
  const agreement = await deps.agenda.agreements.get(record.agreementId);
  const pack = deps.records.packFor(record.policyId);
  return {
    agreementId: record.agreementId,
    milestoneId: record.sessionId,
    label: milestone.label,
    supervisorName: record.supervisor.name,
    superviseeName: record.supervisee.name,
    date: record.sessionDate,
    due: milestone.due,
    why: whyForCitation(pack, milestone.rule),
    basedOn: record.versions.length,
    heldOn: values.heldOn,
    outcome: values.outcome,
    outcomeHint: milestoneOutcomeHint(record.kind),
    from: agreement?.terms.agreementDate ?? record.sessionDate,
    today: utcToLondon(deps.records.now()).date,
  };
}

/**
 * Records the milestone from the tab: recordMilestone decides everything (who may, the day and the
 * outcome in plain words, a replay changing nothing), then the supervisee is sent the record to
 * sign as the chat card sends it.
 */
export async function recordMilestoneFromTab(
  deps: TabDeps,
  actor: { id: string; name: string },
  input: { agreementId: string; sessionId: string; basedOn: number; heldOn: string; outcome: string },
): Promise<MilestoneRecordAnswer> {
  await requireAgreementParty(deps, actor.id, input.agreementId);
  const mdeps = withMilestones(deps.records);
  await openMilestoneRecord(mdeps, input.agreementId, input.sessionId);
  const result = await recordMilestone(mdeps, actor, { agreementId: input.agreementId, milestoneId: input.sessionId, basedOn: input.basedOn, heldOn: input.heldOn, outcome: input.outcome });
  if (result.kind === 'invalid') {
    return { kind: 'invalid', errors: result.errors, form: await formOf(deps, result.record, result.milestone, { heldOn: input.heldOn, outcome: input.outcome }) };
  }
  const told = result.changed && deps.milestoneShared ? await deps.milestoneShared(result.record, result.milestone).catch(() => 'unreachable' as const) : 'unreachable';
  return { kind: 'shared', record: recordViewOf(result.record, actor.id), changed: result.changed, superviseeTold: told === 'delivered' };
}
