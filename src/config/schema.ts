import { z } from 'zod';
import { credentialSettings } from './credentials.js';

/**
 * Every environment variable the product reads, in one place, so a council's IT team can see
 * exactly what a deployment needs (README "Configuration" mirrors this file).
 */
const port = z.coerce.number().int().min(0).max(65535);
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID');
const nation = z.enum(['england-and-wales', 'scotland', 'northern-ireland']);
const logLevel = z.enum(['debug', 'info', 'warn', 'error']);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** Graph's site address: a site id (hostname,siteCollectionId,webId) or hostname:/sites/name. */
const sharePointSite = z
  .string()
  .regex(/^(?:[a-z0-9.-]+,[0-9a-f-]{36},[0-9a-f-]{36}|[a-z0-9.-]+:\/(?:sites|teams)\/[^\s:]+)$/i, 'a site id (hostname,siteCollectionId,webId) or hostname:/sites/name, e.g. contoso.sharepoint.com:/sites/supervision');

/** A whole number from min to max, with one message for any wrong value (a startup error is one line). */
const wholeNumber = (min: number, max: number, unit: string) => {
  const message = `a whole number of ${unit} from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};
const hoursMessage = 'a start and end time HH:MM-HH:MM, the start first, e.g. 09:00-17:00';

/**
 * The three-way meeting "I'm not getting supervision" proposes (Leeds §F (L124–134)); no policy sets
 * its length, hours or how soon, so the council does (src/domain/concerns/three-way-settings.ts).
 */
const threeWay = {
  THREE_WAY_MINUTES: wholeNumber(15, 240, 'minutes').default(60),
  THREE_WAY_HOURS: z.string({ error: hoursMessage })
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { error: hoursMessage })
    .refine((v) => v.slice(0, 5) < v.slice(6), { error: hoursMessage })
    .default('09:00-17:00'),
  THREE_WAY_LOOKAHEAD_DAYS: wholeNumber(1, 60, 'days').default(14),
};

/**
 * How many working days before its review date the agreement comes back for both to review and
 * sign (issue 14 item 3); no policy says (src/domain/agreements/review.ts), so the council may.
 */
const agreementReview = {
  AGREEMENT_REVIEW_LEAD_WORKING_DAYS: wholeNumber(0, 60, 'working days').default(10),
};

const common = {
  PORT: port.default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: logLevel.default('info'),
  POLICY_PACK: z.string().min(1).default('sefton'),
  /**
   * What the council calls its supervision policy, as people see it in citations ("Supervision
   * policy, paragraph 3.12"); without it, the title of the policy document the pack is built from.
   */
  POLICY_TITLE: z.string().trim().min(1).max(120).optional(),
  /** Shown to people in cards ("the way <council>'s supervision policy asks"). */
  COUNCIL_NAME: z.string().min(1).default('your council'),
  BANK_HOLIDAY_NATION: nation.default('england-and-wales'),
  TEAMS_APP_ID: guid.default('6f1c2e58-3b7a-4c7e-9d8a-5e2f7b1c9a40'),
  SWEEP_LOCAL_TIME: hhmm.default('08:00'),
  /**
   * JSON file of escalation settings (src/domain/escalation/settings.ts). None of the policies
   * gives the day counts or a fallback person (K13), so the council sets them; without the file the
   * daily obligation sweep does not run and startup says so.
   */
  ESCALATION_SETTINGS_FILE: z.string().min(1).optional(),
  /** Mailbox that sends the e-mail fallback when someone cannot be reached in Teams. */
  NOTIFICATIONS_MAILBOX: z.string().min(1).optional(),
  /**
   * The bot's public https address. When set, Outlook changes arrive as Graph change notifications
   * at PUBLIC_URL/api/graph-notifications within seconds; the periodic delta pass stays as backstop.
   */
  PUBLIC_URL: z.url().optional(),
  /** How often Outlook moves and cancellations are reconciled (calendarView delta). */
  CALENDAR_SYNC_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /**
   * Retention label applied to each filed record (e.g. "Supervision record"); a label that
   * declares the item a record locks it. Without it the files are stored unlabelled.
   */
  RECORDS_RETENTION_LABEL: z.string().min(1).max(64, 'a retention label name of at most 64 characters').optional(),
  /**
   * The supervision site's document library the records are filed in, by the name its settings
   * show; `supervision setup sharepoint` creates it. The sandbox's demo site has it already.
   */
  SHAREPOINT_LIBRARY: z
    .string()
    .refine((n) => n.length >= 1 && n.length <= 128 && n.trim() === n && ![...n].some((ch) => ch < ' ' || '"#%*:<>?/\\|'.includes(ch)), 'a document library name of 1 to 128 characters without " # % * : < > ? / \\ |, e.g. Supervision Files')
    .default('Supervision Files'),
  ...threeWay,
  ...agreementReview,
};

/**
 * Sandbox mode accepts activities without a token and lets its clock be moved, so it listens on
 * this machine only (issue 16 L6: HOST=0.0.0.0 used to be accepted while the banner said loopback).
 */
const loopbackHost = z
  .string()
  .min(1)
  .refine((host) => /^(127(?:\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i.test(host), 'a loopback address (127.0.0.1, ::1 or localhost): sandbox mode accepts activities without a token');

export const ZSandboxConfig = z.object({
  SUPERVISION_MODE: z.literal('sandbox'),
  ...common,
  HOST: loopbackHost.default('127.0.0.1'),
  /** Where `npm start` keeps Azurite's and the sandbox tenant's data between runs. */
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * Which demo person you are in the Playground: an alias from the demo organisation, or several
   * separated by commas ("sw1,tm1"), each with a Playground of their own.
   */
  SANDBOX_PERSON: z.string().min(1).default('sw1'),
  /**
   * What a fresh sandbox holds: `lived-in` (a few months into the supervision year, told through the
   * product's own use cases, src/demo/lived-in) or `empty` (the people and their calendars only).
   */
  SANDBOX_STORY: z.enum(['lived-in', 'empty']).default('lived-in'),
  SANDBOX_GRAPH_PORT: port.default(0),
  PLAYGROUND_PORT: port.default(56150),
  /** Set by the launcher or the tests once the sandbox parts are running. */
  GRAPH_BASE_URL: z.url().optional(),
  AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  /** The sandbox tenant's supervision site. */
  SHAREPOINT_SITE: sharePointSite.default('northshire.sharepoint.example:/sites/supervision'),
});

export const ZTenantConfig = z.object({
  SUPERVISION_MODE: z.literal('tenant'),
  ...common,
  HOST: z.string().min(1).default('0.0.0.0'),
  MICROSOFT_APP_ID: guid,
  MICROSOFT_APP_TENANT_ID: guid,
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
  /** CREDENTIAL_TYPE and what each type needs (src/config/credentials.ts). */
  ...credentialSettings,
  /** SharePoint site whose document library holds the supervision files; without it records are not filed. */
  SHAREPOINT_SITE: sharePointSite.optional(),
});

export const ZConfig = z.discriminatedUnion('SUPERVISION_MODE', [ZSandboxConfig, ZTenantConfig]);

export type SandboxConfig = z.infer<typeof ZSandboxConfig>;
export type TenantConfig = z.infer<typeof ZTenantConfig>;
export type Config = z.infer<typeof ZConfig>;
