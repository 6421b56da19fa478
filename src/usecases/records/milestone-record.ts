/**
 * A review or milestone's record (issue 14 item 1): the agreement's review, the ASYE learning
 * agreement and reviews, the PDR and its progress review, direct observation. It is a session
 * record of its own kind (records/schema.ts `kind`, keyed by the milestone's id), so it is signed,
 * disagreed with, amended, made final and filed in the supervision file exactly as a supervision
 * record is (sign-record.ts, finalise.ts, the filing job); this file opens it and writes the
 * supervisor's version: the day it took place and its outcome.
 */
import { parseInstant } from '../../domain/calendar/instant.js';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import { AppError } from '../../domain/errors.js';
import type { MilestoneKind, PlannedMilestone } from '../../domain/milestones/types.js';
import { latestVersion, openRecord, reopenForRebookedSession, requireRecordParty, shareVersion } from '../../domain/records/lifecycle.js';
import type { RecordContent, SessionRecord } from '../../domain/records/schema.js';
import type { MilestoneRepository } from '../../repositories/milestones.js';
import { notifyChange, readRecordAs, updateRecord, type Actor, type RecordDeps } from './deps.js';
import { loadAgreementFor } from './record-context.js';

export interface MilestoneRecordDeps extends RecordDeps {
  readonly milestones: MilestoneRepository;
}

/** The deps with the milestones' repository, or a plain refusal where this deployment has none. */
export function withMilestones(deps: RecordDeps): MilestoneRecordDeps {
  if (!deps.milestones) throw new AppError('unavailable', 'Recording reviews and milestones is not available in this deployment yet.');
  return { ...deps, milestones: deps.milestones };
}

export async function loadMilestone(deps: Pick<MilestoneRecordDeps, 'milestones'>, agreementId: string, milestoneId: string): Promise<PlannedMilestone> {
  const found = await deps.milestones.get(agreementId, milestoneId);
  if (!found) throw new AppError('not_found', 'I could not find that review or milestone.');
  return found;
}

/**
 * Opens the record of a milestone whose meeting has started, create-only like a session's
 * (open-record.ts): two instances or a retry end with one record.
 */
export async function openMilestoneRecord(deps: MilestoneRecordDeps, agreementId: string, milestoneId: string): Promise<{ record: SessionRecord; created: boolean }> {
  const existing = await deps.records.get(agreementId, milestoneId);
  if (existing) return { record: existing, created: false };
  const [agreement, milestone] = await Promise.all([loadAgreementFor(deps, agreementId), loadMilestone(deps, agreementId, milestoneId)]);
  const now = deps.now();
  if (parseInstant(milestone.startUtc) > parseInstant(now)) throw new AppError('conflict', 'This has not taken place yet, so there is nothing to record.');
  const [supervisor, supervisee] = await Promise.all([deps.directory.getPerson(agreement.terms.supervisorId), deps.directory.getPerson(agreement.terms.superviseeId)]);
  const record = openRecord({
    agreementId,
    sessionId: milestoneId,
    sessionDate: milestone.date,
    policyId: agreement.terms.policyId,
    kind: milestone.kind,
    templateId: milestone.kind,
    supervisor: { id: agreement.terms.supervisorId, name: supervisor?.displayName ?? agreement.parties?.supervisorName ?? 'Supervisor' },
    supervisee: { id: agreement.terms.superviseeId, name: supervisee?.displayName ?? agreement.parties?.superviseeName ?? 'Supervisee' },
  }, now);
  if ((await deps.records.create(record)) === 'created') return { record, created: true };
  return { record: await deps.records.require(agreementId, milestoneId), created: false };
}

export interface MilestoneRecordInput {
  readonly agreementId: string;
  readonly milestoneId: string;
  /** How many versions the card showed (0 for the first share). */
  readonly basedOn: number;
  readonly heldOn: string;
  readonly outcome: string;
}

export type MilestoneFieldErrors = Partial<Record<'heldOn' | 'outcome', string>>;

export type MilestoneRecordResult =
  | { readonly kind: 'invalid'; readonly errors: MilestoneFieldErrors; readonly record: SessionRecord; readonly milestone: PlannedMilestone }
  | { readonly kind: 'shared'; readonly record: SessionRecord; readonly milestone: PlannedMilestone; readonly changed: boolean };

export const OUTCOME_MAX = 4000;

/** The card's two fields, in plain words next to each (never a validator's wording). */
export function readMilestoneFields(input: Pick<MilestoneRecordInput, 'heldOn' | 'outcome'>, bounds: { readonly from: string; readonly today: string }): { ok: true; heldOn: string; outcome: string } | { ok: false; errors: MilestoneFieldErrors } {
  const errors: MilestoneFieldErrors = {};
  const heldOn = input.heldOn.trim();
  const outcome = input.outcome.trim();
  if (!isLocalDate(heldOn)) errors.heldOn = 'Give the day it took place.';
  else if (heldOn > bounds.today) errors.heldOn = 'That day is still to come: record it once it has taken place.';
  else if (heldOn < bounds.from) errors.heldOn = 'That day is before this supervision agreement began.';
  if (!outcome) errors.outcome = 'Say what the outcome was.';
  else if (outcome.length > OUTCOME_MAX) errors.outcome = 'Please keep the outcome to 4,000 characters.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, heldOn, outcome };
}

/** What both sign: the milestone, the day and the outcome (a record's content with no session items). */
export function milestoneContent(milestone: PlannedMilestone, heldOn: string, outcome: string): RecordContent {
  return {
    standingItems: [], agendaItems: [], discussion: outcome, decisions: '', actions: [], personalIssuesDiscussed: false,
    milestone: { kind: milestone.kind, label: milestone.label, heldOn, outcome },
  };
}

/**
 * The supervisor records that the milestone took place and its outcome, signs and shares it with
 * the supervisee (the same lifecycle as a supervision record: Sefton ¶6.2 (L228) signed by both).
 * The milestone is then held, and the obligations are evaluated again (the sweep stops asking for
 * it). A replay of the same submit changes nothing.
 */
export async function recordMilestone(deps: MilestoneRecordDeps, actor: Actor, input: MilestoneRecordInput): Promise<MilestoneRecordResult> {
  // Who may act first (refusals audited), then what it is about.
  const current = await readRecordAs(deps, actor.id, input.agreementId, input.milestoneId, input.basedOn > 0 ? 'amend' : 'share');
  requireRecordParty(current, actor.id, 'supervisor');
  if (!current.kind) throw new AppError('conflict', 'This is the record of a supervision session: record it on the record card.');
  const milestone = await loadMilestone(deps, input.agreementId, input.milestoneId);
  const agreement = await loadAgreementFor(deps, input.agreementId);
  const read = readMilestoneFields(input, { from: agreement.terms.agreementDate, today: utcToLondon(deps.now()).date });
  if (!read.ok) return { kind: 'invalid', errors: read.errors, record: current, milestone };
  const content = milestoneContent(milestone, read.heldOn, read.outcome);
  // Recorded earlier as not held (milestone-not-held.ts) and held since, rebooked: it opens again and is recorded as held.
  const { record, changed } = await updateRecord(deps, input.agreementId, input.milestoneId, (r) =>
    shareVersion(r.status === 'not-held' ? reopenForRebookedSession(r, r.sessionDate, deps.now()) : r, actor, content, input.basedOn, deps.now()));
  if (changed) {
    await deps.milestones.apply(input.agreementId, input.milestoneId, (stored) =>
      !stored || stored.status === 'held' || stored.status === 'cancelled' ? { result: undefined } : { next: { ...stored, status: 'held' as const }, result: undefined });
    await notifyChange(deps, input.agreementId);
  }
  return { kind: 'shared', record, milestone, changed };
}

/** What the outcome box asks for, in plain words, by kind of milestone (the card's and the tab's). */
const OUTCOME_HINTS: Readonly<Record<MilestoneKind, string>> = {
  'asye-learning-agreement': 'The learning goals, support and protected development time you agreed for the ASYE year.',
  'asye-review': 'Progress against the learning agreement, and what happens next.',
  'agreement-review': 'What you reviewed in the supervision agreement and any changes you agreed.',
  pdr: 'The objectives and development plan you agreed.',
  'pdr-review': 'Progress against the objectives set at the PDR.',
  'direct-observation': 'What was observed, the feedback given and any learning to take forward.',
};

export function milestoneOutcomeHint(kind: MilestoneKind | undefined): string {
  return kind ? OUTCOME_HINTS[kind] : 'What was agreed.';
}

/** What the card shows in its fields: the latest version's (amending), or the milestone's own day. */
export function milestoneCardValues(record: SessionRecord): { heldOn: string; outcome: string } {
  const latest = latestVersion(record)?.content.milestone;
  return latest ? { heldOn: latest.heldOn, outcome: latest.outcome } : { heldOn: record.sessionDate, outcome: '' };
}
