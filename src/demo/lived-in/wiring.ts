import { AsyncLocalStorage } from 'node:async_hooks';
/**
 * The product's parts as the lived-in story uses them: the same repositories, Graph adapters,
 * packs, use-case dependencies and jobs' functions as src/app.ts builds, but on a clock the story
 * moves (StoryClock) and with every message put in the sandbox's chats (ChatSink) instead of
 * going through the bot, which is not running yet.
 */
import { teamsReplies } from '../../adapters/bot/teams-messenger.js';
import { GraphCalendar } from '../../adapters/graph/calendar/index.js';
import { createGraphClient } from '../../adapters/graph/graph-client.js';
import { GraphDirectory } from '../../adapters/graph/graph-directory.js';
import { createGraphSupervisionFile } from '../../adapters/graph/sharepoint/graph-supervision-file.js';
import { sandboxTokenProvider } from '../../adapters/graph/token-providers.js';
import { renderRecordPdf } from '../../adapters/pdf/record-pdf.js';
import { createStorage, type AppStorage } from '../../adapters/storage/index.js';
import { readEscalationSettings } from '../../config/escalation-settings.js';
import type { SandboxConfig } from '../../config/schema.js';
import type { Reply } from '../../conversation/reply.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import type { WorkingCalendar } from '../../domain/calendar/types.js';
import type { Messenger } from '../../domain/ports/messenger.js';
import type { FilingDeps } from '../../jobs/filing/process-filing.js';
import type { SweepDeps } from '../../jobs/sweep/run-sweep.js';
import type { Logger } from '../../observability/logger.js';
import { titledPacks } from '../../policy/packs.js';
import type { PolicyPack } from '../../policy/schema.js';
import { createRepositories, type Repositories } from '../../repositories/index.js';
import type { AgendaDeps } from '../../usecases/agenda/deps.js';
import type { AgreementDeps } from '../../usecases/agreements/deps.js';
import type { BookingDeps } from '../../usecases/booking/book-agreement-year.js';
import type { RecordDeps } from '../../usecases/records/deps.js';

/**
 * The story's time, moved forward step by step from the start of the supervision year to now.
 * Relationships run side by side, each on its own time (a lane, kept in AsyncLocalStorage so the
 * use cases' `now` reads the right one); the whole council's time is the one outside any lane.
 */
export class StoryClock {
  private readonly lanes = new AsyncLocalStorage<{ ms: number; ids: number; readonly name: string }>();
  constructor(private ms: number) {}
  set(ms: number): void {
    const lane = this.lanes.getStore();
    if (lane) lane.ms = ms;
    else this.ms = ms;
  }
  get millis(): number {
    return this.lanes.getStore()?.ms ?? this.ms;
  }
  /** Runs `work` in a lane of its own time, starting at `ms`. */
  inLane<T>(name: string, ms: number, work: () => Promise<T>): Promise<T> {
    return this.lanes.run({ ms, ids: 0, name }, work);
  }
  /** A label unique in the story and the same on every run: the lane's name and a counter. */
  nextLabel(): string {
    const lane = this.lanes.getStore();
    return lane ? `${lane.name}:${++lane.ids}` : `council:${++this.ids}`;
  }
  private ids = 0;
  /** ISO instant with second precision, as the app's `now` gives it. */
  iso(): string {
    return new Date(this.millis).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  today(): string {
    return utcToLondon(this.iso()).date;
  }
}

/** Where the story's messages go: a person's sandbox chat, stamped with the story's time. */
export type ChatSink = (personId: string, replies: readonly Reply[], at: string) => void;

export interface StoryParts {
  readonly storage: AppStorage;
  readonly repos: Repositories;
  readonly directory: GraphDirectory;
  readonly calendar: GraphCalendar;
  readonly pack: PolicyPack;
  readonly packFor: (policyId: string) => PolicyPack;
  readonly workingDays: WorkingCalendar;
  readonly agreementDeps: AgreementDeps;
  readonly agendaDeps: AgendaDeps;
  readonly recordDeps: RecordDeps;
  readonly bookingDeps: BookingDeps;
  readonly filingDeps: FilingDeps;
  readonly sweepDeps: SweepDeps | undefined;
}

export function storyParts(input: {
  readonly connectionString: string;
  readonly graphBaseUrl: string;
  readonly config: SandboxConfig;
  readonly clock: StoryClock;
  readonly sink: ChatSink;
  readonly newId: () => string;
  readonly log: Logger;
}): StoryParts {
  const { config, clock, sink, log } = input;
  const now = () => clock.iso();
  const storage = createStorage(input.connectionString);
  const repos = createRepositories(storage);
  const graph = createGraphClient({ baseUrl: input.graphBaseUrl, tokens: sandboxTokenProvider() });
  const directory = new GraphDirectory(graph);
  const calendar = new GraphCalendar({ client: graph, log });
  const packFor = titledPacks(config.POLICY_PACK, config.POLICY_TITLE);
  const pack = packFor(config.POLICY_PACK);
  const workingDays = createWorkingCalendar({ nation: config.BANK_HOLIDAY_NATION });
  const agreementDeps: AgreementDeps = { agreements: repos.agreements, directory, pack, now, today: () => clock.today(), enqueueBooking: async () => undefined };
  const agendaDeps: AgendaDeps = { agreements: repos.agreements, records: repos.records, directory, packFor, now };
  const recordDeps: RecordDeps = { records: repos.records, agreements: repos.agreements, directory, packFor, now, newId: input.newId };
  const bookingDeps: BookingDeps = { agreements: repos.agreements, calendar, directory, packFor, now: () => new Date(clock.millis), log };
  const filingDeps: FilingDeps = {
    records: repos.records,
    supervisionFile: createGraphSupervisionFile({ graph, site: config.SHAREPOINT_SITE, library: config.SHAREPOINT_LIBRARY, retentionLabel: config.RECORDS_RETENTION_LABEL, log }),
    renderPdf: renderRecordPdf, councilName: config.COUNCIL_NAME, packFor, now: () => new Date(clock.millis), log,
  };
  const settings = readEscalationSettings(config.ESCALATION_SETTINGS_FILE);
  // The sweep's messages go to the sandbox chats, as the bot would have sent them that morning.
  const messenger: Messenger = {
    channel: 'teams',
    honoursIdempotencyKey: false,
    async send(personId, message) {
      sink(personId, teamsReplies(message), now());
      return { status: 'delivered', channel: 'teams' };
    },
  };
  const sweepDeps: SweepDeps | undefined = settings
    ? { agreements: repos.agreements, records: repos.records, escalations: repos.escalations, directory, messenger, packFor, calendar: workingDays, settings }
    : undefined;
  return { storage, repos, directory, calendar, pack, packFor, workingDays, agreementDeps, agendaDeps, recordDeps, bookingDeps, filingDeps, sweepDeps };
}
