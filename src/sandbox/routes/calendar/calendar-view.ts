import { randomUUID } from 'node:crypto';
import { presentEvent } from '../../calendar.js';
import { errors, GraphHttpError } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { graphPath } from '../../http/paths.js';
import { queryOf } from '../../http/request.js';
import { json } from '../../http/reply.js';
import { decodeToken, encodeToken, linkWith } from '../../odata.js';
import { parsePrefer } from '../../time.js';
import { contextUrl, mailboxUser, type GraphContext } from '../common.js';
import { byStart, defaultPageSize, eventPage, instant, overlaps, queryParam, zoneOf } from './event-answers.js';

/**
 * The events of a time window, and changes to them (delta). Mounted on /users/{id} and
 * /users/{id}/calendar, as Graph serves both.
 */
export const calendarViewRoutes = sandboxHono();

// user-list-calendarview.md: startDateTime and endDateTime required; events overlapping the window.
calendarViewRoutes.get('/calendarView', (c) => {
  const user = mailboxUser(c, c.req.param('user') ?? '');
  const query = queryOf(c);
  const start = instant(queryParam(query, 'startDateTime'), 'startDateTime');
  const end = instant(queryParam(query, 'endDateTime'), 'endDateTime');
  const items = [...c.var.tenant.store.mailbox(user.id as string).values()].filter((ev) => overlaps(ev, start, end)).sort(byStart);
  return eventPage(c, user.id as string, items, 'calendarView');
});

// event-delta.md: every event of the window first, then what was created, changed or deleted.
calendarViewRoutes.on('GET', ['/calendarView/delta', '/calendarView/delta()'], (c) => delta(c, c.req.param('user') ?? ''));

interface DeltaState {
  m: string;
  s: number;
  e: number;
  /** The round's chain (begun by its initial request), its generation, and the store's epoch when issued. */
  c?: string;
  g?: number;
  ep?: number;
  /** Changes after this sequence number belong to the round. */
  since: number;
  /** High-water mark fixed when the round began. */
  hi: number;
  /** Last id returned in this round (pages are ordered by id so concurrent changes do not shift them). */
  after?: string;
  n?: number;
}

type Entry = { id: string; item: Record<string, unknown> };

/** How many generations of a round's sync state Outlook still knows; older tokens are gone. */
export const DELTA_GENERATIONS_KEPT = 3;

/**
 * A delta token Outlook no longer has (delta-query-overview.md "Token duration": the cache is
 * bounded and older tokens are dropped; "Synchronization reset"): 410 Gone with
 * SyncStateNotFound, as Exchange answers it, the client's cue to start a full synchronization.
 */
function syncStateGone(state: DeltaState, highest: number): GraphHttpError {
  const kept = Array.from({ length: DELTA_GENERATIONS_KEPT }, (_, i) => highest - i).filter((g) => g > 0);
  return new GraphHttpError(410, 'SyncStateNotFound', `The sync state generation is not found; generation=${state.g ?? 0};[highest=${highest}]${kept.map((g) => `[${g}]`).join('')}.`);
}

function delta(c: GraphContext, userKey: string): Response {
  const user = mailboxUser(c, userKey);
  const mailbox = user.id as string;
  const { store, graphBaseUrl } = c.var.tenant;
  const query = queryOf(c);
  const skipToken = query.get('$skiptoken');
  const deltaToken = query.get('$deltatoken');
  let state: DeltaState;
  if (skipToken) state = decodeToken<DeltaState>(skipToken);
  else if (deltaToken) {
    state = { ...decodeToken<DeltaState>(deltaToken), hi: store.seq, after: undefined };
    const highest = state.c === undefined ? undefined : store.deltaChains.get(state.c);
    if (state.m === mailbox && (highest === undefined || (state.ep ?? 0) !== store.deltaEpoch || (state.g ?? 0) <= highest - DELTA_GENERATIONS_KEPT)) {
      throw syncStateGone(state, highest ?? 0);
    }
  } else {
    const s = instant(queryParam(query, 'startDateTime'), 'startDateTime');
    const e = instant(queryParam(query, 'endDateTime'), 'endDateTime');
    state = { m: mailbox, s, e, since: 0, hi: store.seq, c: randomUUID(), g: 0, ep: store.deltaEpoch };
  }
  if (state.m !== mailbox) throw errors.badRequest('The delta token does not belong to this mailbox.');
  const prefer = parsePrefer(c.req.header('prefer'));
  const size = state.n ?? prefer.maxPageSize ?? defaultPageSize;
  const { zone, headers } = zoneOf(c);

  const entries: Entry[] = [];
  for (const ev of store.mailbox(mailbox).values()) {
    if (ev.seq > state.hi || ev.seq <= state.since) continue;
    if (overlaps(ev, state.s, state.e)) entries.push({ id: ev.id, item: { '@odata.type': '#microsoft.graph.event', ...presentEvent(ev, zone) } });
    else if (state.since > 0) entries.push({ id: ev.id, item: { '@odata.type': '#microsoft.graph.event', id: ev.id, '@removed': { reason: 'deleted' } } });
  }
  if (state.since > 0) {
    for (const t of store.tombstones.get(mailbox) ?? []) {
      if (t.seq > state.since && t.seq <= state.hi) entries.push({ id: t.id, item: { '@odata.type': '#microsoft.graph.event', id: t.id, '@removed': { reason: 'deleted' } } });
    }
  }
  entries.sort((a, b) => a.id.localeCompare(b.id));
  const pending = state.after ? entries.filter((x) => x.id > (state.after as string)) : entries;
  const page = pending.slice(0, size);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(c, 'Collection(event)') };
  const deltaPath = graphPath(c);
  if (pending.length > size) {
    const next: DeltaState = { ...state, after: page[page.length - 1]?.id, n: size };
    body['@odata.nextLink'] = linkWith(graphBaseUrl, deltaPath, new URLSearchParams(), { $skiptoken: encodeToken(next) });
  } else {
    // Each deltaLink is the round's next generation; Outlook keeps only the newest few.
    const chain = state.c ?? randomUUID();
    const generation = (store.deltaChains.get(chain) ?? 0) + 1;
    store.deltaChains.set(chain, generation);
    store.changed();
    const done: DeltaState = { m: state.m, s: state.s, e: state.e, since: state.hi, hi: state.hi, c: chain, g: generation, ep: store.deltaEpoch, ...(prefer.maxPageSize ? { n: prefer.maxPageSize } : {}) };
    body['@odata.deltaLink'] = linkWith(graphBaseUrl, deltaPath, new URLSearchParams(), { $deltatoken: encodeToken(done) });
  }
  body.value = page.map((x) => x.item);
  return json(200, body, headers);
}
