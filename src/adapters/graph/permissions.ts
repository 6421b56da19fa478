/**
 * The Microsoft Graph application permissions the product needs, each with why: the one list a
 * council's IT grants (README "Microsoft Graph permissions"), the sandbox tenant grants by
 * default (src/sandbox/entra), `supervision doctor` checks, and the product's own log names when
 * Graph refuses a request (`graph.permission_missing`). Each is the least privileged permission
 * the Graph docs list (microsoftgraph/microsoft-graph-docs-contrib, api-reference/v1.0/api/*.md,
 * "Permissions") for the calls that need it.
 */
import { decodeJwt } from 'jose';

export interface GraphPermission {
  /** The application permission (app role) as Entra names it. */
  readonly name: string;
  /** What the product cannot do without it, as council IT reads it. */
  readonly why: string;
  /** The Graph doc pages whose permission tables name it as least privileged. */
  readonly docs: readonly string[];
}

export const GRAPH_PERMISSIONS = [
  {
    name: 'User.Read.All',
    why: 'Reads people, their managers and direct reports from the directory: who supervises whom, the names on cards and the mailbox addresses meetings are sent to.',
    docs: ['user-get.md', 'user-list-manager.md', 'user-list-directreports.md', 'user-list.md'],
  },
  {
    name: 'Calendars.ReadWrite',
    why: "Reads free/busy to plan a year of sessions, creates and cancels the Teams meetings in supervisors' calendars, and follows moves and cancellations (calendar delta and change notifications). Limit it to the supervision staff's mailboxes with an application access policy.",
    docs: ['user-post-events.md', 'event-cancel.md', 'calendar-getschedule.md', 'event-delta.md', 'subscription-post-subscriptions.md'],
  },
  {
    name: 'Mail.Send',
    why: 'Sends the e-mail fallback from the notifications mailbox to people the bot cannot reach in Teams. Limit it to that mailbox with an application access policy.',
    docs: ['user-sendmail.md'],
  },
  {
    name: 'Sites.ReadWrite.All',
    why: "Files each signed record (PDF and JSON) in the employee's folder of the supervision site, sets its metadata columns and applies the retention label.",
    docs: ['driveitem-put-content.md', 'driveitem-createuploadsession.md', 'listitem-update.md', 'driveitem-setretentionlabel.md'],
  },
  {
    name: 'AppCatalog.Read.All',
    why: "Finds Supervision Assistant in the organisation's Teams app catalogue, so it can be installed for someone who never opened it; without it nobody who has not opened the app can be reached in Teams.",
    docs: ['appcatalogs-list-teamsapps.md'],
  },
  {
    name: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    why: 'Installs Supervision Assistant (and no other app) for a person who never opened it, so reminders and escalations reach them in Teams.',
    docs: ['userteamwork-post-installedapps.md'],
  },
] as const satisfies readonly GraphPermission[];

export type GraphPermissionName = (typeof GRAPH_PERMISSIONS)[number]['name'];

export const GRAPH_PERMISSION_NAMES: readonly GraphPermissionName[] = GRAPH_PERMISSIONS.map((p) => p.name);

export interface RolesCheck {
  readonly ok: boolean;
  /** Permissions of the list the roles lack, in the list's order. */
  readonly missing: readonly GraphPermission[];
  /** Roles granted beyond the list: more than the product needs (least privilege says remove them). */
  readonly extra: readonly string[];
}

/** The granted application roles against the product's list. */
export function checkRoles(roles: readonly string[]): RolesCheck {
  const granted = new Set(roles);
  const wanted = new Set<string>(GRAPH_PERMISSION_NAMES);
  const missing = GRAPH_PERMISSIONS.filter((p) => !granted.has(p.name));
  const extra = [...granted].filter((r) => !wanted.has(r)).sort();
  return { ok: missing.length === 0, missing, extra };
}

/**
 * The application roles an access token carries (its `roles` claim). The token is not verified
 * here: it came from Entra over TLS to this process, and only Graph needs to trust it; this reads
 * what it grants. Undefined when it is not a JWT with a roles claim an app-only token would have.
 */
export function rolesOfAccessToken(accessToken: string): string[] | undefined {
  try {
    const roles = decodeJwt(accessToken).roles;
    if (roles === undefined) return [];
    return Array.isArray(roles) && roles.every((r) => typeof r === 'string') ? [...roles] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An access token's roles against the product's list (for `supervision doctor` and the startup
 * check). A token that is not a readable JWT is reported with every permission missing.
 */
export function checkAccessToken(accessToken: string): RolesCheck & { readonly readable: boolean } {
  const roles = rolesOfAccessToken(accessToken);
  return { ...checkRoles(roles ?? []), readable: roles !== undefined };
}

/**
 * Which permission of the list a Graph request needs, by method and path (below the version
 * root, ids in place): what the product names in its log when Graph answers 403.
 */
const OPERATIONS: ReadonlyArray<{ readonly method: string; readonly path: RegExp; readonly operation: string; readonly permission: GraphPermissionName }> = [
  { method: 'GET', path: /^\/appCatalogs\/teamsApps$/i, operation: 'appCatalog.find', permission: 'AppCatalog.Read.All' },
  { method: '*', path: /^\/users\/[^/]+\/teamwork\/installedApps(\/|$)/i, operation: 'teamsApp.install', permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All' },
  { method: 'POST', path: /^\/users\/[^/]+\/sendMail$/i, operation: 'mail.send', permission: 'Mail.Send' },
  { method: '*', path: /^\/users\/[^/]+\/(calendar|events|calendarView)(\/|$)/i, operation: 'calendar', permission: 'Calendars.ReadWrite' },
  { method: '*', path: /^\/subscriptions(\/|$)/i, operation: 'calendar.subscription', permission: 'Calendars.ReadWrite' },
  { method: '*', path: /^\/(sites|drives)(\/|$)/i, operation: 'sharepoint.filing', permission: 'Sites.ReadWrite.All' },
  { method: 'GET', path: /^\/users(\/[^/]+(\/(manager|directReports))?)?$/i, operation: 'directory.read', permission: 'User.Read.All' },
];

/** The operation and permission a request needs; undefined for a request the product does not make. */
export function permissionForRequest(method: string, url: string): { readonly operation: string; readonly permission: GraphPermissionName } | undefined {
  let path = url;
  try {
    path = new URL(url, 'https://graph.invalid/').pathname;
  } catch {
    // A relative path that URL cannot read is matched as it is.
  }
  path = decodeURIComponentSafe(path).replace(/^\/(v1\.0|beta)(?=\/)/, '');
  const m = method.toUpperCase();
  const hit = OPERATIONS.find((o) => (o.method === '*' || o.method === m) && o.path.test(path));
  return hit ? { operation: hit.operation, permission: hit.permission } : undefined;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
