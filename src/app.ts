import { createBot, ZStoredReference } from './adapters/bot/create-bot.js';
import { createGraphClient } from './adapters/graph/graph-client.js';
import { GraphDirectory } from './adapters/graph/graph-directory.js';
import { msalTokenProvider, sandboxTokenProvider } from './adapters/graph/token-providers.js';
import { createStorage } from './adapters/storage/index.js';
import type { Config } from './config/schema.js';
import type { ConversationContext } from './conversation/context.js';
import type { HealthCheck } from './health.js';
import type { Logger } from './observability/logger.js';
import { startServer, type RunningServer } from './server.js';
import { randomUUID } from 'node:crypto';
import { londonToday } from './conversation/agreements/format.js';
import { getPack } from './policy/packs.js';
import { agreementKey, agreementStore, listSessions, sessionStore } from './jobs/booking/stores.js';
import { bookingQueue, enqueueBooking } from './jobs/booking/queue.js';
import { runBookingWorker } from './jobs/booking/worker.js';
import { GraphCalendar } from './adapters/graph/calendar/index.js';
import { resendBookingConfirmations, sendBookingConfirmation } from './conversation/agreements/flow.js';
import { ZAgreementLink, type AgreementDeps } from './usecases/agreements/deps.js';
import { ZSyncNotice, type SyncNotice } from './jobs/calendar-sync/notices.js';
import { ZSyncState } from './jobs/calendar-sync/sync-supervisor-calendar.js';
import { startCalendarSync } from './jobs/calendar-sync/run-calendar-sync.js';
import { syncSupervisorCalendar } from './jobs/calendar-sync/sync-supervisor-calendar.js';
import { ensureChangeSubscriptions, mailboxesToSync, ZChangeNotifications, ZChangeSubscription } from './jobs/calendar-sync/change-subscriptions.js';
import { GraphChangeSubscriptions } from './adapters/graph/calendar/change-subscriptions.js';
import { deliverNotices } from './jobs/notices/deliver-notices.js';
import { ChangedAgreements } from './jobs/notices/changed-agreements.js';
import { noticeReplies } from './conversation/sessions/session-notices.js';
import { ZSupervisionConcern } from './conversation/sessions/not-getting-supervision.js';
import { createEscalationMessenger } from './adapters/bot/teams-messenger.js';
import { createTeamsAppInstaller } from './adapters/graph/teams-app-installer.js';
import { createMailMessenger } from './adapters/graph/mail-messenger.js';
import { createWorkingCalendar } from './domain/calendar/working-calendar.js';
import { readEscalationSettings } from './config/escalation-settings.js';
import { startSweepScheduler } from './jobs/sweep/schedule.js';
import { sweepStores } from './repositories/escalations.js';
import { actionStore, agendaStore, recordStore } from './jobs/records/stores.js';
import { startPreparationScheduler } from './jobs/preparation/send-due.js';
import type { AgendaConversationDeps } from './conversation/agenda/deps.js';
import { enqueueFiling, enqueueUnfiledRecords, filedNotices, filingQueue, runFilingWorker } from './jobs/filing/index.js';
import { createGraphSupervisionFile } from './adapters/graph/sharepoint/graph-supervision-file.js';
import { text } from './conversation/reply.js';
import { createRecordDeps, recordTables } from './usecases/records/deps.js';
import { recordCardForMeetingEnd, startRecordCardScheduler } from './jobs/records/record-cards.js';
import { sweepAfterEvent, type SweepDeps } from './jobs/sweep/run-sweep.js';
import { clockRoute, systemClock, TravellingClock, type AppClock } from './clock.js';

export interface RunningApp {
  readonly server: RunningServer;
  /** The time the app works to (moved forward through /api/sandbox/clock in sandbox mode). */
  readonly clock: AppClock;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Default: real time in tenant mode, a forward-only travelling clock in sandbox mode. */
  readonly clock?: AppClock;
}

/**
 * The composition root: the only place that constructs adapters and wires them to the
 * conversation and domain code.
 */
export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<RunningApp> {
  const clock = options.clock ?? (config.SUPERVISION_MODE === 'sandbox' ? new TravellingClock() : systemClock);
  const nowIso = () => clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const connectionString = config.AZURE_STORAGE_CONNECTION_STRING;
  const graphBaseUrl = config.GRAPH_BASE_URL;
  if (!connectionString) throw new Error('Configuration error: AZURE_STORAGE_CONNECTION_STRING is missing; expected an Azure Storage connection string');
  if (!graphBaseUrl) throw new Error('Configuration error: GRAPH_BASE_URL is missing; expected a URL such as https://graph.microsoft.com/v1.0');

  const storage = createStorage(connectionString);
  const referenceStore = storage.versioned('conversationrefs', ZStoredReference);
  const agreements = agreementStore(storage);
  const sessions = sessionStore(storage);
  const agreementLinks = storage.versioned('agreementparties', ZAgreementLink);
  const bookings = bookingQueue(storage);
  const notices = storage.versioned('notices', ZSyncNotice);
  const syncState = storage.versioned('calendarsync', ZSyncState);
  const locks = storage.leases();
  const sweep = sweepStores(storage);
  const changeSubscriptions = storage.versioned('changesubscriptions', ZChangeSubscription);
  const concerns = storage.versioned('concerns', ZSupervisionConcern);
  const records = recordStore(storage);
  const actions = actionStore(storage);
  const agendas = agendaStore(storage);
  const filings = filingQueue(storage);
  const recordTablesOfApp = recordTables(storage, agreementLinks);
  // ensureCreated covers the stores built above, so it runs after all of them.
  await storage.ensureCreated();

  const tokens =
    config.SUPERVISION_MODE === 'tenant'
      ? msalTokenProvider({ clientId: config.MICROSOFT_APP_ID, clientSecret: config.MICROSOFT_APP_PASSWORD, tenantId: config.MICROSOFT_APP_TENANT_ID })
      : sandboxTokenProvider();
  const graph = createGraphClient({ baseUrl: graphBaseUrl, tokens });
  const directory = new GraphDirectory(graph);

  // Fails at startup, not at the first agreement, when POLICY_PACK names no pack.
  const pack = getPack(config.POLICY_PACK);
  const agreementDeps: AgreementDeps = {
    agreements,
    links: agreementLinks,
    key: agreementKey,
    sessionsOf: async (agreementId) => (await listSessions(sessions, agreementId)).map((item) => item.value),
    directory,
    pack,
    now: nowIso,
    today: () => londonToday(clock.now()),
    enqueueBooking: async (agreementId) => {
      await enqueueBooking(bookings, agreementId);
    },
  };
  const calendar = new GraphCalendar({ client: graph, log });
  const agendaDeps: AgendaConversationDeps = {
    agendas, actions, agreements, links: agreementLinks, directory,
    sessionsOf: agreementDeps.sessionsOf, packFor: getPack, now: nowIso, newId: randomUUID,
  };
  const now = nowIso;
  // Set once the sweep exists (it needs the bot's notifier): a record shared, signed or not held
  // re-evaluates that agreement's obligations at once (issue 6 item 1).
  let afterEvent: ((agreementId: string) => Promise<void>) | undefined;
  const recordDeps = createRecordDeps({
    tables: recordTablesOfApp, directory, packFor: getPack, now: nowIso, newId: randomUUID,
    onFinal: async (agreementId, sessionId) => {
      await enqueueFiling(filings, { agreementId, sessionId });
    },
    onChange: async (agreementId) => {
      await afterEvent?.(agreementId);
    },
  });
  // Escalation cards' buttons (acknowledge, note, rebook now) act on the sweep's ledger (issue 6 item 4).
  const escalationDeps = { stores: sweep, agreements, sessions, records, calendar, directory, packFor: getPack, now: nowIso };
  const bot = createBot({
    config,
    log,
    conversation: (notifier): ConversationContext => ({
      directory,
      councilName: config.COUNCIL_NAME,
      agreements: agreementDeps,
      notifier,
      sessions: { calendar, agreements, sessions, directory, packFor: getPack, now, notices },
      concerns,
      agenda: agendaDeps,
      records: recordDeps,
      escalations: escalationDeps,
      newId: randomUUID,
      peoplePicker: config.SUPERVISION_MODE === 'tenant',
    }),
    storageConnectionString: connectionString,
    referenceStore,
    now: nowIso,
    onMeetingEnd: async (joinUrl) => {
      await recordCardForMeetingEnd(recordCardDeps(), joinUrl);
    },
  });
  const recordCardDeps = () => ({ ...recordDeps, notifier: bot.notifier, log });

  // The record card goes to the supervisor when the meeting ends: scheduled end + 15 minutes, or
  // Teams' meeting-end event when the bot is in the meeting (issue 5 item 2).
  const stopRecordCards = new AbortController();
  // Each pass reads every agreement's sessions: every few seconds in the sandbox (the demo moves
  // its clock), every five minutes in a tenant, where Teams' meeting-end event is the fast path.
  const recordCards = startRecordCardScheduler({ deps: recordCardDeps(), intervalMs: config.SUPERVISION_MODE === 'sandbox' ? 5_000 : 300_000, signal: stopRecordCards.signal, log, lock: locks })
    .catch((error: unknown) => log.error('records.card_scheduler_stopped', { error: error instanceof Error ? error.name : 'unknown' }));

  // Preparation cards (issue 5 item 1): each booked session's supervisee, lead working days before, once.
  const preparation = startPreparationScheduler({
    deps: { ...agendaDeps, notifier: bot.notifier, calendar: createWorkingCalendar({ nation: config.BANK_HOLIDAY_NATION }), log },
    intervalMs: 15 * 60_000,
    now: nowIso,
  });

  // Signed records to the employee's SharePoint supervision file (issue 5 item 4): a durable
  // queue, so a crash or a throttled Graph never loses or duplicates a filing.
  const stopFiling = new AbortController();
  const filingWorker = config.SHAREPOINT_SITE
    ? runFilingWorker(
        {
          queue: filings, records,
          supervisionFile: createGraphSupervisionFile({ graph, site: config.SHAREPOINT_SITE, retentionLabel: config.RECORDS_RETENTION_LABEL, log }),
          councilName: config.COUNCIL_NAME, packFor: getPack, now: () => clock.now(), log,
          onFiled: async (record) => {
            for (const n of filedNotices(record)) await bot.notifier.notify(n.personId, [text(n.text)]);
          },
        },
        { signal: stopFiling.signal },
      ).catch((error: unknown) => log.error('filing.worker_stopped', { error: error instanceof Error ? error.name : 'unknown' }))
    : undefined;
  if (!config.SHAREPOINT_SITE) log.warn('filing.not_configured', { hint: 'set SHAREPOINT_SITE to file signed records in SharePoint' });
  else {
    // A record left final by a crash before it was queued is queued again at start.
    void enqueueUnfiledRecords({ agreements, records, queue: filings }).catch((error: unknown) => log.warn('filing.backstop_failed', { error: error instanceof Error ? error.name : 'unknown' }));
  }

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

  // Booking runs beside the bot in this process (issue 4 item 3: queued, resumable); more
  // instances simply share the queue. A booked agreement's confirmation goes to both people.
  const stopWorker = new AbortController();
  const confirmations = new Set<Promise<void>>();
  // A confirmation a crash left unsent (claimed, not delivered) goes out again: at start, then
  // every five minutes. Per-person ETag claims make every instance safe to run it.
  const resendConfirmations = (): void => {
    const sending: Promise<void> = resendBookingConfirmations(bot.conversation, nowIso())
      .then((s) => {
        if (s.failed > 0) log.warn('booking.confirmation_resend_failed', { failed: s.failed });
      })
      .catch((error: unknown) => log.warn('booking.confirmation_resend_failed', { error: error instanceof Error ? error.name : 'unknown' }))
      .finally(() => confirmations.delete(sending));
    confirmations.add(sending);
  };
  resendConfirmations();
  const confirmationTimer = setInterval(resendConfirmations, 5 * 60_000);
  confirmationTimer.unref();
  const worker = runBookingWorker(
    { agreements, sessions, calendar, directory, queue: bookings, log },
    {
      signal: stopWorker.signal,
      onBooked: (summary) => {
        if (summary.agreementStatus !== 'booked') return;
        const sending: Promise<void> = sendBookingConfirmation(bot.conversation, summary.agreementId)
          .catch((error: unknown) => log.warn('booking.confirmation_failed', { agreementId: summary.agreementId, error: error instanceof Error ? error.name : 'unknown' }))
          .finally(() => confirmations.delete(sending));
        confirmations.add(sending);
      },
    },
  ).catch((error: unknown) => log.error('booking.worker_stopped', { error: error instanceof Error ? error.name : 'unknown' }));

  // Outlook moves and cancellations (issue 4 item 5): a periodic delta reconcile, one instance at
  // a time, then each supervisor's notices are delivered (a postponement asks for the reason).
  // A postponement or an ended agreement changes obligations: that agreement is swept again once
  // its notices are out (issue 6 item 1). The sweep's ledger makes a repeat harmless.
  const changedByNotices = new ChangedAgreements();
  const render = async (notice: SyncNotice) => {
    changedByNotices.note(notice);
    const agreement = (await agreements.get(agreementKey(notice.agreementId)))?.value;
    const supervisee = agreement ? await directory.getPerson(agreement.terms.superviseeId) : undefined;
    return noticeReplies(notice, getPack(agreement?.terms.policyId ?? config.POLICY_PACK), supervisee?.displayName ?? 'your supervisee');
  };
  const syncDeps = { calendar, agreements, sessions, syncState, notices, packFor: getPack, now };
  const afterMailbox = async (supervisorId: string) => {
    await deliverNotices(notices, bot.notifier, supervisorId, render, now, log);
    await changedByNotices.drain(async (agreementId) => afterEvent?.(agreementId));
  };
  const notificationUrl = config.PUBLIC_URL ? new URL('/api/graph-notifications', config.PUBLIC_URL).toString() : undefined;
  const calendarSync = startCalendarSync({
    ...syncDeps, lock: locks, log, intervalMs: config.CALENDAR_SYNC_SECONDS * 1000, afterMailbox,
    beforePass: notificationUrl
      ? async () => {
          await ensureChangeSubscriptions({ gateway: new GraphChangeSubscriptions(graph), store: changeSubscriptions, agreements, notificationUrl, nowMs: Date.now });
        }
      : undefined,
  });

  // Graph change notifications: answer fast, then bring that mailbox in step. One pass per mailbox
  // at a time; a notification arriving during a pass asks for one more.
  const mailboxRuns = new Map<string, { again: boolean; done: Promise<void> }>();
  const syncMailbox = (mailbox: string): void => {
    const running = mailboxRuns.get(mailbox);
    if (running) {
      running.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      do {
        entry.again = false;
        try {
          await syncSupervisorCalendar(syncDeps, mailbox);
          await afterMailbox(mailbox);
        } catch (error) {
          log.warn('calendar_sync.notification_pass_failed', { error: error instanceof Error ? error.name : 'unknown' });
        }
      } while (entry.again);
      mailboxRuns.delete(mailbox);
    })();
    mailboxRuns.set(mailbox, entry);
  };
  const posts = {
    '/api/graph-notifications': async (req: { query?: Record<string, unknown>; body?: unknown }, res: { send(code: number, body?: unknown): void; header(name: string, value: string): void; sendRaw(code: number, body: string): void }) => {
      const token = typeof req.query?.validationToken === 'string' ? req.query.validationToken : undefined;
      if (token !== undefined) {
        // Graph's subscription handshake: echo the token as plain text within 10 seconds.
        res.header('content-type', 'text/plain');
        res.sendRaw(200, token);
        return;
      }
      const parsed = ZChangeNotifications.safeParse(req.body);
      if (!parsed.success) {
        res.send(400, { error: { code: 'invalid_input', message: 'Not a change notification.' } });
        return;
      }
      res.send(202);
      for (const mailbox of await mailboxesToSync(changeSubscriptions, parsed.data)) syncMailbox(mailbox);
    },
    // Sandbox only (the server is loopback-only there): see src/clock.ts.
    ...(clock instanceof TravellingClock ? { '/api/sandbox/clock': clockRoute(clock) } : {}),
  };

  // The daily obligation sweep (issue 6): only with the council's escalation settings (K13).
  const escalation = readEscalationSettings(config.ESCALATION_SETTINGS_FILE);
  const sweepDeps: SweepDeps | undefined = escalation
    ? {
        stores: sweep, agreements, sessions, records, actions, directory, packFor: getPack, settings: escalation,
        calendar: createWorkingCalendar({ nation: config.BANK_HOLIDAY_NATION }),
        // Someone who never opened the app gets it installed through Graph first (issue 6 item 4).
        messenger: createEscalationMessenger({
          notifier: bot.notifier,
          references: bot.references,
          installer: createTeamsAppInstaller({ graph, manifestId: config.TEAMS_APP_ID, graphBaseUrl }),
        }),
        mail: config.NOTIFICATIONS_MAILBOX
          ? createMailMessenger({ graph, senderId: config.NOTIFICATIONS_MAILBOX, addressOf: async (id) => (await directory.getPerson(id))?.mail })
          : undefined,
      }
    : undefined;
  const sweeper = sweepDeps ? startSweepScheduler({ ...sweepDeps, log, clock: () => clock.now().getTime() }) : undefined;
  if (sweepDeps) {
    afterEvent = async (agreementId) => {
      // Inside a card action: one try, no waiting on a lease another instance holds (the daily
      // sweep catches up).
      await sweepAfterEvent(sweepDeps, agreementId, nowIso(), { attempts: 1 }).catch((error: unknown) => log.warn('sweep.after_event_failed', { error: error instanceof Error ? error.name : 'unknown' }));
    };
  }
  if (!escalation) log.warn('sweep.not_configured', { hint: 'set ESCALATION_SETTINGS_FILE to turn on reminders and escalations' });

  let server: RunningServer;
  try {
    server = await startServer({ config, log, messages: bot.messages, health, posts });
  } catch (error) {
    stopWorker.abort();
    clearInterval(confirmationTimer);
    await worker;
    await calendarSync.stop();
    await sweeper?.stop();
    await preparation.stop();
    stopFiling.abort();
    stopRecordCards.abort();
    await Promise.all([filingWorker, recordCards]);
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
      await server.close();
      // After the server: turns still finishing may queue a booking, which the next start picks up.
      stopWorker.abort();
      clearInterval(confirmationTimer);
      await worker;
      await calendarSync.stop();
      await Promise.all([...mailboxRuns.values()].map((r) => r.done));
      await sweeper?.stop();
      await preparation.stop();
      stopFiling.abort();
      stopRecordCards.abort();
      await Promise.all([filingWorker, recordCards]);
      await Promise.all(confirmations);
      log.info('app.stopped');
    },
  };
}
