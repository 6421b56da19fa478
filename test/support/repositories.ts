import type { AppStorage } from '../../src/adapters/storage/index.js';
import { createRepositories, type Repositories } from '../../src/repositories/index.js';

/**
 * The product's repositories on a test's storage, with each one's tables (`t`) for seeding and
 * inspecting storage directly. The tables are the very stores the repositories write through.
 */
export function repositoriesOn(storage: AppStorage) {
  const repos: Repositories = createRepositories(storage);
  const t = {
    ...repos.agreements.tables,
    ...repos.records.tables,
    notices: repos.notices.table,
    concerns: repos.concerns.table,
    ...repos.calendarSync.tables,
  };
  return { repos, t };
}
