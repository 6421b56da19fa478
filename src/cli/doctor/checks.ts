/**
 * `supervision doctor`'s checks, each answering ✓ or ✗ with the fix, in the order an IT admin
 * fixes things: the clock, a token for each credential, Storage, each Graph permission exercised
 * read-only, the mailbox scope on a sample person, the SharePoint site, library, columns and
 * retention label, the Teams app in the catalogue, and the bot's health endpoint. Nothing here
 * writes to the tenant.
 */
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/identity';
import { checkAccessToken, GRAPH_PERMISSIONS, type GraphPermission } from '../../adapters/graph/permissions.js';
import { SUPERVISION_FILE_COLUMNS } from '../../adapters/graph/sharepoint/graph-supervision-file.js';
import { missingColumns } from '../../adapters/graph/sharepoint/library-columns.js';
import { findSupervisionLibrary, type SupervisionLibrary } from '../../adapters/graph/sharepoint/supervision-library.js';
import { pingStorage, type StorageTarget } from '../../adapters/storage/index.js';
import type { Config } from '../../config/schema.js';
import { isAppError } from '../../domain/errors.js';
import { employeeFolder } from '../../domain/ports/supervision-file.js';

export interface CheckResult {
  readonly ok: boolean;
  /** What was checked, e.g. "Calendars.ReadWrite". */
  readonly name: string;
  /** What was found, in a sentence. */
  readonly detail: string;
  /** What to do when it failed. */
  readonly fix?: string;
}

export interface DoctorContext {
  readonly config: Config;
  readonly graph: Client;
  /** The app's Graph token (what Graph sees). */
  graphToken(): Promise<string>;
  /** Tenant mode: the bot's Bot Framework token. */
  readonly botToken?: () => Promise<string>;
  readonly storage: StorageTarget | string;
  readonly storageCredential?: TokenCredential;
  /** The bot's base URL (its /healthz), e.g. PUBLIC_URL. */
  readonly botUrl?: string;
  /** A person in the supervision staff group (UPN or id), for the mailbox scope. */
  readonly person?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

const CLOCK_TOLERANCE_MS = 5 * 60_000;

const ok = (name: string, detail: string): CheckResult => ({ ok: true, name, detail });
const fail = (name: string, detail: string, fix: string): CheckResult => ({ ok: false, name, detail, fix });

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const status = statusOf(error);
  return [status, typeof code === 'string' ? code : undefined].filter((p) => p !== undefined).join(' ') || (error instanceof Error ? error.name : 'error');
}

/** One line of a refusal: "403 ErrorAccessDenied". */
const refused = (error: unknown): string => `Graph answered ${codeOf(error)}`;

function credentialFix(config: Config): string {
  if (config.SUPERVISION_MODE === 'sandbox') return 'start the sandbox with npm start and run the command again';
  return config.CREDENTIAL_TYPE === 'federated'
    ? "check the Entra app's federated credential (issuer https://login.microsoftonline.com/<tenant>/v2.0, subject the managed identity's principal id, audience api://AzureADTokenExchange) and that MANAGED_IDENTITY_CLIENT_ID is that identity's client id"
    : 'check MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID and that MICROSOFT_APP_PASSWORD is a current client secret of the app';
}

export async function clockCheck(ctx: DoctorContext): Promise<CheckResult> {
  const now = ctx.now ?? Date.now;
  try {
    const response = (await ctx.graph.api('/users').top(1).select('id').responseType(ResponseType.RAW).get()) as Response;
    const date = response.headers.get('date');
    if (!date) return fail('clock', 'Graph sent no Date header to compare with', 'check the Graph endpoint (GRAPH_BASE_URL)');
    const skew = now() - Date.parse(date);
    if (Math.abs(skew) > CLOCK_TOLERANCE_MS) return fail('clock', `this machine's clock is ${Math.round(skew / 1000)} s off Microsoft Graph's`, 'synchronise the clock (tokens are refused outside 5 minutes)');
    return ok('clock', `within ${Math.max(1, Math.round(Math.abs(skew) / 1000))} s of Microsoft Graph's`);
  } catch (error) {
    return fail('clock', `could not read Microsoft Graph's time (${refused(error)})`, 'check GRAPH_BASE_URL and the Graph token below');
  }
}

export async function graphTokenCheck(ctx: DoctorContext): Promise<CheckResult> {
  const how = ctx.config.SUPERVISION_MODE === 'sandbox' ? "the sandbox tenant's app registration" : ctx.config.CREDENTIAL_TYPE === 'federated' ? 'the federated credential (managed identity)' : 'the client secret';
  try {
    await ctx.graphToken();
    return ok('Microsoft Graph token', `issued to the app through ${how}`);
  } catch (error) {
    return fail('Microsoft Graph token', `Entra refused the app's credential (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, credentialFix(ctx.config));
  }
}

export async function botTokenCheck(ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.botToken) return ok('Bot Framework token', 'none needed: sandbox mode accepts activities from this machine only');
  try {
    await ctx.botToken();
    return ok('Bot Framework token', 'issued for https://api.botframework.com');
  } catch (error) {
    return fail('Bot Framework token', `Entra refused the bot's credential (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, credentialFix(ctx.config));
  }
}

export async function storageCheck(ctx: DoctorContext): Promise<CheckResult> {
  if (ctx.storageCredential) {
    try {
      await ctx.storageCredential.getToken('https://storage.azure.com/.default');
    } catch (error) {
      return fail('Azure Storage', `no Storage token for the managed identity (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, 'check MANAGED_IDENTITY_CLIENT_ID and that the identity is assigned to the web app');
    }
  }
  const health = await pingStorage(ctx.storage, 5000);
  if (health.ok) return ok('Azure Storage', 'blobs, queues and tables answer');
  const failed = (['blob', 'queue', 'table'] as const).filter((s) => !health[s].ok).map((s) => `${s}: ${health[s].error ?? 'unreachable'}`);
  return fail('Azure Storage', failed.join('; '), ctx.storageCredential
    ? "give the managed identity Storage Blob, Queue and Table Data Contributor on the account (infra/azure.json does), and check the AZURE_STORAGE_*_URL settings"
    : 'check AZURE_STORAGE_CONNECTION_STRING');
}

/** How each permission is exercised without changing anything; undefined: only the token's roles say. */
type Exercise = (ctx: DoctorContext, person: { id: string } | undefined) => Promise<string>;

function dayWindow(now: number): { start: string; end: string } {
  const start = new Date(now);
  start.setUTCHours(9, 0, 0, 0);
  return { start: start.toISOString().slice(0, 19), end: new Date(start.getTime() + 8 * 3600_000).toISOString().slice(0, 19) };
}

const exercises: Record<string, Exercise> = {
  'User.Read.All': async (ctx, person) => {
    await ctx.graph.api('/users').top(1).select('id').get();
    if (person) await ctx.graph.api(`/users/${person.id}/manager`).select('id').get().catch((e: unknown) => {
      if (statusOf(e) !== 404) throw e;
    });
    return 'read the directory (people and a manager)';
  },
  'Calendars.ReadWrite': async (ctx, person) => {
    if (!person) return 'not exercised: no sample person';
    const { start, end } = dayWindow((ctx.now ?? Date.now)());
    await ctx.graph.api(`/users/${person.id}/calendarView`).query({ startDateTime: `${start}Z`, endDateTime: `${end}Z` }).top(1).select('id').get();
    return "read the sample person's calendar";
  },
  'AppCatalog.Read.All': async (ctx) => {
    await ctx.graph.api('/appCatalogs/teamsApps').filter(`externalId eq '${ctx.config.TEAMS_APP_ID}'`).get();
    return "read the organisation's app catalogue";
  },
  'TeamsAppInstallation.ReadWriteSelfForUser.All': async (ctx, person) => {
    if (!person) return 'not exercised: no sample person';
    await ctx.graph.api(`/users/${person.id}/teamwork/installedApps`).expand('teamsAppDefinition').get();
    return "read the sample person's installed apps";
  },
};

function exerciseFor(permission: GraphPermission): Exercise | undefined {
  if (permission.name.startsWith('Sites.')) {
    return async (ctx) => {
      if (!ctx.config.SHAREPOINT_SITE) return 'not exercised: SHAREPOINT_SITE is not set';
      await ctx.graph.api(`/sites/${ctx.config.SHAREPOINT_SITE}`).select('id').get();
      return 'read the supervision site';
    };
  }
  return exercises[permission.name];
}

/** A sample person: --person, else the directory's first person with a mailbox. */
export async function samplePerson(ctx: DoctorContext): Promise<{ id: string; label: string } | undefined> {
  try {
    if (ctx.person) {
      const p = (await ctx.graph.api(`/users/${ctx.person}`).select('id,userPrincipalName').get()) as { id: string; userPrincipalName?: string };
      return { id: p.id, label: p.userPrincipalName ?? p.id };
    }
    const page = (await ctx.graph.api('/users').top(5).select('id,userPrincipalName,mail').get()) as { value: { id: string; userPrincipalName?: string; mail?: string | null }[] };
    const p = page.value.find((u) => u.mail);
    return p ? { id: p.id, label: p.userPrincipalName ?? p.id } : undefined;
  } catch {
    return undefined;
  }
}

/** One line per permission of the product's list: granted in the token, and used read-only. */
export async function permissionChecks(ctx: DoctorContext, person: { id: string } | undefined): Promise<CheckResult[]> {
  let granted: ReturnType<typeof checkAccessToken> | undefined;
  try {
    granted = checkAccessToken(await ctx.graphToken());
  } catch {
    granted = undefined;
  }
  const results: CheckResult[] = [];
  for (const permission of GRAPH_PERMISSIONS) {
    const grant = `grant the application permission ${permission.name} to the app and give admin consent (${permission.why})`;
    if (!granted) {
      results.push(fail(permission.name, 'not checked: no Graph token', 'fix the Microsoft Graph token first'));
      continue;
    }
    if (granted.readable && granted.missing.some((m) => m.name === permission.name)) {
      results.push(fail(permission.name, 'not granted to the app (the token has no such role)', grant));
      continue;
    }
    const exercise = exerciseFor(permission);
    if (!exercise) {
      results.push(ok(permission.name, 'granted (the token carries it; it has no read-only use to try)'));
      continue;
    }
    try {
      results.push(ok(permission.name, `granted; ${await exercise(ctx, person)}`));
    } catch (error) {
      results.push(fail(permission.name, `${refused(error)} when used`, statusOf(error) === 403 ? grant : 'run the doctor again; if it persists, check the Graph endpoint'));
    }
  }
  if (granted && granted.extra.length > 0) {
    results.push(fail('least privilege', `the app also holds ${granted.extra.join(', ')}, which it does not use`, 'remove those application permissions from the app'));
  }
  return results;
}

export async function mailboxScopeCheck(ctx: DoctorContext, person: { id: string; label: string } | undefined): Promise<CheckResult> {
  if (!person) return fail('mailbox scope', 'no sample person found', 'name one with --person <user principal name>');
  const { start, end } = dayWindow((ctx.now ?? Date.now)());
  try {
    await ctx.graph.api(`/users/${person.id}/calendarView`).query({ startDateTime: `${start}Z`, endDateTime: `${end}Z` }).top(1).select('id').get();
  } catch (error) {
    return fail('mailbox scope', `${person.label}'s calendar is out of reach (${refused(error)})`, "add the supervision staff group to the app's Exchange scope (RBAC for Applications management scope, or the application access policy's group)");
  }
  if (ctx.config.NOTIFICATIONS_MAILBOX) {
    try {
      await ctx.graph.api(`/users/${ctx.config.NOTIFICATIONS_MAILBOX}`).select('id').get();
    } catch (error) {
      return fail('mailbox scope', `the notifications mailbox is not in the directory (${refused(error)})`, 'set NOTIFICATIONS_MAILBOX to the shared mailbox the e-mail fallback is sent from');
    }
  }
  return ok('mailbox scope', `${person.label}'s calendar is reachable${ctx.config.NOTIFICATIONS_MAILBOX ? '; the notifications mailbox exists' : ''}`);
}

export async function sharePointChecks(ctx: DoctorContext): Promise<CheckResult[]> {
  const site = ctx.config.SHAREPOINT_SITE;
  if (!site) return [fail('SharePoint site', 'SHAREPOINT_SITE is not set: signed records are not filed', 'set SHAREPOINT_SITE to the supervision site, e.g. contoso.sharepoint.com:/sites/supervision')];
  const name = ctx.config.SHAREPOINT_LIBRARY;
  let siteId: string;
  try {
    siteId = ((await ctx.graph.api(`/sites/${site}`).select('id').get()) as { id: string }).id;
  } catch (error) {
    const notChecked = `not checked: ${site} is out of reach`;
    const grantFirst = 'fix the SharePoint site line first';
    return [
      fail('SharePoint site', `${site} is out of reach (${refused(error)})`, 'grant the app write access to that site (Sites.Selected, role write) and check SHAREPOINT_SITE'),
      fail('supervision library', notChecked, grantFirst),
      fail('library columns', notChecked, grantFirst),
      fail('retention label', notChecked, grantFirst),
    ];
  }
  const results: CheckResult[] = [ok('SharePoint site', `${site} is reachable`)];
  let library: SupervisionLibrary | undefined;
  try {
    library = await findSupervisionLibrary(ctx.graph, siteId, name);
    results.push(ok('supervision library', `"${library.name}", where each employee's folder is filed`));
  } catch (error) {
    results.push(isAppError(error) && error.details?.library === name
      ? fail('supervision library', `the site has no document library called "${name}"`, "run supervision setup sharepoint, or set SHAREPOINT_LIBRARY to the library's name")
      : fail('supervision library', `could not read the site's libraries (${refused(error)})`, 'grant the app write access to the site (Sites.Selected, role write)'));
  }
  if (!library) {
    results.push(fail('library columns', `not checked: there is no library "${name}"`, 'run supervision setup sharepoint'));
  } else {
    try {
      const missing = await missingColumns(ctx.graph, library);
      results.push(missing.length === 0
        ? ok('library columns', `all ${Object.keys(SUPERVISION_FILE_COLUMNS).length} metadata columns of "${library.name}" are there`)
        : fail('library columns', `missing: ${missing.join(', ')}`, 'run supervision setup sharepoint'));
    } catch (error) {
      results.push(fail('library columns', `could not read the library's columns (${refused(error)})`, 'grant the app write access to the site (Sites.Selected, role write)'));
    }
  }
  results.push(await retentionLabelCheck(ctx, library, name));
  return results;
}

/** Where filing puts a record, `/Employees/<name> (<id>)/Supervision records`: the top folder and the one inside each employee's. */
const [EMPLOYEES_FOLDER = 'Employees', , RECORDS_SUBFOLDER = 'Supervision records'] = employeeFolder({ id: 'x', displayName: 'x' }).split('/').filter(Boolean);

/** How many employee folders the retention label check looks into, most recently changed first. */
const LABEL_SAMPLE_FOLDERS = 5;

interface DriveChild {
  readonly id: string;
  readonly folder?: unknown;
  readonly file?: unknown;
  readonly createdDateTime?: string;
  readonly lastModifiedDateTime?: string;
}

const newestFirst = (key: 'createdDateTime' | 'lastModifiedDateTime') => (a: DriveChild, b: DriveChild): number => (b[key] ?? '').localeCompare(a[key] ?? '');

/** A folder's children (driveitem-list-children.md, first page); none when the folder is not there. */
async function childrenOf(graph: Client, driveId: string, address: string): Promise<DriveChild[]> {
  try {
    const page = (await graph.api(`/drives/${driveId}/${address}/children`).select('id,folder,file,createdDateTime,lastModifiedDateTime').top(200).get()) as { value: DriveChild[] };
    return page.value;
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
}

/** The name of the label a file carries (driveitem-getretentionlabel.md); undefined when none. */
async function labelOn(graph: Client, driveId: string, itemId: string): Promise<string | undefined> {
  try {
    const label = (await graph.api(`/drives/${driveId}/items/${itemId}/retentionLabel`).get()) as { name?: string | null };
    return label.name ?? undefined;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * The retention label against the tenant, as far as Graph lets an app see it. Graph lists the
 * tenant's retention labels (GET /security/labels/retentionLabels, security-labelsroot-list-
 * retentionlabel.md) to a signed-in person only: its permissions table says "Application: Not
 * supported" for RecordsManagement.Read.All, so an app-only doctor cannot ask whether the label
 * exists. Nor does Graph say which labels are published to a site; and applying one needs no
 * publishing (driveitem-setretentionlabel.md: "Retention labels don't need to be published in a
 * retention label policy to be applied using this method"). What an app can read is the label a
 * filed record carries (driveitem-getretentionlabel.md): filing applies the label last, so a
 * record that carries it proves the label exists and applies in this library, and records that
 * do not show filing failed at that step. With no record filed yet the line says what is unproved
 * and what to confirm in Purview.
 */
export async function retentionLabelCheck(ctx: DoctorContext, library: SupervisionLibrary | undefined, libraryName: string): Promise<CheckResult> {
  const label = ctx.config.RECORDS_RETENTION_LABEL;
  const create = `create the retention label "${label ?? 'Supervision record'}" in Microsoft Purview (Records management, File plan, Create a label; mark items as records), or set RECORDS_RETENTION_LABEL to the exact name of the council's label. Graph does not let an app list the tenant's labels, so check the name in Purview`;
  if (!label) return fail('retention label', 'RECORDS_RETENTION_LABEL is not set: records are filed without a label', 'create a record label (e.g. Supervision record) in Microsoft Purview (Records management, File plan) and set RECORDS_RETENTION_LABEL to its name');
  if (!library) return fail('retention label', `not checked: there is no library "${libraryName}" to file records in`, 'run supervision setup sharepoint');
  const where = `"${library.name}"`;
  const found: (string | undefined)[] = [];
  try {
    const folders = (await childrenOf(ctx.graph, library.driveId, `root:/${encodeURIComponent(EMPLOYEES_FOLDER)}:`)).filter((c) => c.folder).sort(newestFirst('lastModifiedDateTime'));
    for (const folder of folders.slice(0, LABEL_SAMPLE_FOLDERS)) {
      const files = (await childrenOf(ctx.graph, library.driveId, `items/${folder.id}:/${encodeURIComponent(RECORDS_SUBFOLDER)}:`)).filter((c) => c.file).sort(newestFirst('createdDateTime'));
      const newest = files[0];
      if (!newest) continue;
      const carried = await labelOn(ctx.graph, library.driveId, newest.id);
      if (carried === label) return ok('retention label', `"${label}" exists and applies in ${where}: a filed record carries it`);
      found.push(carried);
    }
  } catch (error) {
    return fail('retention label', `could not read the labels of filed records (${refused(error)})`, statusOf(error) === 403
      ? 'grant the app Sites.ReadWrite.All (or Sites.Selected with a write grant on the site) and give admin consent'
      : 'run the doctor again; if it persists, check the Graph endpoint');
  }
  if (found.length === 0) {
    return ok('retention label', `"${label}" is set but not yet proved: no record is filed in ${where}, and Graph does not let an app read the tenant's labels, so the first filing shows it (a label that does not exist makes filing fail at that step). Confirm in Microsoft Purview (Records management, File plan) that a label of exactly this name exists`);
  }
  const carriedNames = [...new Set(found.map((n) => (n === undefined ? 'no label' : `"${n}"`)))];
  return fail('retention label', `none of the ${found.length} newest filed record${found.length === 1 ? '' : 's'} checked in ${where} carries "${label}" (${found.length === 1 ? 'it carries' : 'they carry'} ${carriedNames.join(' or ')})`, create);
}

export async function catalogueCheck(ctx: DoctorContext): Promise<CheckResult> {
  try {
    const found = (await ctx.graph.api('/appCatalogs/teamsApps').filter(`externalId eq '${ctx.config.TEAMS_APP_ID}'`).get()) as { value: { id: string; distributionMethod?: string }[] };
    const app = found.value[0];
    if (!app) return fail('Teams app', `no app with id ${ctx.config.TEAMS_APP_ID} in the organisation's catalogue`, 'upload appPackage/build/appPackage.<env>.zip in the Teams admin center (Teams apps > Manage apps > Upload new app)');
    return ok('Teams app', `in the organisation's catalogue (${app.distributionMethod ?? 'organization'})`);
  } catch (error) {
    return fail('Teams app', `could not read the catalogue (${refused(error)})`, 'grant AppCatalog.Read.All to the app and give admin consent');
  }
}

export async function botHealthCheck(ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.botUrl) return fail('bot endpoint', 'no address to check', 'set PUBLIC_URL, or pass --bot-url <https://…>');
  const url = new URL('/healthz', ctx.botUrl).toString();
  try {
    const res = await (ctx.fetch ?? fetch)(url, { signal: AbortSignal.timeout(10_000) });
    if (res.ok) return ok('bot endpoint', `${url} answers ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { checks?: Record<string, { ok: boolean }> };
    const failing = Object.entries(body.checks ?? {}).filter(([, c]) => !c.ok).map(([n]) => n);
    return fail('bot endpoint', `${url} answers ${res.status}${failing.length ? ` (${failing.join(', ')} failing)` : ''}`, 'read the web app\'s log stream for the failing check');
  } catch (error) {
    return fail('bot endpoint', `${url} does not answer (${error instanceof Error ? error.message : String(error)})`, 'check that the web app is running (App Service: Overview, Log stream)');
  }
}

/** Every check in order. */
export async function runChecks(ctx: DoctorContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  results.push(await clockCheck(ctx));
  results.push(await graphTokenCheck(ctx));
  results.push(await botTokenCheck(ctx));
  results.push(await storageCheck(ctx));
  const person = await samplePerson(ctx);
  results.push(...(await permissionChecks(ctx, person)));
  results.push(await mailboxScopeCheck(ctx, person));
  results.push(...(await sharePointChecks(ctx)));
  results.push(await catalogueCheck(ctx));
  results.push(await botHealthCheck(ctx));
  return results;
}

export function formatCheck(result: CheckResult): string {
  return result.ok ? `✓ ${result.name}: ${result.detail}` : `✗ ${result.name}: ${result.detail}. Fix: ${result.fix ?? 'see the README'}`;
}
