import { latestVersion, recordPartyOf } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { disagreeWithRecord } from '../records/disagree-with-record.js';
import { signRecord } from '../records/sign-record.js';
import { viewRecord } from '../records/view-record.js';
import type { TabDeps } from './deps.js';
import type { RecordView } from './views.js';

/**
 * A record in the tab (issue 13 item 1): read, sign, record a disagreement, through the same use
 * cases as the review card, so only its two parties see it and every other attempt is refused and
 * written to the audit log (readRecordAs).
 */
export async function recordForTab(deps: TabDeps, personId: string, ids: { agreementId: string; sessionId: string }): Promise<RecordView> {
  return recordViewOf(await viewRecord(deps.records, personId, ids), personId);
}

/**
 * The other party is told, as the review card tells them (a supervisee's signature or disagreement
 * reaches the supervisor's chat); supervisorTold says whether it reached them, so the tab never
 * claims a delivery that did not happen (issue 15 item 2).
 */
export async function signFromTab(deps: Pick<TabDeps, 'records' | 'recordSigned'>, actor: { id: string; name: string }, input: { agreementId: string; sessionId: string; hash: string }): Promise<{ record: RecordView; changed: boolean; supervisorTold: boolean }> {
  const { record, changed } = await signRecord(deps.records, actor, input);
  const told = changed && deps.recordSigned ? await deps.recordSigned(record).catch(() => 'unreachable' as const) : 'unreachable';
  return { record: recordViewOf(record, actor.id), changed, supervisorTold: told === 'delivered' };
}

export async function disagreeFromTab(deps: Pick<TabDeps, 'records' | 'recordDisagreed'>, actor: { id: string; name: string }, input: { agreementId: string; sessionId: string; hash: string; text: string }): Promise<{ record: RecordView; changed: boolean; supervisorTold: boolean }> {
  const { record, changed } = await disagreeWithRecord(deps.records, actor, input);
  const told = changed && deps.recordDisagreed ? await deps.recordDisagreed(record, input.text).catch(() => 'unreachable' as const) : 'unreachable';
  return { record: recordViewOf(record, actor.id), changed, supervisorTold: told === 'delivered' };
}

export function recordViewOf(record: SessionRecord, personId: string): RecordView {
  const role = recordPartyOf(record, personId) ?? 'supervisee';
  const latest = latestVersion(record);
  const c = latest?.content;
  return {
    agreementId: record.agreementId,
    sessionId: record.sessionId,
    sessionDate: record.sessionDate,
    status: record.status,
    supervisorName: record.supervisor.name,
    superviseeName: record.supervisee.name,
    role,
    version: latest?.version,
    hash: latest?.hash,
    canSign: role === 'supervisee' && record.status === 'shared' && latest !== undefined && latest.superviseeSignature === undefined,
    content: c
      ? {
          standingItems: c.standingItems.map((s) => ({ text: s.text, status: s.status, notes: s.notes })),
          agendaItems: c.agendaItems,
          discussion: c.discussion,
          decisions: c.decisions,
          actions: c.actions.map((a) => ({ text: a.text, ownerName: a.ownerName, due: a.due })),
          personalIssuesDiscussed: c.personalIssuesDiscussed,
          nextMeetingDate: c.nextMeetingDate,
          milestone: c.milestone ? { label: c.milestone.label, heldOn: c.milestone.heldOn, outcome: c.milestone.outcome } : undefined,
        }
      : undefined,
    disagreements: record.versions.flatMap((v) => (v.disagreement ? [{ version: v.version, byName: v.disagreement.byName, at: v.disagreement.at, text: v.disagreement.text }] : [])),
    supervisorSignedAt: latest?.supervisorSignature.signedAt,
    superviseeSignedAt: latest?.superviseeSignature?.signedAt,
  };
}
