/**
 * The tab's API (issue 13 item 5): every route wants a valid single sign-on token (sso-token.ts)
 * and acts as its `oid`; every input is checked with zod and refused in plain English; the use
 * cases apply the cards' authorization (a record only to its two parties; managers see statuses in
 * their chain, never content), and every refusal of that kind goes to the audit log.
 */
import type restify from 'restify';
import { z } from 'zod';
import { ZShare as ZRecordShareData } from '../../conversation/records/flow.js';
import { ZMilestoneRecordData } from '../../conversation/records/milestone-flow.js';
import { policyWhyOf } from '../../conversation/why-reply.js';
import { isAppError, type AppError } from '../../domain/errors.js';
import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';
import { addItemFromTab, agendaForTab, removeItemFromTab } from '../../usecases/tab/agenda-edits.js';
import type { TabDeps } from '../../usecases/tab/deps.js';
import { meView } from '../../usecases/tab/me.js';
import { meetingView, startRecordFromMeeting } from '../../usecases/tab/meeting.js';
import { milestoneFormForTab, myMilestones, recordMilestoneFromTab } from '../../usecases/tab/milestones.js';
import { myService, myServiceCsv } from '../../usecases/tab/my-service.js';
import { mySupervision } from '../../usecases/tab/my-supervision.js';
import { myTeam, personDrill } from '../../usecases/tab/my-team.js';
import { recordFormForTab, recordsToWriteForTab, shareRecordFromTab } from '../../usecases/tab/record-form.js';
import { disagreeFromTab, recordForTab, signFromTab } from '../../usecases/tab/record-view.js';
import { updateActionFromTab } from '../../usecases/tab/update-action.js';
import type { ApiError } from '../../usecases/tab/views.js';
import { SigningKeysUnavailable, TokenRejected, type SsoValidator } from '../auth/sso-token.js';
import { plainWords } from './plain-words.js';

/** A refusal for the append-only audit log (ids only; the composition root writes it). */
export interface TabRefusal {
  readonly byId: string;
  /** The route, e.g. tab.record.view. */
  readonly what: string;
  readonly error: AppError;
  readonly agreementId?: string | undefined;
  readonly sessionId?: string | undefined;
}

export interface TabApiDeps {
  readonly tab: TabDeps;
  readonly sso: SsoValidator;
  /** Writes a refusal to the audit log; a refusal the use case audited itself says so (details.audited). */
  readonly audit: (refusal: TabRefusal) => Promise<unknown>;
  readonly councilName: string;
  readonly log: Logger;
}

interface Caller {
  readonly personId: string;
  readonly name: string;
}

interface Input {
  readonly body: unknown;
  readonly query: Record<string, unknown>;
  readonly params: Record<string, string>;
}

type Answer = { readonly json: unknown; readonly status?: number } | { readonly csv: string; readonly filename: string };
type Handler = (caller: Caller, input: Input) => Promise<Answer>;

const id = z.string().trim().min(1, 'an id').max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'an id');
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const ZAddItem = z.strictObject({ agreementId: id, sessionId: id, itemId: id, text: z.string().max(1000), caseRef: z.string().max(40).optional() });
export const ZRemoveItem = z.strictObject({ agreementId: id, sessionId: id, itemId: id });
export const ZUpdateAction = z.strictObject({ agreementId: id, actionId: id, done: z.boolean(), note: z.string().max(1000).optional() });
export const ZSign = z.strictObject({ agreementId: id, sessionId: id, hash });
export const ZDisagree = z.strictObject({ agreementId: id, sessionId: id, hash, text: z.string().max(4000) });
export const ZSessionRef = z.strictObject({ agreementId: id, sessionId: id });
/** The record form's fields, flat as the record card sends them (si0_status, c0_category, a0_text…): strings only. */
const ZRecordFields = z.record(z.string().regex(/^[A-Za-z0-9_]{1,40}$/), z.string().max(20000)).refine((o) => Object.keys(o).length <= 400);
const ZAgendaQuery = z.object({ agreementId: id, sessionId: id.optional() });
const ZMeetingQuery = z.object({ agreementId: id.optional() });

/** What a person reads when the request itself is unusable: never the validator's wording. */
const BAD_INPUT: Record<string, string> = {
  body: 'The tab sent something I could not use. Reload the tab and try again.',
  ids: 'That link does not name a supervision session I know. Reload the tab and try again.',
};

class BadInput extends Error {
  constructor(readonly plain: string) {
    super('invalid tab input');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, plain: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new BadInput(plain);
  return r.data;
}

/** `what` names the route in the audit log; the handler gets the caller and the raw input. */
export function tabApiRoutes(deps: TabApiDeps): { method: 'get' | 'post'; path: string; what: string; handler: Handler }[] {
  const t = deps.tab;
  return [
    { method: 'get', path: '/api/tab/me', what: 'tab.me', handler: async (c) => ({ json: await meView(t, c.personId, deps.councilName) }) },
    { method: 'get', path: '/api/tab/supervision', what: 'tab.supervision', handler: async (c) => ({ json: await mySupervision(t, c.personId) }) },
    {
      method: 'get', path: '/api/tab/agenda', what: 'tab.agenda',
      handler: async (c, i) => ({ json: await agendaForTab(t, c.personId, parse(ZAgendaQuery, i.query, BAD_INPUT.ids!)) }),
    },
    {
      method: 'post', path: '/api/tab/agenda/items', what: 'tab.agenda.add',
      handler: async (c, i) => ({ json: await addItemFromTab(t, c.personId, parse(ZAddItem, i.body, BAD_INPUT.body!)) }),
    },
    {
      method: 'post', path: '/api/tab/agenda/remove', what: 'tab.agenda.remove',
      handler: async (c, i) => ({ json: await removeItemFromTab(t, c.personId, parse(ZRemoveItem, i.body, BAD_INPUT.body!)) }),
    },
    {
      method: 'post', path: '/api/tab/actions/update', what: 'tab.action.update',
      handler: async (c, i) => ({ json: await updateActionFromTab(t, c.personId, parse(ZUpdateAction, i.body, BAD_INPUT.body!)) }),
    },
    {
      method: 'get', path: '/api/tab/records/:agreementId/:sessionId', what: 'tab.record.view',
      handler: async (c, i) => ({ json: await recordForTab(t, c.personId, parse(ZSessionRef, i.params, BAD_INPUT.ids!)) }),
    },
    {
      method: 'post', path: '/api/tab/records/sign', what: 'tab.record.sign',
      handler: async (c, i) => ({ json: await signFromTab(t, { id: c.personId, name: c.name }, parse(ZSign, i.body, BAD_INPUT.body!)) }),
    },
    {
      method: 'post', path: '/api/tab/records/disagree', what: 'tab.record.disagree',
      handler: async (c, i) => ({ json: await disagreeFromTab(t, { id: c.personId, name: c.name }, parse(ZDisagree, i.body, BAD_INPUT.body!)) }),
    },
    // The supervision record written in the tab, with its case discussions (issue 14 item 2): the record card's schema (ZShare) and use case.
    { method: 'get', path: '/api/tab/records-to-write', what: 'tab.records.to-write', handler: async (c) => ({ json: await recordsToWriteForTab(t, c.personId) }) },
    {
      method: 'get', path: '/api/tab/records/:agreementId/:sessionId/form', what: 'tab.record.form',
      handler: async (c, i) => ({ json: await recordFormForTab(t, c.personId, parse(ZSessionRef, i.params, BAD_INPUT.ids!)) }),
    },
    {
      method: 'post', path: '/api/tab/records/share', what: 'tab.record.share',
      handler: async (c, i) => {
        const fields = parse(ZRecordFields, i.body, BAD_INPUT.body!);
        const ids = parse(ZRecordShareData, fields, BAD_INPUT.body!);
        return { json: await shareRecordFromTab(t, { id: c.personId, name: c.name }, { agreementId: ids.agreementId, sessionId: ids.sessionId, basedOn: ids.basedOn, actionIds: ids.actionIds, fields }) };
      },
    },
    // Reviews and milestones (issue 14 item 1): the chat card's schema (ZMilestoneRecordData) and use case.
    { method: 'get', path: '/api/tab/milestones', what: 'tab.milestones', handler: async (c) => ({ json: await myMilestones(t, c.personId) }) },
    {
      method: 'get', path: '/api/tab/milestones/:agreementId/:sessionId', what: 'tab.milestone.form',
      handler: async (c, i) => ({ json: await milestoneFormForTab(t, c.personId, parse(ZSessionRef, i.params, BAD_INPUT.ids!)) }),
    },
    {
      method: 'post', path: '/api/tab/milestones/record', what: 'tab.milestone.record',
      handler: async (c, i) => ({ json: await recordMilestoneFromTab(t, { id: c.personId, name: c.name }, parse(ZMilestoneRecordData, i.body, BAD_INPUT.body!)) }),
    },
    { method: 'get', path: '/api/tab/team', what: 'tab.team', handler: async (c) => ({ json: await myTeam(t, c.personId) }) },
    {
      method: 'get', path: '/api/tab/team/people/:personId', what: 'tab.team.person',
      handler: async (c, i) => ({ json: await personDrill(t, c.personId, parse(z.object({ personId: guid }), i.params, BAD_INPUT.ids!).personId) }),
    },
    { method: 'get', path: '/api/tab/service', what: 'tab.service', handler: async (c) => ({ json: await myService(t, c.personId) }) },
    {
      method: 'get', path: '/api/tab/service/report.csv', what: 'tab.service.csv',
      handler: async (c) => {
        const { csv, from, to } = await myServiceCsv(t, c.personId);
        return { csv, filename: `supervision-report-${from}-to-${to}.csv` };
      },
    },
    {
      method: 'get', path: '/api/tab/meeting', what: 'tab.meeting',
      handler: async (c, i) => ({ json: await meetingView(t, c.personId, parse(ZMeetingQuery, i.query, BAD_INPUT.ids!)) }),
    },
    {
      method: 'post', path: '/api/tab/meeting/start-record', what: 'tab.meeting.start-record',
      handler: async (c, i) => ({ json: await startRecordFromMeeting(t, c.personId, parse(ZSessionRef, i.body, BAD_INPUT.body!)) }),
    },
  ];
}

function refusal(code: string, message: string, why?: ApiError['error']['why']): ApiError {
  return { error: { code, message, ...(why ? { why } : {}) } };
}

const idOf = (value: unknown, key: string): string | undefined => {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** Mounts the API on the bot's server. */
export function mountTabApi(server: restify.Server, deps: TabApiDeps): void {
  for (const route of tabApiRoutes(deps)) {
    server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
      res.setHeader('cache-control', 'no-store');
      let caller: Caller;
      try {
        const identity = await deps.sso.validate(req.headers.authorization);
        const person = await deps.tab.agenda.directory.getPerson(identity.personId).catch(() => undefined);
        caller = { personId: identity.personId, name: person?.displayName ?? identity.name ?? 'Unknown' };
      } catch (error) {
        if (error instanceof TokenRejected) {
          deps.log.warn('tab.token_refused', { what: route.what, reason: error.reason });
          res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
          res.send(401, refusal('unauthenticated', 'Your sign-in was not accepted. Close and reopen the tab to sign in again.'));
          return;
        }
        deps.log.error('tab.signing_keys_unavailable', { what: route.what, ...errorFields(error instanceof SigningKeysUnavailable ? error.cause : error) });
        res.send(503, refusal('unavailable', 'Sign-in cannot be checked just now. Please try again in a minute.'));
        return;
      }
      const input: Input = { body: req.body, query: (req.query ?? {}) as Record<string, unknown>, params: (req.params ?? {}) as Record<string, string> };
      try {
        const answer = await route.handler(caller, input);
        if ('csv' in answer) {
          res.setHeader('content-type', 'text/csv; charset=utf-8');
          res.setHeader('content-disposition', `attachment; filename="${answer.filename}"`);
          res.sendRaw(200, answer.csv);
        } else {
          res.send(answer.status ?? 200, answer.json);
        }
      } catch (error) {
        if (error instanceof BadInput) {
          res.send(400, refusal('invalid_input', error.plain));
          return;
        }
        if (isAppError(error) && error.code !== 'internal') {
          await auditIfRefused(deps, caller, route.what, error, input);
          res.send(error.status, refusal(error.code, plainWords(error), policyWhyOf(error)));
          return;
        }
        deps.log.error('tab.request_failed', { what: route.what, ...errorFields(error) });
        res.send(500, refusal('internal', 'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.'));
      }
    });
  }
}

async function auditIfRefused(deps: TabApiDeps, caller: Caller, what: string, error: AppError, input: Input): Promise<void> {
  if (error.code !== 'forbidden') return;
  const agreementId = idOf(input.body, 'agreementId') ?? idOf(input.params, 'agreementId') ?? idOf(input.query, 'agreementId');
  const sessionId = idOf(input.body, 'sessionId') ?? idOf(input.params, 'sessionId') ?? idOf(input.query, 'sessionId');
  try {
    await deps.audit({ byId: caller.personId, what, error, agreementId, sessionId });
  } catch (failure) {
    // The person still gets their answer; the failed audit is logged (no ids of theirs in the line).
    deps.log.warn('tab.audit_failed', { what, ...errorFields(failure) });
  }
}
