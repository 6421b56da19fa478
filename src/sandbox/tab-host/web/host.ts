/**
 * The local host's side of the teams-js protocol (microsoft-teams-library-js,
 * packages/teams-js/src/internal/communication.ts): the tab posts requests to its parent window
 * as `{ id, uuidAsString, func, args }`; the host answers the same window with
 * `{ id, uuidAsString, args }`, and sends notifications such as `{ func: 'themeChange', args }`.
 * Only messages from the tab's own window are read. Answers:
 * - initialize → [frameContext, hostClientType, runtime JSON, SDK version]: the runtime lists the
 *   capabilities this host supports (Outlook and the Microsoft 365 app: no meetings);
 * - getContext → [context] in teams-js's flat (v1) form;
 * - authentication.getAuthToken → [true, token] for the chosen person (the sandbox tenant signs it);
 * - notifications (appInitialization.*, registerHandler…) need no answer.
 */

interface HostPersonJson {
  readonly alias: string;
  readonly name: string;
  readonly jobTitle: string;
  readonly id: string;
  readonly upn: string;
}

interface HostConfig {
  readonly people: readonly HostPersonJson[];
  readonly tenantId: string;
  readonly councilName: string;
}

type HostKind = 'teams' | 'outlook' | 'office';
type Frame = 'content' | 'sidePanel';
type Theme = 'default' | 'dark' | 'contrast';

interface TabRequest {
  readonly id: number;
  readonly uuidAsString?: string;
  readonly func: string;
  readonly args?: unknown[];
}

const config = JSON.parse(document.getElementById('host-config')?.textContent ?? '{}') as HostConfig;
const params = new URLSearchParams(location.search);
const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

const state = {
  person: config.people.find((p) => p.alias === params.get('person')) ?? config.people[0],
  host: pick<HostKind>(params.get('host'), ['teams', 'outlook', 'office'], 'teams'),
  frame: pick<Frame>(params.get('frame'), ['content', 'sidePanel'], 'content'),
  theme: pick<Theme>(params.get('theme'), ['default', 'dark', 'contrast'], 'default'),
};

const iframe = document.getElementById('tab') as HTMLIFrameElement;
const box = document.getElementById('frame-box') as HTMLDivElement;

/** What each host supports, as its runtime tells teams-js (capabilities listed under `supports`). */
function runtimeOf(host: HostKind): string {
  const common = { app: {}, appInstallDialog: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, dialog: { card: {}, url: {} }, teamsCore: {} };
  const supports = host === 'teams' ? { ...common, meeting: {}, chat: {}, calendar: {} } : host === 'outlook' ? { ...common, calendar: {}, mail: {} } : { ...common, calendar: {} };
  return JSON.stringify({ apiVersion: 4, hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } }, isLegacyTeams: false, supports });
}

const HOST_NAMES: Record<HostKind, string> = { teams: 'Teams', outlook: 'Outlook', office: 'Office' };

function contextOf(): Record<string, unknown> {
  const p = state.person;
  const meeting = state.frame === 'sidePanel';
  return {
    entityId: meeting ? 'supervision-meeting' : 'my-supervision',
    frameContext: state.frame,
    hostClientType: 'web',
    hostName: HOST_NAMES[state.host],
    locale: 'en-GB',
    theme: state.theme,
    tid: config.tenantId,
    userObjectId: p?.id,
    userPrincipalName: p?.upn,
    loginHint: p?.upn,
    appLaunchId: 'local-host',
    ...(meeting ? { meetingId: 'sandbox-meeting', chatId: '19:meeting_sandbox@thread.v2' } : {}),
  };
}

async function tokenFor(alias: string): Promise<{ ok: true; token: string } | { ok: false; reason: string }> {
  const res = await fetch(`/host/api/token?person=${encodeURIComponent(alias)}`);
  if (!res.ok) return { ok: false, reason: 'FailedToObtainToken' };
  const body = (await res.json()) as { token?: string };
  return body.token ? { ok: true, token: body.token } : { ok: false, reason: 'FailedToObtainToken' };
}

function reply(request: TabRequest, args: unknown[]): void {
  iframe.contentWindow?.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, location.origin);
}

async function answer(request: TabRequest): Promise<void> {
  switch (request.func) {
    case 'initialize':
      reply(request, [state.frame, 'web', runtimeOf(state.host), '2.58.0']);
      return;
    case 'getContext':
      reply(request, [contextOf()]);
      return;
    case 'authentication.getAuthToken': {
      const result = state.person ? await tokenFor(state.person.alias) : { ok: false as const, reason: 'UserNotSignedIn' };
      reply(request, result.ok ? [true, result.token] : [false, result.reason]);
      return;
    }
    default:
      // Notifications (appInitialization.appLoaded, .success, registerHandler…) need no answer.
      return;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== iframe.contentWindow) return;
  const data = event.data as Partial<TabRequest> | null;
  if (!data || typeof data !== 'object' || typeof data.func !== 'string' || typeof data.id !== 'number') return;
  void answer(data as TabRequest);
});

function load(): void {
  box.className = state.frame;
  const url = new URLSearchParams({ person: state.person?.alias ?? '', host: state.host, frame: state.frame, theme: state.theme });
  history.replaceState(null, '', `/host?${url.toString()}`);
  iframe.src = state.frame === 'sidePanel' ? '/tab/meeting' : '/tab/personal';
}

function select(id: string): HTMLSelectElement {
  return document.getElementById(id) as HTMLSelectElement;
}

const personSelect = select('person');
for (const p of config.people) {
  const option = document.createElement('option');
  option.value = p.alias;
  option.textContent = `${p.name} (${p.jobTitle})`;
  personSelect.append(option);
}
personSelect.value = state.person?.alias ?? '';
select('host').value = state.host;
select('frame').value = state.frame;
select('theme').value = state.theme;

personSelect.addEventListener('change', () => {
  state.person = config.people.find((p) => p.alias === personSelect.value) ?? state.person;
  load();
});
select('host').addEventListener('change', () => {
  state.host = pick<HostKind>(select('host').value, ['teams', 'outlook', 'office'], 'teams');
  load();
});
select('frame').addEventListener('change', () => {
  state.frame = pick<Frame>(select('frame').value, ['content', 'sidePanel'], 'content');
  load();
});
// A theme change reaches the running tab as Teams sends it, without a reload.
select('theme').addEventListener('change', () => {
  state.theme = pick<Theme>(select('theme').value, ['default', 'dark', 'contrast'], 'default');
  const url = new URLSearchParams(location.search);
  url.set('theme', state.theme);
  history.replaceState(null, '', `/host?${url.toString()}`);
  iframe.contentWindow?.postMessage({ func: 'themeChange', args: [state.theme] }, location.origin);
});

load();
