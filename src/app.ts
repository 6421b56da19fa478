/**
 * The composition root: the only place that constructs adapters and wires them to the use cases,
 * the conversation and the background jobs. It reads top to bottom as a list: configuration,
 * outside systems, repositories, the bot's channel, the use cases' dependencies, the
 * conversation, the background jobs, the HTTP server.
 */
import { randomUUID } from 'node:crypto';
import { createBotChannel, ZStoredReference } from './adapters/bot/create-bot.js';
import { createEscalationMessenger } from './adapters/bot/teams-messenger.js';
import { GraphCalendar } from './adapters/graph/calendar/index.js';
import { GraphChangeSubscriptions } from './adapters/graph/calendar/change-subscriptions.js';
import { createGraphClient } from './adapters/graph/graph-client.js';
import { reportGraphPermissions } from './adapters/graph/permission-report.js';
import { CachedDirectory } from './adapters/graph/cached-directory.js';
import { GraphDirectory } from './adapters/graph/graph-directory.js';
import { createMailMessenger } from './adapters/graph/mail-messenger.js';
import { createGraphSupervisionFile } from './adapters/graph/sharepoint/graph-supervision-file.js';
import { createTeamsAppInstaller } from './adapters/graph/teams-app-installer.js';
import { msalTokenProvider, sandboxTokenProvider } from './adapters/graph/token-providers.js';
import { tenantCredentials } from './adapters/identity/tenant-credentials.js';
import { renderRecordPdf } from './adapters/pdf/record-pdf.js';
import { createStorage } from './adapters/storage/index.js';
import { clockRoute, systemClock, TravellingClock, type AppClock } from './clock.js';
import { readEscalationSettings } from './config/escalation-settings.js';
import type { Config } from './config/schema.js';
import { threeWaySettingsOf } from './config/three-way.js';
import { installAppForParties } from './usecases/agreements/install-app.js';
import { completeRenewal } from './usecases/agreements/agreement-review.js';
import { agreementReviewJob } from './jobs/agreement-review/index.js';
import { sendAgreementForReview } from './conversation/agreements/review-card.js';
import { preparationCardReply } from './conversation/agenda/present.js';
import { londonToday } from './conversation/agreements/format.js';
import { resendBookingConfirmations, sendBookingConfirmation } from './conversation/agreements/flow.js';
import type { ConversationContext } from './conversation/context.js';
import { recordCardReply, tellSuperviseeOfRecord, tellSupervisorOfDisagreement, tellSupervisorOfSignature } from './conversation/records/flow.js';
import { milestoneCardReply, tellSuperviseeOfMilestone } from './conversation/records/milestone-flow.js';
import { text } from './conversation/reply.js';
import { noticeReplies } from './conversation/sessions/session-notices.js';
import { createWorkingCalendar } from './domain/calendar/working-calendar.js';
import type { SyncNotice } from './domain/sessions/notice.js';
import { graphLifecycleRoute, graphNotificationsRoute } from './graph-notifications.js';
import type { HealthCheck } from './health.js';
import { bookingQueue, enqueueBooking } from './jobs/booking/queue.js';
import { runBookingWorker } from './jobs/booking/worker.js';
import { ensureChangeSubscriptions, handleLifecycleNotifications, mailboxesToSync, type SubscriptionDeps } from './jobs/calendar-sync/change-subscriptions.js';
import { MailboxCoalescer } from './jobs/calendar-sync/mailbox-coalescer.js';
import { syncAllCalendars } from './jobs/calendar-sync/run-calendar-sync.js';
import { syncSupervisorCalendar, type CalendarSyncDeps } from './jobs/calendar-sync/sync-supervisor-calendar.js';
import { enqueueFiling, enqueueUnfiledRecords, filedNotices, filingQueue, runFilingWorker } from './jobs/filing/index.js';
import { ChangedAgreements } from './jobs/notices/changed-agreements.js';
import { recordCardsJob } from './jobs/records/record-cards.js';
import { milestoneCardsJob } from './jobs/records/milestone-cards.js';
import { every, startBackground, worker, type BackgroundJob } from './jobs/registry.js';
import { sweepAfterEvent, type SweepDeps } from './jobs/sweep/run-sweep.js';
import { sweepJob } from './jobs/sweep/schedule.js';
import { digestCopiesJob } from './jobs/sweep/digest-copies.js';
import { agreementYearsJob } from './jobs/agreement-years/move-agreement-years.js';
import { errorFields } from './observability/error-fields.js';
import type { Logger } from './observability/logger.js';
import { titledPacks } from './policy/packs.js';
import { createRepositories } from './repositories/index.js';
import { RefusalRepository, refusalLog } from './repositories/refusals.js';
import { startServer, type RunningServer } from './server.js';
import type { AgendaConversationDeps } from './conversation/agenda/deps.js';
import type { AgreementDeps } from './usecases/agreements/deps.js';
import { sendDuePreparationCards } from './usecases/agenda/send-preparation-cards.js';
import { deliverNotices } from './usecases/notices/deliver-notices.js';
import type { RecordDeps } from './usecases/records/deps.js';
import { recordCardForMeetingEnd, sendRecordCard, type RecordCardDeps } from './usecases/records/send-record-card.js';
import { ssoSettingsFor } from './tab/auth/sso-settings.js';
import { ssoValidator } from './tab/auth/sso-token.js';
import { fileAssets, type TabAssets } from './tab/http/assets.js';
import { tabMount } from './tab/http/mount-tab.js';
import { auditRefusal } from './usecases/audit/audit-refusal.js';
import type restify from 'restify';

export interface RunningApp {
  readonly server: RunningServer;
  /** The time the app works to (moved forward through /api/sandbox/clock in sandbox mode). */
  readonly clock: AppClock;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Default: real time in tenant mode, a forward-only travelling clock in sandbox mode. */
  readonly clock?: AppClock;
  /** The tab's browser code: bundled in memory by `npm start` and the tests; default, the files of `npm run build:tab`. */
  readonly tabAssets?: TabAssets | undefined;
  /** More routes on the bot's server (`npm start`'s local Teams-like host for the tab). */
  readonly mount?: ((server: restify.Server) => void) | undefined;
}

/** How long a directory answer (a person, their manager, their reports) is reused. */
export const DIRECTORY_CACHE_MS = 60_000;

/** What a pass reports, as log counts. */
const counts = (summary: object): Record<string, number> => Object.fromEntries(Object.entries(summary).filter((e): e is [string, number] => typeof e[1] === 'number'));
const anyOf = (...keys: string[]) => (c: Readonly<Record<string, number>>) => keys.some((k) => (c[k] ?? 0) > 0);

export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<RunningApp> {
  // ── Configuration and time ──────────────────────────────────────────────────────────────
  const clock = options.clock ?? (config.SUPERVISION_MODE === 'sandbox' ? new TravellingClock() : systemClock);
  const now = () => clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  // Tenant mode's credentials, of the type CREDENTIAL_TYPE picks (src/config/credentials.ts).
  const credentials = config.SUPERVISION_MODE === 'tenant' ? tenantCredentials(config) : undefined;
  const storageTarget = credentials?.storage ?? config.AZURE_STORAGE_CONNECTION_STRING;
  const graphBaseUrl = config.GRAPH_BASE_URL;
  if (!storageTarget) throw new Error('Configuration error: AZURE_STORAGE_CONNECTION_STRING is missing; expected an Azure Storage connection string');
  if (!graphBaseUrl) throw new Error('Configuration error: GRAPH_BASE_URL is missing; expected a URL such as https://graph.microsoft.com/v1.0');
  // Citations people see name the policy as the council does (POLICY_TITLE).
  const getPack = titledPacks(config.POLICY_PACK, config.POLICY_TITLE);
  // Fails at startup, not at the first agreement, when POLICY_PACK names no pack.
  const pack = getPack(config.POLICY_PACK);
  const workingDays = createWorkingCalendar({ nation: config.BANK_HOLIDAY_NATION });
  const escalation = readEscalationSettings(config.ESCALATION_SETTINGS_FILE);

  // ── Storage: repositories, queues, leases ───────────────────────────────────────────────
  const storage = createStorage(storageTarget);
  const repos = createRepositories(storage);
  const refusals = new RefusalRepository(refusalLog(storage));
  const bookings = bookingQueue(storage);
  const filings = filingQueue(storage);
  const locks = storage.leases();
  const referenceStore = storage.versioned('conversationrefs', ZStoredReference);
  // ensureCreated covers everything built above, so it runs after all of it.
  await storage.ensureCreated();

  // ── Microsoft Graph ─────────────────────────────────────────────────────────────────────
  const tokens = credentials ? msalTokenProvider(credentials.app, graphBaseUrl) : sandboxTokenProvider();
  const graph = createGraphClient({ baseUrl: graphBaseUrl, tokens, log });
  // Says at startup, by name, which of the product's Graph permissions the app lacks (permissions.ts).
  void reportGraphPermissions({ tokens, graphBaseUrl, log });
  // Directory answers are reused for a minute (issue 16 item 4): turns and passes asked Graph the
  // same questions again and again; Entra itself takes minutes to show a change.
  const directory = new CachedDirectory(new GraphDirectory(graph), { ttlMs: DIRECTORY_CACHE_MS });
  const calendar = new GraphCalendar({ client: graph, baseUrl: graphBaseUrl, log });

  // ── The bot's channel: proactive messages to people ─────────────────────────────────────
  const channel = createBotChannel({ config, log, storage: storageTarget, referenceStore, ...(credentials ? { appTokens: credentials.app } : {}) });
  const { notifier } = channel;
  // Both people get the app at signing (issue 14 item 5), through the booking job, so later
  // reminders find their chats; the sweep's messenger still installs for anyone it missed.
  const installAtSigning = (agreementId: string) => installAppForParties({
    agreements: repos.agreements,
    installer: createTeamsAppInstaller({ graph, manifestId: config.TEAMS_APP_ID, graphBaseUrl }),
    hasReference: async (personId) => {
      const r = await channel.references.find(personId);
      return Boolean(r?.conversation?.id && r.serviceUrl);
    },
  }, agreementId);

  // ── Obligations: the daily sweep, and the sweep of one agreement after an event ─────────
  const sweepDeps: SweepDeps | undefined = escalation
    ? {
        agreements: repos.agreements, records: repos.records, escalations: repos.escalations, directory, packFor: getPack, settings: escalation, calendar: workingDays,
        // Someone who never opened the app gets it installed through Graph first (issue 6 item 4).
        messenger: createEscalationMessenger({ notifier, references: channel.references, installer: createTeamsAppInstaller({ graph, manifestId: config.TEAMS_APP_ID, graphBaseUrl }) }),
        mail: config.NOTIFICATIONS_MAILBOX
          ? createMailMessenger({ graph, senderId: config.NOTIFICATIONS_MAILBOX, addressOf: async (id) => (await directory.getPerson(id))?.mail })
          : undefined,
      }
    : undefined;
  if (!sweepDeps) log.warn('sweep.not_configured', { hint: 'set ESCALATION_SETTINGS_FILE to turn on reminders and escalations' });
  // A record shared, signed or not held, a postponement or an ended agreement re-evaluates that
  // agreement at once (issue 6 item 1). Inside a card action: one try, no waiting on a lease
  // another instance holds (the daily sweep catches up).
  const obligationsChanged = async (agreementId: string): Promise<void> => {
    if (!sweepDeps) return;
    await sweepAfterEvent(sweepDeps, agreementId, now(), { attempts: 1 }).catch((error: unknown) => log.warn('sweep.after_event_failed', { ...errorFields(error) }));
  };

  // ── What the use cases get ──────────────────────────────────────────────────────────────
  const agreementDeps: AgreementDeps = {
    agreements: repos.agreements, directory, pack, now, today: () => londonToday(clock.now()), milestones: repos.milestones,
    enqueueBooking: async (agreementId) => {
      await enqueueBooking(bookings, agreementId);
    },
  };
  const agendaDeps: AgendaConversationDeps = { agreements: repos.agreements, records: repos.records, directory, packFor: getPack, now, newId: randomUUID };
  const recordDeps: RecordDeps = {
    records: repos.records, agreements: repos.agreements, directory, packFor: getPack, now, newId: randomUUID,
    // Signed records go to the employee's SharePoint file through a durable queue (issue 5 item 4).
    onFinal: async (agreementId, sessionId) => {
      await enqueueFiling(filings, { agreementId, sessionId });
    },
    onChange: obligationsChanged,
    milestones: repos.milestones,
  };
  const sessionDeps = { calendar, agreements: repos.agreements, milestones: repos.milestones, directory, packFor: getPack, now, notices: repos.notices, notifier };

  // ── The conversation, and the bot serving it ────────────────────────────────────────────
  const conversation: ConversationContext = {
    directory, councilName: config.COUNCIL_NAME, notifier, newId: randomUUID,
    agreements: agreementDeps,
    sessions: sessionDeps,
    concerns: repos.concerns,
    threeWay: threeWaySettingsOf(config),
    agenda: agendaDeps,
    records: recordDeps,
    // Escalation cards' buttons (acknowledge, note, rebook now) act on the sweep's ledger (issue 6 item 4).
    escalations: { escalations: repos.escalations, agreements: repos.agreements, records: repos.records, calendar, directory, packFor: getPack, now },
    peoplePicker: config.SUPERVISION_MODE === 'tenant',
    // Every refusal goes to the append-only audit log (issue 16 L7).
    audit: { refusals, now, newId: randomUUID, log },
    // "Team compliance" and "what needs my attention" in chat (issue 15 item 4): the report's and the sweep's stores.
    compliance: { agreements: repos.agreements, escalations: repos.escalations, directory, packFor: getPack, calendar: workingDays, settings: escalation ?? undefined, today: () => londonToday(clock.now()), now },
    attention: { escalations: repos.escalations, agreements: repos.agreements, packFor: getPack, calendar: workingDays, now },
  };
  const recordCards: RecordCardDeps = {
    ...recordDeps, log,
    deliverCard: async (record) => notifier.notify(record.supervisor.id, [await recordCardReply(recordDeps, record)]),
  };
  const messages = channel.serve(conversation, {
    now,
    // Teams' meeting-end event, when the bot is in the meeting: the record card at once (issue 5 item 2).
    onMeetingEnd: async (joinUrl) => {
      await recordCardForMeetingEnd(recordCards, joinUrl);
    },
  });

  // ── Outlook moves and cancellations: notices to people, then the obligations again ──────
  const syncDeps: CalendarSyncDeps = { calendar, agreements: repos.agreements, syncState: repos.calendarSync, notices: repos.notices, packFor: getPack, now, log };
  const changedByNotices = new ChangedAgreements();
  const sendNotice = (recipientId: string) => async (notice: SyncNotice) => {
    changedByNotices.note(notice);
    const agreement = await repos.agreements.get(notice.agreementId);
    const supervisee = agreement ? await directory.getPerson(agreement.terms.superviseeId) : undefined;
    return notifier.notify(recipientId, await noticeReplies(notice, getPack(agreement?.terms.policyId ?? config.POLICY_PACK), supervisee?.displayName ?? 'your supervisee'));
  };
  // The sweep's messages never overtake the notice itself: drained once the notices are out.
  const afterMailbox = async (supervisorId: string): Promise<void> => {
    await deliverNotices(repos.notices, supervisorId, sendNotice(supervisorId), now, log);
    await changedByNotices.drain(obligationsChanged);
  };
  const notificationUrl = config.PUBLIC_URL ? new URL('/api/graph-notifications', config.PUBLIC_URL).toString() : undefined;
  // Graph's lifecycle notifications (reauthorize, removed, missed) for those subscriptions.
  const subscriptionDeps: SubscriptionDeps | undefined = config.PUBLIC_URL && notificationUrl
    ? { gateway: new GraphChangeSubscriptions(graph), store: repos.calendarSync, agreements: repos.agreements, notificationUrl, lifecycleNotificationUrl: new URL('/api/graph-lifecycle', config.PUBLIC_URL).toString(), nowMs: Date.now }
    : undefined;

  // ── Background work, declared in one list (issue 10 item 4) ─────────────────────────────
  const confirmBooking = (agreementId: string): Promise<void> => sendBookingConfirmation(conversation, agreementId);
  const jobs: BackgroundJob[] = [
    // Booking runs beside the bot (issue 4 item 3: queued, resumable); instances share the queue.
    worker('booking', (signal) => runBookingWorker({ agreements: repos.agreements, milestones: repos.milestones, calendar, directory, queue: bookings, log, installApp: installAtSigning,
      // A reviewed agreement both signed: the one it renews records its review, or ends (issue 14 item 3).
      completeRenewal: (agreementId) => completeRenewal({ calendar, agreements: repos.agreements, notices: repos.notices, now }, agreementId) }, {
      signal,
      onBooked: (summary) => {
        if (summary.agreementStatus === 'booked') background.track('booking.confirmation', confirmBooking(summary.agreementId));
      },
    })),
    // The agreement back for its review ahead of its review date, or at a change of supervisor (issue 14 item 3), one instance at a time.
    agreementReviewJob({
      agreements: repos.agreements, directory, now, today: () => londonToday(clock.now()), log,
      calendar: workingDays, reviewLeadWorkingDays: config.AGREEMENT_REVIEW_LEAD_WORKING_DAYS,
      sendReview: (successor, personId, reason) => sendAgreementForReview(conversation, successor, personId, reason),
    }),
    // A confirmation a crash left unsent goes out again (per-person ETag claims: safe on every instance).
    every('booking-confirmations', 5 * 60_000, async () => counts(await resendBookingConfirmations(conversation, now())), { busy: anyOf('delivered', 'failed', 'gaveUp') }),
    // Outlook moves and cancellations (issue 4 item 5): a delta reconcile, one instance at a time.
    every('calendar-sync', config.CALENDAR_SYNC_SECONDS * 1000, async (signal) => {
      if (subscriptionDeps) {
        await ensureChangeSubscriptions(subscriptionDeps)
          .catch((error: unknown) => log.warn('calendar-sync.subscriptions_failed', { ...errorFields(error) }));
      }
      return counts(await syncAllCalendars(syncDeps, log, signal, afterMailbox));
    }, { leaseSeconds: 60, busy: anyOf('moved', 'postponed', 'failed') }),
    // The record card at scheduled end + 15 minutes: every few seconds in the sandbox (the demo
    // moves its clock), every five minutes in a tenant, where the meeting-end event is the fast path.
    recordCardsJob(recordCards, config.SUPERVISION_MODE === 'sandbox' ? 5_000 : 300_000),
    // A review or milestone's record card after its meeting (issue 14 item 1), on the same beat.
    milestoneCardsJob({
      ...recordDeps, milestones: repos.milestones, log,
      deliverCard: async (record) => notifier.notify(record.supervisor.id, [await milestoneCardReply(recordDeps, record)]),
    }, config.SUPERVISION_MODE === 'sandbox' ? 5_000 : 300_000),
    // Preparation cards (issue 5 item 1): each booked session's supervisee, lead working days before, once.
    every('preparation', 15 * 60_000, async () => counts(await sendDuePreparationCards({
      ...agendaDeps, calendar: workingDays, log,
      deliverCard: (upcoming, carried) => notifier.notify(upcoming.agreement.terms.superviseeId, [preparationCardReply(upcoming, carried)]),
    }, now())), { busy: anyOf('sent', 'unreachable', 'failed') }),
    ...(sweepDeps ? [sweepJob(sweepDeps, () => clock.now().getTime())] : []),
    // From which day every digest has its person's copy ("what needs my attention" reads those), once per deployment.
    digestCopiesJob(repos.escalations, () => londonToday(clock.now())),
    // Each agreement's year moved into one partition from the tables of earlier versions, once per deployment.
    agreementYearsJob(repos.agreements),
    ...filingJobs(),
  ];
  function filingJobs(): BackgroundJob[] {
    if (!config.SHAREPOINT_SITE) {
      log.warn('filing.not_configured', { hint: 'set SHAREPOINT_SITE to file signed records in SharePoint' });
      return [];
    }
    const supervisionFile = createGraphSupervisionFile({ graph, site: config.SHAREPOINT_SITE, library: config.SHAREPOINT_LIBRARY, retentionLabel: config.RECORDS_RETENTION_LABEL, log });
    return [
      worker('filing', (signal) => runFilingWorker({
        queue: filings, records: repos.records, supervisionFile, renderPdf: renderRecordPdf, councilName: config.COUNCIL_NAME, packFor: getPack, now: () => clock.now(), log,
        onFiled: async (record) => {
          for (const n of filedNotices(record)) await notifier.notify(n.personId, [text(n.text)]);
        },
      }, { signal })),
      // A record left final by a crash before it was queued is queued again (at start, then hourly).
      every('filing-backstop', 60 * 60_000, async () => ({ queued: await enqueueUnfiledRecords({ agreements: repos.agreements, records: repos.records, queue: filings }) }), { busy: anyOf('queued') }),
    ];
  }
  const background = startBackground(jobs, { lock: locks, log, clock: () => clock.now().getTime() });

  // ── HTTP: the bot, health, Graph change notifications, the sandbox clock ────────────────
  const mailboxes = new MailboxCoalescer(async (mailbox) => {
    await syncSupervisorCalendar(syncDeps, mailbox);
    await afterMailbox(mailbox);
  }, (work) => background.track('calendar-sync.notification_pass', work));
  const health: HealthCheck[] = [
    {
      name: 'storage',
      async check() {
        const report = await storage.ping();
        if (report.ok) return;
        const failed = (['blob', 'queue', 'table'] as const).filter((name) => !report[name].ok);
        throw new Error(failed.map((name) => `${name}: ${report[name].error ?? 'unreachable'}`).join('; '));
      },
    },
    { name: 'graph', check: () => directory.ping() },
  ];
  const posts = {
    '/api/graph-notifications': graphNotificationsRoute({ mailboxesOf: (body) => mailboxesToSync(repos.calendarSync, body), sync: (mailbox) => mailboxes.request(mailbox) }),
    '/api/graph-lifecycle': graphLifecycleRoute({
      handle: async (body) => (subscriptionDeps ? handleLifecycleNotifications({ ...subscriptionDeps, sync: (mailbox) => mailboxes.request(mailbox), log }, body) : []),
      track: (work) => background.track('calendar-sync.lifecycle', work),
    }),
    // Sandbox only (the server is loopback-only there): see src/clock.ts.
    ...(clock instanceof TravellingClock ? { '/api/sandbox/clock': clockRoute(clock) } : {}),
  };

  // ── The tab: My supervision, My team, My service and the meeting, over single sign-on (issue 13) ──
  const tab = tabMount({
    tab: {
      agenda: agendaDeps, records: recordDeps, escalations: repos.escalations, calendar: workingDays, settings: escalation ?? undefined,
      today: () => londonToday(clock.now()),
      sendRecordCard: (agreementId, sessionId) => sendRecordCard(recordCards, agreementId, sessionId),
      recordShared: (record) => tellSuperviseeOfRecord(notifier, record),
      recordSigned: (record) => tellSupervisorOfSignature(notifier, record),
      recordDisagreed: (record, disagreement) => tellSupervisorOfDisagreement(notifier, record, disagreement),
      milestoneShared: (record, milestone) => tellSuperviseeOfMilestone(notifier, record, milestone),
    },
    sso: ssoValidator(ssoSettingsFor(config)),
    audit: (refusal) => auditRefusal({ refusals, now, newId: randomUUID, log }, refusal),
    councilName: config.COUNCIL_NAME, log,
    assets: options.tabAssets ?? fileAssets('dist/tab-web'),
  });

  let server: RunningServer;
  try {
    server = await startServer({ config, log, messages, health, posts, mount: (s) => { tab(s); options.mount?.(s); } });
  } catch (error) {
    await background.stop();
    throw error;
  }
  if (config.SUPERVISION_MODE === 'sandbox') {
    process.stdout.write(`SANDBOX MODE: Bot Framework token validation is off; activities are accepted only from this machine (loopback) at ${server.url}/api/messages\n`);
  }
  log.info('app.started', { mode: config.SUPERVISION_MODE, port: server.port });
  return {
    server,
    clock,
    async close() {
      // The server first: turns still finishing may queue work, which the next start picks up.
      await server.close();
      await background.stop();
      log.info('app.stopped');
    },
  };
}
