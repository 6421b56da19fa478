import { createHash } from 'node:crypto';
import { wallToUtc } from './time.js';

/**
 * The demo organisation: a fictional council's children's services department. Everything is
 * derived from fixed tables and the caller's `now`, so two calls with the same `now` give the same
 * people, ids and calendars (tests and demos depend on that).
 */

export type DemoRole =
  | 'director'
  | 'head-of-service'
  | 'principal-social-worker'
  | 'service-manager'
  | 'team-manager'
  | 'senior-practitioner'
  | 'social-worker'
  | 'newly-qualified-social-worker'
  | 'personal-adviser'
  | 'family-support-worker'
  | 'business-support-manager'
  | 'business-support-officer'
  | 'independent-reviewing-officer';

export interface DemoPerson {
  /** Short handle used by `npm start` and tests, e.g. 'sw1', 'tm1', 'nqsw1', 'sm1', 'dir'. */
  readonly alias: string;
  readonly id: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly mail: string;
  readonly userPrincipalName: string;
  readonly jobTitle: string;
  readonly department: string;
  readonly officeLocation: string;
  /** ISO instant, as Graph returns employeeHireDate. */
  readonly employeeHireDate: string;
  readonly role: DemoRole;
  /** Alias of the line manager; absent only for the director. */
  readonly managerAlias?: string;
  /** Newly qualified social workers in their Assessed and Supported Year in Employment. */
  readonly asye: boolean;
  /** Team name for people in a team. */
  readonly team?: string;
}

export interface DemoEvent {
  /** Alias of the organizer (the mailbox the event is created in). */
  readonly organizer: string;
  readonly subject: string;
  /** UTC instants. */
  readonly start: string;
  readonly end: string;
  readonly isAllDay: boolean;
  readonly showAs: 'busy' | 'tentative' | 'oof' | 'free';
  readonly location?: string;
  readonly attendees: readonly string[];
  readonly categories: readonly string[];
  readonly isOnlineMeeting: boolean;
}

export interface DemoSite {
  readonly hostname: string;
  /** Graph's composite site id: hostname,siteCollectionId,webId. */
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly serverRelativePath: string;
  /** The document library every SharePoint site has, 'Documents': GET /sites/{id}/drive (drive-get.md). */
  readonly defaultLibrary: DemoLibrary;
  /**
   * The supervision library (SHAREPOINT_LIBRARY, 'Supervision Files'), as `supervision setup
   * sharepoint` makes it: the demo council has run setup, so `npm start` files records with no
   * manual step; tests take it away to watch setup make it (src/sandbox/library-model.ts).
   */
  readonly supervisionLibrary: DemoLibrary;
  /** Retention labels the tenant has published; 'retainAsRecord' labels lock the item as a record. */
  readonly retentionLabels: readonly { readonly name: string; readonly behaviorDuringRetentionPeriod: 'retain' | 'retainAsRecord' }[];
}

/** A document library: a list (template documentLibrary, list-list.md) and its drive (drive-get.md). */
export interface DemoLibrary {
  readonly listId: string;
  readonly driveId: string;
  /** As people see it: the list's displayName and the drive's name. */
  readonly name: string;
  /** The drive's root folder item. */
  readonly rootItemId: string;
}

/** A library's drive id as SharePoint writes them: "b!" and 62 base64url characters. */
export function libraryDriveId(siteCollection: string, listId: string): string {
  return `b!${Buffer.from(`${siteCollection}${listId}`).toString('base64url').slice(0, 62)}`;
}

export interface DemoTeamsApp {
  readonly id: string;
  readonly externalId: string;
  readonly displayName: string;
}

export interface DemoOrg {
  readonly now: string;
  readonly tenantId: string;
  readonly organisation: string;
  readonly department: string;
  readonly domain: string;
  readonly people: readonly DemoPerson[];
  readonly events: readonly DemoEvent[];
  readonly site: DemoSite;
  readonly teamsApps: readonly DemoTeamsApp[];
}

export const demoDomain = 'northshire.example';
const department = "Children's Services";
const zone = 'Europe/London';

/** A GUID derived from a label, so ids survive restarts and differ between labels. */
/** appPackage/manifest.json "id" (test/adapters/graph/teams-app-installer.test.ts checks they agree). */
export const TEAMS_APP_MANIFEST_ID = '6f1c2e58-3b7a-4c7e-9d8a-5e2f7b1c9a40';

export function stableGuid(label: string): string {
  const h = createHash('sha256').update(`northshire-sandbox:${label}`).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Row {
  alias: string;
  given: string;
  surname: string;
  role: DemoRole;
  title: string;
  manager?: string;
  team?: string;
  office: string;
  /** Years before `now` they joined; NQSWs joined months ago. */
  hiredMonthsAgo: number;
}

const county = 'County Hall, Northshire';
const east = 'Eastbridge Hub';
const west = 'Westmoor Family Centre';

// Names are invented for the fictional council and paired so none is a known person.
const rows: readonly Row[] = [
  { alias: 'dir', given: 'Harriet', surname: 'Quillfeather', role: 'director', title: "Director of Children's Services", office: county, hiredMonthsAgo: 74 },
  { alias: 'hos1', given: 'Marcus', surname: 'Fenwright', role: 'head-of-service', title: 'Head of Service, Children in Need and Child Protection', manager: 'dir', office: county, hiredMonthsAgo: 61 },
  { alias: 'hos2', given: 'Priya', surname: 'Ashcombe', role: 'head-of-service', title: 'Head of Service, Children in Care and Care Leavers', manager: 'dir', office: county, hiredMonthsAgo: 55 },
  { alias: 'psw', given: 'Gideon', surname: 'Larchmont', role: 'principal-social-worker', title: 'Principal Social Worker', manager: 'dir', office: county, hiredMonthsAgo: 48 },
  { alias: 'sm1', given: 'Rosalind', surname: 'Brackenbury', role: 'service-manager', title: 'Service Manager, Assessment and Intervention', manager: 'hos1', office: east, hiredMonthsAgo: 52 },
  { alias: 'sm2', given: 'Tobias', surname: 'Wrenfield', role: 'service-manager', title: 'Service Manager, Children in Care', manager: 'hos2', office: west, hiredMonthsAgo: 44 },
  { alias: 'sm3', given: 'Imogen', surname: 'Thistlewood', role: 'service-manager', title: 'Service Manager, Leaving Care', manager: 'hos2', office: west, hiredMonthsAgo: 39 },
  { alias: 'iro1', given: 'Desmond', surname: 'Hollowell', role: 'independent-reviewing-officer', title: 'Independent Reviewing Officer', manager: 'psw', office: county, hiredMonthsAgo: 90 },
  { alias: 'tm1', given: 'Olivia', surname: 'Marchbank', role: 'team-manager', title: 'Team Manager, Assessment Team', manager: 'sm1', team: 'Assessment Team', office: east, hiredMonthsAgo: 40 },
  { alias: 'tm2', given: 'Samuel', surname: 'Drayhorne', role: 'team-manager', title: 'Team Manager, Child Protection Team', manager: 'sm1', team: 'Child Protection Team', office: east, hiredMonthsAgo: 36 },
  { alias: 'tm3', given: 'Niamh', surname: 'Calloway-Reed', role: 'team-manager', title: 'Team Manager, Children in Care Team', manager: 'sm2', team: 'Children in Care Team', office: west, hiredMonthsAgo: 33 },
  { alias: 'tm4', given: 'Ellis', surname: 'Penhallow', role: 'team-manager', title: 'Team Manager, Leaving Care Team', manager: 'sm3', team: 'Leaving Care Team', office: west, hiredMonthsAgo: 29 },
  { alias: 'sp1', given: 'Farah', surname: 'Oakenshaw', role: 'senior-practitioner', title: 'Senior Practitioner', manager: 'tm1', team: 'Assessment Team', office: east, hiredMonthsAgo: 70 },
  { alias: 'sp2', given: 'Callum', surname: 'Birchall', role: 'senior-practitioner', title: 'Senior Practitioner', manager: 'tm2', team: 'Child Protection Team', office: east, hiredMonthsAgo: 64 },
  { alias: 'sp3', given: 'Yasmin', surname: 'Kettleby', role: 'senior-practitioner', title: 'Senior Practitioner', manager: 'tm3', team: 'Children in Care Team', office: west, hiredMonthsAgo: 58 },
  { alias: 'sp4', given: 'Rhys', surname: 'Underhill', role: 'senior-practitioner', title: 'Senior Practitioner', manager: 'tm4', team: 'Leaving Care Team', office: west, hiredMonthsAgo: 50 },
  { alias: 'sw1', given: 'Amara', surname: 'Fellgate', role: 'social-worker', title: 'Social Worker', manager: 'tm1', team: 'Assessment Team', office: east, hiredMonthsAgo: 30 },
  { alias: 'sw2', given: 'Jonah', surname: 'Pemberwick', role: 'social-worker', title: 'Social Worker', manager: 'tm1', team: 'Assessment Team', office: east, hiredMonthsAgo: 26 },
  { alias: 'sw3', given: 'Lucia', surname: 'Harrowgate', role: 'social-worker', title: 'Social Worker', manager: 'tm1', team: 'Assessment Team', office: east, hiredMonthsAgo: 41 },
  { alias: 'sw4', given: 'Tariq', surname: 'Moorcroft', role: 'social-worker', title: 'Social Worker', manager: 'tm2', team: 'Child Protection Team', office: east, hiredMonthsAgo: 22 },
  { alias: 'sw5', given: 'Bethan', surname: 'Ravensworth', role: 'social-worker', title: 'Social Worker', manager: 'tm2', team: 'Child Protection Team', office: east, hiredMonthsAgo: 35 },
  { alias: 'sw6', given: 'Kofi', surname: 'Ellerby', role: 'social-worker', title: 'Social Worker', manager: 'tm2', team: 'Child Protection Team', office: east, hiredMonthsAgo: 19 },
  { alias: 'sw7', given: 'Saoirse', surname: 'Wendlebury', role: 'social-worker', title: 'Social Worker', manager: 'tm3', team: 'Children in Care Team', office: west, hiredMonthsAgo: 47 },
  { alias: 'sw8', given: 'Dominic', surname: 'Scarrowby', role: 'social-worker', title: 'Social Worker', manager: 'tm3', team: 'Children in Care Team', office: west, hiredMonthsAgo: 28 },
  { alias: 'sw9', given: 'Anika', surname: 'Lowthorpe', role: 'social-worker', title: 'Social Worker', manager: 'tm3', team: 'Children in Care Team', office: west, hiredMonthsAgo: 24 },
  { alias: 'sw10', given: 'Fergus', surname: 'Haddleston', role: 'social-worker', title: 'Social Worker', manager: 'tm4', team: 'Leaving Care Team', office: west, hiredMonthsAgo: 32 },
  { alias: 'nqsw1', given: 'Maisie', surname: 'Thornaby', role: 'newly-qualified-social-worker', title: 'Newly Qualified Social Worker (ASYE)', manager: 'tm1', team: 'Assessment Team', office: east, hiredMonthsAgo: 2 },
  { alias: 'nqsw2', given: 'Ravi', surname: 'Collingdale', role: 'newly-qualified-social-worker', title: 'Newly Qualified Social Worker (ASYE)', manager: 'tm2', team: 'Child Protection Team', office: east, hiredMonthsAgo: 5 },
  { alias: 'nqsw3', given: 'Chloe', surname: 'Fairweather-Nunn', role: 'newly-qualified-social-worker', title: 'Newly Qualified Social Worker (ASYE)', manager: 'tm3', team: 'Children in Care Team', office: west, hiredMonthsAgo: 8 },
  { alias: 'nqsw4', given: 'Obinna', surname: 'Silverdale', role: 'newly-qualified-social-worker', title: 'Newly Qualified Social Worker (ASYE)', manager: 'tm1', team: 'Assessment Team', office: east, hiredMonthsAgo: 11 },
  { alias: 'pa1', given: 'Grace', surname: 'Bellingham-Vale', role: 'personal-adviser', title: 'Personal Adviser', manager: 'tm4', team: 'Leaving Care Team', office: west, hiredMonthsAgo: 37 },
  { alias: 'pa2', given: 'Nathaniel', surname: 'Cobbledick', role: 'personal-adviser', title: 'Personal Adviser', manager: 'tm4', team: 'Leaving Care Team', office: west, hiredMonthsAgo: 21 },
  { alias: 'pa3', given: 'Zara', surname: 'Hepplewhite', role: 'personal-adviser', title: 'Personal Adviser', manager: 'tm4', team: 'Leaving Care Team', office: west, hiredMonthsAgo: 15 },
  { alias: 'fsw1', given: 'Patrick', surname: 'Amblethorpe', role: 'family-support-worker', title: 'Family Support Worker', manager: 'tm1', team: 'Assessment Team', office: east, hiredMonthsAgo: 45 },
  { alias: 'fsw2', given: 'Leah', surname: 'Crowsfoot', role: 'family-support-worker', title: 'Family Support Worker', manager: 'tm2', team: 'Child Protection Team', office: east, hiredMonthsAgo: 27 },
  { alias: 'fsw3', given: 'Mohammed', surname: 'Eskdale', role: 'family-support-worker', title: 'Family Support Worker', manager: 'tm3', team: 'Children in Care Team', office: west, hiredMonthsAgo: 18 },
  { alias: 'bsm1', given: 'Gwendolyn', surname: 'Tapscott', role: 'business-support-manager', title: 'Business Support Manager', manager: 'sm1', office: county, hiredMonthsAgo: 82 },
  { alias: 'bs1', given: 'Aaron', surname: 'Mirkwell', role: 'business-support-officer', title: 'Business Support Officer', manager: 'bsm1', office: east, hiredMonthsAgo: 23 },
  { alias: 'bs2', given: 'Isla', surname: 'Dunsforth', role: 'business-support-officer', title: 'Business Support Officer', manager: 'bsm1', office: west, hiredMonthsAgo: 12 },
  { alias: 'bs3', given: 'Wilfred', surname: 'Penrose-Kaye', role: 'business-support-officer', title: 'Business Support Officer', manager: 'bsm1', office: county, hiredMonthsAgo: 6 },
];

function mailName(given: string, surname: string): string {
  return `${given}.${surname}`.toLowerCase().replace(/[^a-z.]/g, '');
}

function monthsBefore(nowMs: number, months: number): string {
  const d = new Date(nowMs);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1, 0, 0, 0));
  return target.toISOString().replace('.000Z', 'Z');
}

function person(row: Row, nowMs: number, domain: string): DemoPerson {
  const local = mailName(row.given, row.surname);
  const base = {
    alias: row.alias,
    id: stableGuid(`user:${row.alias}`),
    displayName: `${row.given} ${row.surname}`,
    givenName: row.given,
    surname: row.surname,
    mail: `${local}@${domain}`,
    userPrincipalName: `${local}@${domain}`,
    jobTitle: row.title,
    department,
    officeLocation: row.office,
    employeeHireDate: monthsBefore(nowMs, row.hiredMonthsAgo),
    role: row.role,
    asye: row.role === 'newly-qualified-social-worker',
  };
  return {
    ...base,
    ...(row.manager ? { managerAlias: row.manager } : {}),
    ...(row.team ? { team: row.team } : {}),
  };
}

/** A small deterministic PRNG (mulberry32) so generated calendars do not depend on Math.random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

function londonDate(ms: number): { y: number; m: number; d: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(new Date(ms));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')), weekday };
}

function isoDay(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function at(day: string, hhmm: string): string {
  return new Date(wallToUtc(`${day}T${hhmm}:00`, zone)).toISOString();
}

/** Calendars for the weeks around `now`: two weeks back, six weeks ahead, London working hours. */
function buildEvents(people: readonly DemoPerson[], nowMs: number): DemoEvent[] {
  const today = londonDate(nowMs);
  const monday = addDays(isoDay(today.y, today.m, today.d), -(today.weekday - 1));
  const events: DemoEvent[] = [];
  const byRole = (r: DemoRole): DemoPerson[] => people.filter((p) => p.role === r);
  const weeks = Array.from({ length: 8 }, (_, i) => i - 2);

  // Team meetings: each team manager with their team, same weekday and time every week.
  const managers = byRole('team-manager');
  managers.forEach((tm, i) => {
    const members = people.filter((p) => p.managerAlias === tm.alias).map((p) => p.alias);
    for (const w of weeks) {
      const day = addDays(monday, w * 7 + (i % 4) + 1);
      events.push({
        organizer: tm.alias,
        subject: `${tm.team ?? 'Team'} meeting`,
        start: at(day, '10:00'),
        end: at(day, '11:30'),
        isAllDay: false,
        showAs: 'busy',
        location: tm.officeLocation,
        attendees: members,
        categories: ['Team meeting'],
        isOnlineMeeting: true,
      });
    }
  });

  // Senior leadership team: the director with heads of service and the principal social worker.
  const slt = people.filter((p) => p.managerAlias === 'dir').map((p) => p.alias);
  for (const w of weeks) {
    const day = addDays(monday, w * 7);
    events.push({ organizer: 'dir', subject: 'Senior leadership team', start: at(day, '09:00'), end: at(day, '10:30'), isAllDay: false, showAs: 'busy', location: county, attendees: slt, categories: ['Leadership'], isOnlineMeeting: false });
  }

  // Service managers' fortnightly performance clinic with their team managers.
  for (const sm of byRole('service-manager')) {
    const tms = people.filter((p) => p.managerAlias === sm.alias && p.role === 'team-manager').map((p) => p.alias);
    for (const w of weeks.filter((x) => x % 2 === 0)) {
      const day = addDays(monday, w * 7 + 3);
      events.push({ organizer: sm.alias, subject: 'Performance clinic', start: at(day, '14:00'), end: at(day, '15:30'), isAllDay: false, showAs: 'busy', location: sm.officeLocation, attendees: tms, categories: ['Performance'], isOnlineMeeting: true });
    }
  }

  // Practitioners: court hearings, duty days and visits; a few people on leave.
  const practitioners = people.filter((p) => ['social-worker', 'newly-qualified-social-worker', 'senior-practitioner', 'personal-adviser', 'family-support-worker'].includes(p.role));
  for (const p of practitioners) {
    const rnd = seededRandom(seedOf(`events:${p.alias}`));
    for (const w of weeks) {
      const dutyDay = addDays(monday, w * 7 + Math.floor(rnd() * 5));
      if (p.role !== 'personal-adviser' && rnd() < 0.5) {
        events.push({ organizer: p.alias, subject: 'Duty', start: at(dutyDay, '09:00'), end: at(dutyDay, '13:00'), isAllDay: false, showAs: 'tentative', location: p.officeLocation, attendees: [], categories: ['Duty'], isOnlineMeeting: false });
      }
      const visitDay = addDays(monday, w * 7 + Math.floor(rnd() * 5));
      const visitHour = 13 + Math.floor(rnd() * 3);
      events.push({ organizer: p.alias, subject: 'Home visit', start: at(visitDay, `${visitHour}:00`), end: at(visitDay, `${visitHour + 1}:30`), isAllDay: false, showAs: 'busy', location: 'Out of office (visit)', attendees: [], categories: ['Visits'], isOnlineMeeting: false });
      if ((p.role === 'social-worker' || p.role === 'senior-practitioner') && rnd() < 0.3) {
        const courtDay = addDays(monday, w * 7 + Math.floor(rnd() * 5));
        events.push({ organizer: p.alias, subject: 'Court hearing (Family Court)', start: at(courtDay, '10:00'), end: at(courtDay, '16:00'), isAllDay: false, showAs: 'busy', location: 'Northshire Family Court', attendees: [], categories: ['Court'], isOnlineMeeting: false });
      }
    }
  }

  // Annual leave for roughly one person in five, a working week somewhere in the window.
  for (const p of people) {
    const rnd = seededRandom(seedOf(`leave:${p.alias}`));
    if (rnd() >= 0.2) continue;
    const w = Math.floor(rnd() * 6) - 1;
    const first = addDays(monday, w * 7);
    events.push({ organizer: p.alias, subject: 'Annual leave', start: at(first, '00:00'), end: at(addDays(first, 5), '00:00'), isAllDay: true, showAs: 'oof', attendees: [], categories: ['Leave'], isOnlineMeeting: false });
  }
  return events;
}

/** The demo organisation as of `now` (ISO instant). */
export function demoOrg(now: string = new Date().toISOString()): DemoOrg {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new Error(`demoOrg: 'now' must be an ISO date-time, got '${now}'`);
  const people = rows.map((r) => person(r, nowMs, demoDomain));
  const siteCollection = stableGuid('site-collection');
  const web = stableGuid('web');
  return {
    now: new Date(nowMs).toISOString(),
    tenantId: stableGuid('tenant'),
    organisation: 'Northshire County Council',
    department,
    domain: demoDomain,
    people,
    events: buildEvents(people, nowMs),
    site: {
      hostname: 'northshire.sharepoint.example',
      id: `northshire.sharepoint.example,${siteCollection},${web}`,
      name: 'supervision',
      displayName: 'Supervision Records',
      serverRelativePath: '/sites/supervision',
      defaultLibrary: { listId: stableGuid('list:Documents'), driveId: libraryDriveId(siteCollection, stableGuid('list:Documents')), name: 'Documents', rootItemId: '01NORTHSHIREDOCUMENTSROOT000000000' },
      // The ids the supervision library had when it was the site's only one, so saved sandboxes keep their files.
      supervisionLibrary: { listId: stableGuid('list'), driveId: libraryDriveId(siteCollection, web), name: 'Supervision Files', rootItemId: '01NORTHSHIRESUPERVISIONROOT000000' },
      retentionLabels: [
        { name: 'Supervision record', behaviorDuringRetentionPeriod: 'retainAsRecord' },
        { name: 'Supervision agreement', behaviorDuringRetentionPeriod: 'retain' },
      ],
    },
    // externalId = appPackage/manifest.json "id", as the tenant catalogue has it once the app is published.
    teamsApps: [{ id: stableGuid('teams-app'), externalId: TEAMS_APP_MANIFEST_ID, displayName: 'Supervision Assistant' }],
  };
}

/** Looks a person up by alias ('sw1', 'tm1', 'nqsw1', 'sm1', 'dir', …), id, mail or UPN. */
export function findPerson(org: DemoOrg, key: string): DemoPerson | undefined {
  const k = key.trim().toLowerCase();
  return org.people.find((p) => p.alias === k || p.id === k || p.mail.toLowerCase() === k || p.userPrincipalName.toLowerCase() === k);
}

/** A line such as `npm start` prints: "you are Amara Fellgate, Social Worker (sw1)". */
export function describePerson(p: DemoPerson): string {
  return `${p.displayName}, ${p.jobTitle} (${p.alias})`;
}

export function demoAliases(org: DemoOrg): string[] {
  return org.people.map((p) => p.alias);
}

export interface ScaleOptions {
  /** Extra team managers, each with their own team, on top of the demo department. */
  readonly supervisors: number;
  readonly superviseesPerSupervisor: number;
  /** Weekly team meetings for the extra teams, so free/busy is not empty (default true). */
  readonly withCalendars?: boolean;
}

const extraGiven = ['Ada', 'Bram', 'Cleo', 'Dara', 'Esme', 'Finn', 'Gala', 'Hugo', 'Iris', 'Jago', 'Kit', 'Lark', 'Milo', 'Nell', 'Orla', 'Pip', 'Quin', 'Rowan', 'Sage', 'Teo'];
const extraSurname = ['Amberley', 'Brightwater', 'Coldharbour', 'Dunmere', 'Eastholme', 'Foxmoor', 'Greyhallow', 'Hartwell', 'Ivybridge', 'Juniperdale', 'Kingsmere', 'Larkrise', 'Millbeck', 'Northcote', 'Oakhurst', 'Pennywell', 'Quarrybank', 'Rushmere', 'Stonyhurst', 'Thornbury'];

/**
 * The demo department plus generated teams, for load tests (e.g. 200 supervisors x 8 supervisees).
 * Generated aliases are `xsm{n}` (service managers, one per ten teams), `xtm{n}` (supervisors) and
 * `xsw{n}-{k}` (their supervisees).
 */
export function scaledOrg(now: string, opts: ScaleOptions): DemoOrg {
  const base = demoOrg(now);
  const nowMs = Date.parse(base.now);
  const extra: Row[] = [];
  const serviceManagers = Math.ceil(opts.supervisors / 10);
  let n = 0;
  const next = (): { given: string; surname: string } => {
    const i = n++;
    return { given: extraGiven[i % extraGiven.length] as string, surname: `${extraSurname[Math.floor(i / extraGiven.length) % extraSurname.length]}${i >= 400 ? `-${Math.floor(i / 400)}` : ''}` };
  };
  for (let s = 1; s <= serviceManagers; s++) {
    extra.push({ alias: `xsm${s}`, ...next(), role: 'service-manager', title: `Service Manager, Locality ${s}`, manager: s % 2 ? 'hos1' : 'hos2', office: east, hiredMonthsAgo: 60 });
  }
  for (let t = 1; t <= opts.supervisors; t++) {
    const team = `Locality Team ${t}`;
    extra.push({ alias: `xtm${t}`, ...next(), role: 'team-manager', title: `Team Manager, ${team}`, manager: `xsm${Math.ceil(t / 10)}`, team, office: t % 2 ? east : west, hiredMonthsAgo: 30 + (t % 40) });
    for (let k = 1; k <= opts.superviseesPerSupervisor; k++) {
      const nq = k === opts.superviseesPerSupervisor && t % 3 === 0;
      extra.push({
        alias: `xsw${t}-${k}`,
        ...next(),
        role: nq ? 'newly-qualified-social-worker' : 'social-worker',
        title: nq ? 'Newly Qualified Social Worker (ASYE)' : 'Social Worker',
        manager: `xtm${t}`,
        team,
        office: t % 2 ? east : west,
        hiredMonthsAgo: nq ? 3 : 12 + ((t * k) % 60),
      });
    }
  }
  const people = extra.map((r) => {
    const p = person(r, nowMs, demoDomain);
    const local = `${mailName(r.given, r.surname)}.${r.alias.replace(/[^a-z0-9]/g, '')}`;
    return { ...p, mail: `${local}@${demoDomain}`, userPrincipalName: `${local}@${demoDomain}` };
  });
  const events: DemoEvent[] = [];
  if (opts.withCalendars !== false) {
    const today = londonDate(nowMs);
    const monday = addDays(isoDay(today.y, today.m, today.d), -(today.weekday - 1));
    for (let t = 1; t <= opts.supervisors; t++) {
      const members = people.filter((p) => p.managerAlias === `xtm${t}`).map((p) => p.alias);
      for (let w = -1; w < 5; w++) {
        const day = addDays(monday, w * 7 + (t % 5));
        events.push({ organizer: `xtm${t}`, subject: 'Team meeting', start: at(day, '10:00'), end: at(day, '11:00'), isAllDay: false, showAs: 'busy', attendees: members, categories: ['Team meeting'], isOnlineMeeting: true });
      }
    }
  }
  return { ...base, people: [...base.people, ...people], events: [...base.events, ...events] };
}
