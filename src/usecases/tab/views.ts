/**
 * What the tab's API answers (issue 13): plain data, dates as YYYY-MM-DD and instants as ISO UTC
 * (the tab writes them the British way). Types only, with no imports, so the tab's browser code
 * reads the same definitions the server fills.
 */

export type Party = 'supervisee' | 'supervisor';

export interface MeView {
  readonly person: { readonly id: string; readonly name: string; readonly jobTitle?: string | undefined };
  readonly councilName: string;
  /** Who the person supervises (their agreements as supervisor). */
  readonly supervises: number;
  /** Whether "My team" and "My service" apply: a supervisor; a manager of managers or a senior manager. */
  readonly views: { readonly team: boolean; readonly service: boolean };
}

export interface SessionView {
  readonly agreementId: string;
  readonly sessionId: string;
  readonly role: Party;
  /** The other party's name. */
  readonly withName: string;
  readonly date: string;
  readonly startUtc: string;
  readonly endUtc: string;
  readonly minutes: number;
  readonly joinUrl?: string | undefined;
  /** In person: where. */
  readonly place?: string | undefined;
}

export interface AgendaItemView {
  readonly itemId: string;
  readonly number: number;
  readonly text: string;
  readonly caseRef?: string | undefined;
  readonly addedBy: Party;
  /** Whether this person may remove it (their own item, or any item for the supervisor). */
  readonly removable: boolean;
}

export interface ActionView {
  readonly agreementId: string;
  readonly actionId: string;
  readonly text: string;
  readonly ownerName: string;
  readonly due: string;
  readonly overdue: boolean;
  readonly notes: readonly { readonly at: string; readonly text: string; readonly mine: boolean }[];
}

export interface AgendaView {
  readonly agreementId: string;
  readonly sessionId: string;
  readonly date: string;
  readonly role: Party;
  readonly items: readonly AgendaItemView[];
  /** Open actions from earlier sessions, carried into this agenda. */
  readonly carried: readonly ActionView[];
  /** The case reference the pack uses (LCS, Mosaic, PRN), for the form's hint. */
  readonly caseRefLabel: string;
  readonly caseRefExample: string;
}

export type RecordStatusView = 'draft' | 'shared' | 'disputed' | 'final' | 'filed' | 'not-held';

export interface RecordSummaryView {
  readonly agreementId: string;
  readonly sessionId: string;
  readonly sessionDate: string;
  readonly role: Party;
  readonly withName: string;
  readonly status: RecordStatusView;
  /** The supervisee's turn: sign or record a disagreement. */
  readonly waitingForMe: boolean;
}

export interface YearGlanceView {
  readonly held: number;
  readonly booked: number;
  readonly postponed: number;
  readonly missed: number;
  readonly upcoming: number;
  readonly recordDue: number;
}

export interface AgreementView {
  readonly agreementId: string;
  readonly status: string;
  readonly supervisorName: string;
  readonly superviseeName: string;
  readonly policyTitle: string;
  readonly agreementDate: string;
  readonly reviewDate: string;
  readonly weekday: number;
  readonly time: string;
  readonly minutes: number;
  readonly format: string;
  readonly year: YearGlanceView;
}

export interface MySupervisionView {
  readonly sessions: readonly SessionView[];
  readonly agenda?: AgendaView | undefined;
  readonly actions: readonly ActionView[];
  readonly waiting: readonly RecordSummaryView[];
  readonly filed: readonly RecordSummaryView[];
  readonly agreement?: AgreementView | undefined;
}

export interface RecordView {
  readonly agreementId: string;
  readonly sessionId: string;
  readonly sessionDate: string;
  readonly status: RecordStatusView;
  readonly supervisorName: string;
  readonly superviseeName: string;
  readonly role: Party;
  readonly version?: number | undefined;
  /** The latest version's hash: what a signature covers. */
  readonly hash?: string | undefined;
  readonly canSign: boolean;
  readonly content?: {
    readonly standingItems: readonly { readonly text: string; readonly status: string; readonly notes?: string | undefined }[];
    readonly agendaItems: readonly { readonly text: string; readonly caseRef?: string | undefined }[];
    readonly discussion: string;
    readonly decisions: string;
    readonly actions: readonly { readonly text: string; readonly ownerName: string; readonly due: string }[];
    readonly personalIssuesDiscussed: boolean;
    readonly nextMeetingDate?: string | undefined;
    /** A review or milestone's record (issue 14 item 1): what it was, the day it took place and its outcome. */
    readonly milestone?: { readonly label: string; readonly heldOn: string; readonly outcome: string } | undefined;
  } | undefined;
  readonly disagreements: readonly { readonly version: number; readonly byName: string; readonly at: string; readonly text: string }[];
  readonly supervisorSignedAt?: string | undefined;
  readonly superviseeSignedAt?: string | undefined;
}

export type CellOutcome = 'held' | 'missed' | 'postponed' | 'cancelled' | 'record-due' | 'upcoming' | 'planned';

export interface TeamMemberView {
  readonly personId: string;
  readonly name: string;
  readonly agreementId: string;
  readonly nextSession?: { readonly date: string; readonly startUtc: string } | undefined;
  readonly lastHeld?: string | undefined;
  /** The latest record's status, or undefined when no record yet. */
  readonly recordStatus?: RecordStatusView | undefined;
  readonly overdueObligations: number;
  readonly openEscalations: number;
  /** The year view's row: one cell per session, by date. */
  readonly year: readonly { readonly date: string; readonly outcome: CellOutcome }[];
}

export interface MyTeamView {
  readonly members: readonly TeamMemberView[];
  /** Monday of the first week the year view shows, and how many weeks. */
  readonly weeksFrom: string;
  readonly weeks: number;
}

export interface PersonDrillView {
  readonly personId: string;
  readonly name: string;
  /** Statuses only: dates, outcomes, record statuses; never record content. */
  readonly sessions: readonly { readonly sessionId: string; readonly date: string; readonly outcome: CellOutcome; readonly recordStatus?: RecordStatusView | undefined }[];
}

export interface ServiceCounts {
  readonly people: number;
  readonly sessionsDue: number;
  readonly sessionsHeld: number;
  readonly sessionsLate: number;
  readonly sessionsLapsed: number;
  readonly recordsLate: number;
  readonly escalations: number;
}

export interface MyServiceView {
  readonly from: string;
  readonly to: string;
  readonly teams: readonly (ServiceCounts & { readonly supervisorId: string; readonly supervisorName: string })[];
  readonly total: ServiceCounts;
  /** One point per month: sessions held on time and records on time, as percentages of what was due. */
  readonly trend: readonly { readonly month: string; readonly heldOnTime: number | null; readonly recordsOnTime: number | null }[];
  readonly openEscalations: number;
}

export interface MeetingView {
  readonly agreementId: string;
  readonly sessionId: string;
  readonly date: string;
  readonly startUtc: string;
  readonly role: Party;
  readonly supervisorName: string;
  readonly superviseeName: string;
  readonly agenda: AgendaView;
  readonly canStartRecord: boolean;
}

/** A refusal: the sentence a person reads, and the policy's words when it rests on a rule. */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly why?: { readonly quote: string; readonly label: string } | undefined };
}

/** A review or milestone of the year (issue 14 item 1): the agreement's review, ASYE, PDR, direct observation. */
export interface MilestoneView {
  readonly agreementId: string;
  readonly milestoneId: string;
  /** As people read it: "ASYE review at 3 months". */
  readonly label: string;
  readonly role: Party;
  /** The other party's name. */
  readonly withName: string;
  /** The day booked, and its start (ISO UTC). */
  readonly date: string;
  readonly startUtc: string;
  /** The day the policy asks for it by. */
  readonly due: string;
  readonly status: 'planned' | 'booked' | 'held' | 'cancelled';
  readonly joinUrl?: string | undefined;
  readonly place?: string | undefined;
  /** Its record's status, once it has one. */
  readonly recordStatus?: RecordStatusView | undefined;
  /** The supervisee's turn: sign or record a disagreement (the record dialog). */
  readonly waitingForMe: boolean;
  /** The supervisor's turn: record that it took place (or amend after a disagreement). */
  readonly canRecord: boolean;
}

/** The form to record a review or milestone: what the chat's milestone record card shows. */
export interface MilestoneFormView {
  readonly agreementId: string;
  readonly milestoneId: string;
  readonly label: string;
  readonly supervisorName: string;
  readonly superviseeName: string;
  readonly date: string;
  readonly due?: string | undefined;
  /** The policy's words for the rule it keeps. */
  readonly why?: { readonly quote: string; readonly label: string } | undefined;
  /** Versions shared so far: 0 the first time, more when amending. */
  readonly basedOn: number;
  readonly heldOn: string;
  readonly outcome: string;
  readonly outcomeHint: string;
  /** The earliest day it may have taken place (the agreement's start) and today. */
  readonly from: string;
  readonly today: string;
}

export type MilestoneRecordAnswer =
  | { readonly kind: 'invalid'; readonly errors: { readonly heldOn?: string | undefined; readonly outcome?: string | undefined }; readonly form: MilestoneFormView }
  | { readonly kind: 'shared'; readonly record: RecordView; readonly changed: boolean; readonly superviseeTold: boolean };

/** A session whose record the supervisor still has to write (or amend after a disagreement). */
export interface RecordToWriteView {
  readonly agreementId: string;
  readonly sessionId: string;
  readonly date: string;
  readonly withName: string;
}

/**
 * The tab's supervision record form (the chat's record card as a form): field ids are the card's
 * (si<i>_status, c<i>_category, a<i>_text…), so the same use case reads them.
 */
export interface RecordFormView {
  readonly agreementId: string;
  readonly sessionId: string;
  readonly sessionDate: string;
  readonly supervisorName: string;
  readonly superviseeName: string;
  readonly templateName: string;
  readonly basedOn: number;
  readonly actionIds: readonly string[];
  readonly standingItems: readonly { readonly statusId: string; readonly notesId: string; readonly label: string; readonly statusOnly: boolean }[];
  /** The agenda's items; a case item has its category, discussed and closed fields (issue 14 item 2). */
  readonly agendaItems: readonly { readonly line: string; readonly caseRef?: string | undefined; readonly categoryId?: string | undefined; readonly discussedId?: string | undefined; readonly closedId?: string | undefined }[];
  /** The case categories as the pack names them. */
  readonly caseCategories: readonly { readonly id: string; readonly label: string }[];
  readonly actions: readonly { readonly textId: string; readonly ownerId: string; readonly dueId: string }[];
  /** What the fields hold now: the draft, the latest version (amending), or the defaults. */
  readonly values: Readonly<Record<string, string>>;
}

export type RecordShareAnswer =
  | { readonly kind: 'invalid'; readonly errors: Readonly<Record<string, string>>; readonly form: RecordFormView }
  | { readonly kind: 'shared'; readonly record: RecordView; readonly changed: boolean; readonly superviseeTold: boolean };
