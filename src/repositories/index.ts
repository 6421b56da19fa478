/**
 * The data-access layer: one repository per aggregate. Everything above storage (use cases and
 * jobs) reads and writes through these; tables, keys and the one ETag-retry loop live here.
 */
import { agreementYearTable } from './agreement-year.js';
import { AgreementRepository, agreementTables, passIndexOn } from './agreements.js';
import { CalendarSyncRepository, calendarSyncTables } from './calendar-sync.js';
import { ConcernRepository, concernTable } from './concerns.js';
import { EscalationRepository, escalationRepository } from './escalations.js';
import { MilestoneRepository, milestoneTable } from './milestones.js';
import { NoticeRepository, noticeTable } from './notices.js';
import { RecordRepository, recordTables } from './records.js';
import type { RepositoryStorage } from './storage.js';

export { AgreementRepository } from './agreements.js';
export { CalendarSyncRepository } from './calendar-sync.js';
export { ConcernRepository } from './concerns.js';
export { NoticeRepository } from './notices.js';
export { EscalationRepository } from './escalations.js';
export { MilestoneRepository } from './milestones.js';
export { RecordRepository } from './records.js';
export { PassIndex } from './pass-index.js';
export { LostRaceError, isLostRace } from './lost-race.js';
export type { RepositoryStorage } from './storage.js';

export interface Repositories {
  readonly agreements: AgreementRepository;
  readonly records: RecordRepository;
  readonly escalations: EscalationRepository;
  readonly concerns: ConcernRepository;
  readonly notices: NoticeRepository;
  readonly calendarSync: CalendarSyncRepository;
  /** The year's reviews and milestones (issue 14 item 1). */
  readonly milestones: MilestoneRepository;
}

/** Builds every repository on one storage; call before storage.ensureCreated() so their tables exist. */
export function createRepositories(storage: RepositoryStorage): Repositories {
  // One pass index for both aggregates: the agreement, session and record tables keep it.
  const index = passIndexOn(storage);
  // One year table for both: sessions, records and actions share each agreement's partition.
  const year = agreementYearTable(storage);
  return {
    agreements: new AgreementRepository(agreementTables(storage, index, year)),
    records: new RecordRepository(recordTables(storage, index, year)),
    escalations: escalationRepository(storage),
    concerns: new ConcernRepository(concernTable(storage)),
    notices: new NoticeRepository(noticeTable(storage)),
    calendarSync: new CalendarSyncRepository(calendarSyncTables(storage)),
    milestones: new MilestoneRepository(milestoneTable(storage, index), index),
  };
}
