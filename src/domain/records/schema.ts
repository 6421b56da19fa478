import { z } from 'zod';
import { MILESTONE_KINDS } from '../milestones/types.js';

/**
 * The session record (issue 5; rules.md §5 record forms, DESIGN.md "Signatures"). zod-first: the
 * types below are what is stored, shown on cards and hashed, so one definition serves all three.
 */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const personId = z.string().min(1).max(100);

/** Central Bedfordshire §12 (L126): every standing item is addressed, or recorded as not applicable. */
export const ZStandingItemEntry = z.strictObject({
  /** The item as the pack's agenda numbers and words it. */
  number: z.number().int().positive().optional(),
  text: z.string().min(1).max(300),
  /** The pack's agenda the item comes from, where a role has more than one (their numbers restart). */
  section: z.string().max(200).optional(),
  status: z.enum(['addressed', 'not-applicable']),
  notes: z.string().max(4000).optional(),
});
export type StandingItemEntry = z.infer<typeof ZStandingItemEntry>;

/** Sefton App 3 (L662) "SMART with clear timescales": every action has an owner and a due date. */
export const ZRecordAction = z.strictObject({
  /** Stable across versions so an amended record keeps tracking the same action. */
  actionId: z.string().min(1).max(100),
  text: z.string().min(1).max(1000),
  ownerId: personId,
  ownerName: z.string().min(1).max(200),
  due: localDate,
});
export type RecordAction = z.infer<typeof ZRecordAction>;

/** What the supervisor writes on the record card; the part both parties sign. */
export const ZRecordContent = z.strictObject({
  standingItems: z.array(ZStandingItemEntry).max(60),
  /** Agenda items raised for this session (supervisee or supervisor), as they were discussed. */
  agendaItems: z.array(z.strictObject({
    text: z.string().min(1).max(1000),
    caseRef: z.string().max(40).optional(),
    /**
     * A case item's category as the pack names it (Camden §6 (L122-L128): child protection, child
     * in need, child looked after, care leaver) and whether it was discussed (issue 14 item 2):
     * each discussed case is a case discussion the case cadence is judged by (case-discussions.ts).
     */
    category: z.string().min(1).max(60).optional(),
    discussed: z.boolean().optional(),
    /** The case was closed or transferred: no further discussion of it falls due. */
    closed: z.boolean().optional(),
  })).max(60).default([]),
  discussion: z.string().min(1).max(20000),
  decisions: z.string().max(20000).default(''),
  actions: z.array(ZRecordAction).max(40),
  /** Central Bedfordshire §13 (L146): that personal issues were discussed is recorded, never the details. */
  personalIssuesDiscussed: z.boolean(),
  /** A disagreement the supervisor notes during the session (Central Bedfordshire BIC 532 cl.10). */
  disagreementNoted: z.string().max(4000).optional(),
  nextMeetingDate: localDate.optional(),
  /**
   * A review or milestone's record (issue 14 item 1): which one, the day it took place and its
   * outcome. The obligations count it as done on `heldOn` (history-of.ts).
   */
  milestone: z.strictObject({
    kind: z.enum(MILESTONE_KINDS),
    label: z.string().min(1).max(200),
    heldOn: localDate,
    outcome: z.string().min(1).max(4000),
  }).optional(),
});
export type RecordContent = z.infer<typeof ZRecordContent>;

export const ZRecordSignature = z.strictObject({
  signerId: personId,
  signerName: z.string().min(1).max(200),
  signedAt: instant,
  hash,
});
export type RecordSignature = z.infer<typeof ZRecordSignature>;

/** The supervisee's disagreement with a version; it stays part of every later version (DESIGN.md "Decisions"). */
export const ZRecordDisagreement = z.strictObject({
  version: z.number().int().positive(),
  hash,
  byId: personId,
  byName: z.string().min(1).max(200),
  at: instant,
  text: z.string().min(1).max(4000),
});
export type RecordDisagreement = z.infer<typeof ZRecordDisagreement>;

export const ZRecordVersion = z.strictObject({
  version: z.number().int().positive(),
  content: ZRecordContent,
  /** SHA-256 of canonicalRecord(record, version): what both signatures must cover. */
  hash,
  sharedAt: instant,
  supervisorSignature: ZRecordSignature,
  superviseeSignature: ZRecordSignature.optional(),
  disagreement: ZRecordDisagreement.optional(),
});
export type RecordVersion = z.infer<typeof ZRecordVersion>;

export const ZRecordStatus = z.enum([
  /** The supervisor is writing it (draft saved, nothing shared). */
  'draft',
  /** A version is with the supervisee to sign or disagree. */
  'shared',
  /** The supervisee disagreed with the latest version; the supervisor amends or re-shares. */
  'disputed',
  /** Both signatures cover the latest version's hash. */
  'final',
  /** The final version is in SharePoint; the record is locked. */
  'filed',
  /** The session did not take place (postponed or cancelled, with the reason). */
  'not-held',
]);
export type RecordStatus = z.infer<typeof ZRecordStatus>;

export const ZRecordEvent = z.strictObject({
  at: instant,
  by: personId,
  event: z.enum(['draft-saved', 'shared', 'signed-by-supervisee', 'disagreed', 'amended', 'final', 'filed', 'not-held', 'reopened']),
  version: z.number().int().positive().optional(),
  hash: hash.optional(),
});
export type RecordEvent = z.infer<typeof ZRecordEvent>;

export const ZFiledCopy = z.strictObject({
  pdfPath: z.string().min(1),
  jsonPath: z.string().min(1),
  driveItemIds: z.strictObject({ pdf: z.string().min(1), json: z.string().min(1) }),
  filedAt: instant,
  retentionLabel: z.string().optional(),
});
export type FiledCopy = z.infer<typeof ZFiledCopy>;

/** One session's record. Key: partition = agreementId, id = sessionId (one record per session). */
export const ZSessionRecord = z.strictObject({
  agreementId: z.string().min(1),
  sessionId: z.string().min(1),
  sessionDate: localDate,
  policyId: z.string().min(1),
  /**
   * A review or milestone's record (issue 14 item 1) rather than a supervision session's: its
   * kind, and `sessionId` is the milestone's id. Absent: a supervision session's record.
   */
  kind: z.enum(MILESTONE_KINDS).optional(),
  /** The pack's record template the card follows (e.g. Central Bedfordshire "bic-531"). */
  templateId: z.string().min(1),
  supervisor: z.strictObject({ id: personId, name: z.string().min(1).max(200) }),
  supervisee: z.strictObject({ id: personId, name: z.string().min(1).max(200) }),
  status: ZRecordStatus,
  /** The card's fields as last saved; loose on purpose, a draft need not be complete. */
  draft: z.record(z.string(), z.unknown()).optional(),
  draftSavedAt: instant.optional(),
  versions: z.array(ZRecordVersion).max(50),
  notHeld: z.strictObject({ outcome: z.enum(['postponed', 'cancelled']), reason: z.string().min(1).max(1000), at: instant }).optional(),
  filed: ZFiledCopy.optional(),
  /**
   * When both parties were told the record is filed (filing step 5). Absent on a filed record: the
   * telling failed or was cut short, and the filing job, retried, tells them then.
   */
  filedNoticeAt: instant.optional(),
  /** When a filing run began telling them; another run (a replayed job) waits while this is recent. */
  filedNoticeClaimedAt: instant.optional(),
  /** When the record card went to the supervisor after the meeting ended (sent once, issue 5 item 2). */
  cardSentAt: instant.optional(),
  /** When the final record was handed to filing (onFinal succeeded), so a retry hands it over once. */
  filingRequestedAt: instant.optional(),
  history: z.array(ZRecordEvent).max(500),
  createdAt: instant,
  updatedAt: instant,
});
export type SessionRecord = z.infer<typeof ZSessionRecord>;

/** An agreed action tracked after the record is final (issue 5 item 5). Key: partition = agreementId, id = actionId. */
export const ZTrackedAction = z.strictObject({
  actionId: z.string().min(1),
  agreementId: z.string().min(1),
  fromSessionId: z.string().min(1),
  text: z.string().min(1).max(1000),
  ownerId: personId,
  ownerName: z.string().min(1).max(200),
  due: localDate,
  status: z.enum(['open', 'done', 'dropped']),
  updatedAt: instant,
  /** Updates the supervisee or supervisor gave while preparing a later session. */
  notes: z.array(z.strictObject({ at: instant, by: personId, text: z.string().min(1).max(1000) })).max(50).default([]),
});
export type TrackedAction = z.infer<typeof ZTrackedAction>;
