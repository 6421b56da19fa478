import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DemoOrg } from './demo-org.js';
import { seedLibraries } from './library-model.js';
import { seedStore } from './seed.js';
import { SandboxStore, type StoreSnapshot } from './store.js';

/** The state saved at `path`, or a freshly seeded demo organisation when there is none. */
export async function loadOrSeed(org: DemoOrg, path: string | undefined): Promise<SandboxStore> {
  if (path) {
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text !== undefined) {
      const store = SandboxStore.fromSnapshot(org, JSON.parse(text) as StoreSnapshot);
      // A file saved when the site had one library: the site gets its libraries again (the files stay).
      if (store.libraries.size === 0) seedLibraries(store, Date.parse(org.now));
      return store;
    }
  }
  return seedStore(org);
}

const logFailure = (err: unknown): void => console.error(`sandbox graph: could not save state: ${(err as Error).message}`);

/**
 * Writes the store to one JSON file a short while after it changes, so a burst of requests costs
 * one write. Without a path it does nothing.
 */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string | undefined,
    private readonly debounceMs: number,
    private readonly store: () => SandboxStore,
  ) {}

  schedule(): void {
    if (!this.path || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save().catch(logFailure);
    }, this.debounceMs);
  }

  /** Writes pending state now. */
  async flush(): Promise<void> {
    this.cancelTimer();
    await this.save();
  }

  /** Writes what is still pending and waits for writes in progress. */
  async close(): Promise<void> {
    if (this.timer) {
      this.cancelTimer();
      await this.save().catch(logFailure);
    }
    await this.saving.catch(() => undefined);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async save(): Promise<void> {
    if (!this.path) return;
    const path = this.path;
    const data = JSON.stringify(this.store().snapshot());
    // A failed write must not stop later ones, so the chain continues past a rejection.
    this.saving = this.saving
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(path), { recursive: true });
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, data, 'utf8');
        await rename(tmp, path);
      });
    await this.saving;
  }
}
