import { AppError } from '../errors.js';
import { contentHash } from '../signing/canonical-json.js';
import type { RecordContent, RecordDisagreement, RecordEvent, RecordStatus, SessionRecord } from './schema.js';

/**
 * A session record's life (issue 5 items 2–3). Pure: time comes in as `at`, people as actors
 * taken from the authenticated activity, never from card data.
 *
 *   draft ─share→ shared ─sign→ final ─file→ filed
 *                   │  ▲
 *           disagree  amend (new version, both sign again)
 *                   ▼  │
 *                 disputed
 *   draft ─not held→ not-held
 *
 * Central Bedfordshire §13 (L151) and Sefton ¶6.2 (L228): signed by both. Leeds §D (L108): the
 * supervisor records. Sefton App 3 (L509): the supervisor's comments go to the practitioner for
 * approval before they are final. DESIGN.md "Signatures": final when both cover the same hash.
 */
export interface Actor {
  readonly id: string;
  readonly name: string;
}

export type RecordParty = 'supervisor' | 'supervisee';

export function recordPartyOf(record: SessionRecord, personId: string | undefined): RecordParty | undefined {
  if (!personId) return undefined;
  if (record.supervisor.id === personId) return 'supervisor';
  if (record.supervisee.id === personId) return 'supervisee';
  return undefined;
}

/** Issue 5 item 6: only the record's two parties may see it for now (Sefton ¶10 L279, ¶5.1 L210). */
export function mayViewRecord(record: SessionRecord, personId: string | undefined): boolean {
  return recordPartyOf(record, personId) !== undefined;
}

export function requireRecordParty(record: SessionRecord, personId: string | undefined, party?: RecordParty): RecordParty {
  const found = recordPartyOf(record, personId);
  if (!found) throw new AppError('forbidden', 'Only the supervisor and the supervisee of this session can see or act on its record.');
  if (party && found !== party) {
    // Leeds §D (L108): the supervisor writes the record. People read the policy's words, never its line (issue 15 item 3).
    throw new AppError('forbidden', party === 'supervisor' ? 'Only the supervisor writes and shares the record.' : 'Only the supervisee signs or disagrees at this step.');
  }
  return found;
}

/**
 * What a signature covers: who, which session, which version, the content, and every
 * disagreement recorded on earlier versions (it "stays part of the record").
 */
export function canonicalRecord(record: SessionRecord, version: number, content: RecordContent, disagreements: readonly RecordDisagreement[]): Record<string, unknown> {
  return {
    // A milestone's record names its kind, so its hash can never stand for a session's record.
    kind: record.kind ? `${record.kind}-record` : 'supervision-record',
    agreementId: record.agreementId,
    sessionId: record.sessionId,
    sessionDate: record.sessionDate,
    policyId: record.policyId,
    templateId: record.templateId,
    supervisor: record.supervisor,
    supervisee: record.supervisee,
    version,
    content,
    disagreements: disagreements.map((d) => ({ version: d.version, hash: d.hash, byId: d.byId, byName: d.byName, at: d.at, text: d.text })),
  };
}

export function disagreementsOf(record: SessionRecord): RecordDisagreement[] {
  return record.versions.flatMap((v) => (v.disagreement ? [v.disagreement] : []));
}

export function latestVersion(record: SessionRecord) {
  return record.versions.at(-1);
}

/** A new record when the meeting has ended and the card first goes to the supervisor. */
export function openRecord(input: Omit<SessionRecord, 'status' | 'versions' | 'history' | 'createdAt' | 'updatedAt' | 'draft' | 'draftSavedAt' | 'notHeld' | 'filed'>, at: string): SessionRecord {
  return { ...input, status: 'draft', versions: [], history: [], createdAt: at, updatedAt: at };
}

function withEvent(record: SessionRecord, status: RecordStatus, at: string, event: Omit<RecordEvent, 'at'>, changes: Partial<SessionRecord> = {}): SessionRecord {
  return { ...record, ...changes, status, updatedAt: at, history: [...record.history, { at, ...event }] };
}

function locked(record: SessionRecord): AppError {
  const why = record.status === 'filed' ? 'it is signed by both and stored in the supervision file, so it is locked'
    : record.status === 'final' ? 'it is signed by both and being stored in the supervision file'
    : 'the session was recorded as not held';
  return new AppError('conflict', `This record cannot be changed: ${why}.`, { status: record.status });
}

export function saveDraft(record: SessionRecord, by: Actor, draft: Record<string, unknown>, at: string): SessionRecord {
  requireRecordParty(record, by.id, 'supervisor');
  if (record.status === 'final' || record.status === 'filed' || record.status === 'not-held') throw locked(record);
  return withEvent(record, record.status, at, { by: by.id, event: 'draft-saved' }, { draft, draftSavedAt: at });
}

/**
 * The supervisor signs and shares a version: the first one, or an amendment after a disagreement
 * (or before the supervisee has signed). `basedOn` is the number of versions the card showed, so a
 * double click or a replayed submit of the same content changes nothing.
 */
export function shareVersion(record: SessionRecord, by: Actor, content: RecordContent, basedOn: number, at: string): SessionRecord {
  requireRecordParty(record, by.id, 'supervisor');
  const latest = latestVersion(record);
  if (basedOn < record.versions.length) {
    const replay = latest && contentHash(latest.content) === contentHash(content) && record.versions.length === basedOn + 1;
    if (replay) return record;
    throw new AppError('precondition_failed', 'The record has changed since this card was shown; open the latest version and try again.');
  }
  if (basedOn > record.versions.length) throw new AppError('precondition_failed', 'This card does not match the record; open the latest version and try again.');
  if (record.status === 'final' || record.status === 'filed' || record.status === 'not-held') throw locked(record);
  const version = record.versions.length + 1;
  const hash = contentHash(canonicalRecord(record, version, content, disagreementsOf(record)));
  const signature = { signerId: by.id, signerName: by.name, signedAt: at, hash };
  const next = { version, content, hash, sharedAt: at, supervisorSignature: signature };
  const { draft: _draft, draftSavedAt: _saved, ...rest } = record;
  return withEvent(rest, 'shared', at, { by: by.id, event: version === 1 ? 'shared' : 'amended', version, hash }, { versions: [...record.versions, next] });
}

function requireCurrent(record: SessionRecord, hashSeen: string) {
  const latest = latestVersion(record);
  if (!latest) throw new AppError('conflict', 'This record has not been shared yet.');
  if (latest.hash !== hashSeen) {
    throw new AppError('precondition_failed', `The record was amended after you opened it (now version ${latest.version}); read the latest version before you sign or disagree.`);
  }
  return latest;
}

/** The supervisee signs the version they saw; both signatures over one hash make the record final. */
export function signAsSupervisee(record: SessionRecord, by: Actor, hashSeen: string, at: string): SessionRecord {
  requireRecordParty(record, by.id, 'supervisee');
  const latest = requireCurrent(record, hashSeen);
  if (latest.superviseeSignature) return record; // a double click or a replay: already signed
  if (record.status !== 'shared' && record.status !== 'disputed') throw locked(record);
  const signed = { ...latest, superviseeSignature: { signerId: by.id, signerName: by.name, signedAt: at, hash: latest.hash } };
  const versions = [...record.versions.slice(0, -1), signed];
  const withSig = withEvent(record, 'final', at, { by: by.id, event: 'signed-by-supervisee', version: latest.version, hash: latest.hash }, { versions });
  return withEvent(withSig, 'final', at, { by: by.id, event: 'final', version: latest.version, hash: latest.hash });
}

/** Central Bedfordshire BIC 532 cl.10 (L250): a disagreement is recorded, and kept with the record. */
export function disagree(record: SessionRecord, by: Actor, hashSeen: string, text: string, at: string): SessionRecord {
  requireRecordParty(record, by.id, 'supervisee');
  const latest = requireCurrent(record, hashSeen);
  if (latest.disagreement) {
    if (latest.disagreement.text === text) return record;
    throw new AppError('conflict', 'You have already recorded a disagreement with this version; your supervisor has been asked to amend it.');
  }
  if (record.status !== 'shared') throw locked(record);
  const disagreement = { version: latest.version, hash: latest.hash, byId: by.id, byName: by.name, at, text };
  const versions = [...record.versions.slice(0, -1), { ...latest, disagreement }];
  return withEvent(record, 'disputed', at, { by: by.id, event: 'disagreed', version: latest.version, hash: latest.hash }, { versions });
}

/** From the record card: the session did not take place (Camden §7 L142: postponements recorded with the reason). */
export function markNotHeld(record: SessionRecord, by: Actor, outcome: 'postponed' | 'cancelled', reason: string, at: string): SessionRecord {
  requireRecordParty(record, by.id, 'supervisor');
  if (record.status === 'not-held' && record.notHeld?.outcome === outcome && record.notHeld.reason === reason) return record;
  if (record.status !== 'draft') throw new AppError('conflict', 'This record has already been shared, so the session cannot be marked as not held.');
  return withEvent(record, 'not-held', at, { by: by.id, event: 'not-held' }, { notHeld: { outcome, reason, at } });
}

/**
 * A session recorded as not held was rebooked (same session, new date) and that meeting has now
 * ended: its record opens again as a draft for the new date. The postponement and its reason stay
 * on the session (Camden §7 (L142)) and in the record's history.
 */
export function reopenForRebookedSession(record: SessionRecord, sessionDate: string, at: string): SessionRecord {
  if (record.status !== 'not-held') throw new AppError('conflict', 'Only a record of a session that did not take place can be reopened for its new date.');
  const { notHeld: _notHeld, cardSentAt: _sent, ...rest } = record;
  return withEvent({ ...rest, sessionDate }, 'draft', at, { by: 'system', event: 'reopened' });
}

/** After upload: locked for good (issue 5 item 4). */
export function markFiled(record: SessionRecord, filed: NonNullable<SessionRecord['filed']>, at: string): SessionRecord {
  if (record.status === 'filed') return record;
  if (record.status !== 'final') throw new AppError('conflict', 'Only a record signed by both can be filed.');
  const latest = latestVersion(record);
  return withEvent(record, 'filed', at, { by: 'system', event: 'filed', version: latest?.version, hash: latest?.hash }, { filed });
}

/** The final version: the latest, with both signatures over its hash. */
export function finalVersion(record: SessionRecord) {
  const latest = latestVersion(record);
  if (!latest?.superviseeSignature) return undefined;
  return latest.superviseeSignature.hash === latest.hash && latest.supervisorSignature.hash === latest.hash ? latest : undefined;
}
