/**
 * The application permissions each Graph route accepts, from the "Permissions" table of the doc
 * page named beside it (microsoftgraph/microsoft-graph-docs-contrib, api-reference/v1.0/api/ or
 * its includes/permissions/), least privileged first. A caller holding none of them is refused
 * with the workload's own 403 (denials.ts). `workload` says whose refusal it is; Exchange routes
 * also name the mailbox an application access policy may put out of reach.
 */
export type Workload = 'directory' | 'exchange' | 'sharepoint' | 'teams' | 'subscriptions';

export interface RoutePermission {
  readonly method: string;
  readonly path: RegExp;
  readonly anyOf: readonly string[];
  readonly doc: string;
  readonly workload: Workload;
  /** The mailbox (the {id} of /users/{id}/…) an Exchange route reaches. */
  readonly mailbox?: (path: string) => string | undefined;
}

const userRead = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const calendarRead = ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'];
const calendarWrite = ['Calendars.ReadWrite'];
const sitesRead = ['Sites.Selected', 'Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const filesRead = ['Files.Read.All', 'Files.ReadWrite.All', ...sitesRead];
const filesWrite = ['Files.ReadWrite.All', 'Sites.Selected', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const listWrite = ['Sites.Selected', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const installRead = ['TeamsAppInstallation.ReadSelfForUser.All', 'TeamsAppInstallation.ReadForUser.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All', 'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All', 'TeamsAppInstallation.ReadWriteAndConsentForUser.All'];
const installWrite = ['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteAndConsentForUser.All', 'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All', 'TeamsAppInstallation.ReadWriteSelectedForUser.All'];

const user = (path: string): string | undefined => /^\/users\/([^/]+)/i.exec(path)?.[1];
const drive = '(?:drives/[^/]+|sites/.+?/drive(?:s/[^/]+)?)';
const rx = (s: string): RegExp => new RegExp(`^${s}$`, 'i');

export const ROUTE_PERMISSIONS: readonly RoutePermission[] = [
  // Directory
  { method: 'GET', path: rx('/users'), anyOf: ['User.ReadBasic.All', ...userRead], doc: 'user-list.md', workload: 'directory' },
  { method: 'GET', path: rx('/users/[^/]+'), anyOf: userRead, doc: 'user-get.md', workload: 'directory' },
  { method: 'GET', path: rx('/users/[^/]+/manager'), anyOf: userRead, doc: 'user-list-manager.md', workload: 'directory' },
  { method: 'GET', path: rx('/users/[^/]+/directReports'), anyOf: userRead, doc: 'user-list-directreports.md', workload: 'directory' },
  // Calendars (Exchange): the mailbox must also be within the app's access policy.
  { method: 'POST', path: rx('/users/[^/]+(/calendar)?/events'), anyOf: calendarWrite, doc: 'user-post-events.md', workload: 'exchange', mailbox: user },
  { method: 'GET', path: rx('/users/[^/]+(/calendar)?/events(/[^/]+)?'), anyOf: calendarRead, doc: 'user-list-events.md, event-get.md', workload: 'exchange', mailbox: user },
  { method: 'PATCH', path: rx('/users/[^/]+(/calendar)?/events/[^/]+'), anyOf: calendarWrite, doc: 'event-update.md', workload: 'exchange', mailbox: user },
  { method: 'DELETE', path: rx('/users/[^/]+(/calendar)?/events/[^/]+'), anyOf: calendarWrite, doc: 'event-delete.md', workload: 'exchange', mailbox: user },
  { method: 'POST', path: rx('/users/[^/]+(/calendar)?/events/[^/]+/(cancel|decline|accept|tentativelyAccept)'), anyOf: calendarWrite, doc: 'event-cancel.md, event-decline.md, event-accept.md', workload: 'exchange', mailbox: user },
  { method: 'GET', path: rx('/users/[^/]+(/calendar)?/calendarView'), anyOf: calendarRead, doc: 'user-list-calendarview.md', workload: 'exchange', mailbox: user },
  // event-delta-permissions.md: Calendars.Read least, then Calendars.ReadBasic and Calendars.ReadWrite.
  { method: 'GET', path: rx('/users/[^/]+(/calendar)?/calendarView/delta(\\(\\))?'), anyOf: ['Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite'], doc: 'event-delta.md', workload: 'exchange', mailbox: user },
  { method: 'POST', path: rx('/users/[^/]+/calendar/getSchedule'), anyOf: calendarRead, doc: 'calendar-getschedule.md', workload: 'exchange', mailbox: user },
  { method: 'GET', path: rx('/users/[^/]+/calendar'), anyOf: calendarRead, doc: 'calendar-get.md', workload: 'exchange', mailbox: user },
  { method: 'GET', path: rx('/users/[^/]+/mailboxSettings'), anyOf: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'], doc: 'user-get-mailboxsettings.md', workload: 'exchange', mailbox: user },
  { method: 'POST', path: rx('/users/[^/]+/sendMail'), anyOf: ['Mail.Send'], doc: 'user-sendmail.md', workload: 'exchange', mailbox: user },
  // Change notifications on a mailbox's events need what reading the events needs
  // (subscription-post-subscriptions.md, event: Calendars.Read); checked in the route, which knows the resource.
  { method: 'POST', path: rx('/subscriptions'), anyOf: ['Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite'], doc: 'subscription-post-subscriptions.md', workload: 'subscriptions' },
  { method: 'GET', path: rx('/subscriptions/[^/]+'), anyOf: ['Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite'], doc: 'subscription-get.md', workload: 'subscriptions' },
  { method: 'PATCH', path: rx('/subscriptions/[^/]+'), anyOf: ['Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite'], doc: 'subscription-update.md', workload: 'subscriptions' },
  { method: 'POST', path: rx('/subscriptions/[^/]+/reauthorize'), anyOf: ['Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite'], doc: 'subscription-reauthorize.md', workload: 'subscriptions' },
  { method: 'DELETE', path: rx('/subscriptions/[^/]+'), anyOf: ['Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite'], doc: 'subscription-delete.md', workload: 'subscriptions' },
  // SharePoint (Sites.Selected stands for a site-level grant on the supervision site).
  { method: 'GET', path: rx('/sites/[^/]+(:/.*)?'), anyOf: sitesRead, doc: 'site-get.md, site-getbypath.md', workload: 'sharepoint' },
  { method: 'GET', path: rx('/sites/.+/(drive|drives|lists)'), anyOf: filesRead, doc: 'drive-get.md, drive-list.md, list-list.md', workload: 'sharepoint' },
  { method: 'GET', path: rx('/sites/.+/lists/[^/]+/columns'), anyOf: sitesRead, doc: 'list-list-columns.md', workload: 'sharepoint' },
  // Changing a list's shape needs more than a write grant (issue 12: `supervision setup sharepoint`).
  { method: 'POST', path: rx('/sites/.+/lists/[^/]+/columns'), anyOf: ['Sites.Manage.All', 'Sites.FullControl.All'], doc: 'list-post-columns.md', workload: 'sharepoint' },
  // list-create.md: making a library needs Sites.Manage.All too (`supervision setup sharepoint`).
  { method: 'POST', path: rx('/sites/.+/lists'), anyOf: ['Sites.Manage.All', 'Sites.FullControl.All'], doc: 'list-create.md', workload: 'sharepoint' },
  { method: 'GET', path: rx('/sites/.+/lists/[^/]+'), anyOf: sitesRead, doc: 'list-get.md', workload: 'sharepoint' },
  { method: 'GET', path: rx('/sites/.+/lists/[^/]+/items/[^/]+(/fields)?'), anyOf: sitesRead, doc: 'listitem-get.md', workload: 'sharepoint' },
  { method: 'PATCH', path: rx('/sites/.+/lists/[^/]+/items/[^/]+(/fields)?'), anyOf: listWrite, doc: 'listitem-update.md', workload: 'sharepoint' },
  { method: 'GET', path: rx('/drives/[^/]+'), anyOf: filesRead, doc: 'drive-get.md', workload: 'sharepoint' },
  { method: 'GET', path: rx(`/${drive}/(items/[^/]+|root).*/listItem(/fields)?`), anyOf: sitesRead, doc: 'listitem-get.md', workload: 'sharepoint' },
  { method: 'PATCH', path: rx(`/${drive}/(items/[^/]+|root).*/listItem/fields`), anyOf: listWrite, doc: 'listitem-update.md', workload: 'sharepoint' },
  { method: 'GET', path: rx(`/${drive}/(items/[^/]+|root).*/retentionLabel`), anyOf: filesRead, doc: 'driveitem-getretentionlabel.md', workload: 'sharepoint' },
  // driveitem-setretentionlabel.md: Files.Read.All least; changing a record label needs Sites.FullControl.All (checked in the route).
  { method: 'PATCH', path: rx(`/${drive}/(items/[^/]+|root).*/retentionLabel`), anyOf: ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Selected', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'], doc: 'driveitem-setretentionlabel.md', workload: 'sharepoint' },
  { method: 'DELETE', path: rx(`/${drive}/(items/[^/]+|root).*/retentionLabel`), anyOf: ['Files.ReadWrite.All', 'Sites.Selected', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'], doc: 'driveitem-removeretentionlabel.md', workload: 'sharepoint' },
  { method: 'PUT', path: rx(`/${drive}/(items/[^/]+|root).*/content`), anyOf: filesWrite, doc: 'driveitem-put-content.md', workload: 'sharepoint' },
  { method: 'POST', path: rx(`/${drive}/(items/[^/]+|root).*/createUploadSession`), anyOf: filesWrite, doc: 'driveitem-createuploadsession.md', workload: 'sharepoint' },
  { method: 'DELETE', path: rx(`/${drive}/(items/[^/]+|root).*`), anyOf: filesWrite, doc: 'driveitem-delete.md', workload: 'sharepoint' },
  { method: 'GET', path: rx(`/${drive}/(items/[^/]+|root).*`), anyOf: filesRead, doc: 'driveitem-get.md, driveitem-list-children.md, driveitem-get-content.md', workload: 'sharepoint' },
  // Teams apps
  { method: 'GET', path: rx('/appCatalogs/teamsApps'), anyOf: ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All'], doc: 'appcatalogs-list-teamsapps.md', workload: 'teams' },
  { method: 'POST', path: rx('/users/[^/]+/teamwork/installedApps'), anyOf: installWrite, doc: 'userteamwork-post-installedapps.md', workload: 'teams' },
  { method: 'GET', path: rx('/users/[^/]+/teamwork/installedApps(/[^/]+)?'), anyOf: installRead, doc: 'userteamwork-list-installedapps.md, userteamwork-get-installedapps.md', workload: 'teams' },
  { method: 'DELETE', path: rx('/users/[^/]+/teamwork/installedApps/[^/]+'), anyOf: installWrite, doc: 'userteamwork-delete-installedapps.md', workload: 'teams' },
  { method: 'GET', path: rx('/users/[^/]+/teamwork/installedApps/[^/]+/chat'), anyOf: [...installRead, 'Chat.ReadBasic.All', 'Chat.Read.All', 'Chat.ReadWrite.All'], doc: 'userscopeteamsappinstallation-get-chat.md', workload: 'teams' },
];

/** The permission rule of a request (HEAD reads as GET); undefined for a path no rule names. */
export function routePermission(method: string, path: string): RoutePermission | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return ROUTE_PERMISSIONS.find((r) => r.method === m && r.path.test(path));
}
