import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { TravellingClock } from '../../clock.js';

const ZSaved = z.object({ offsetMs: z.number().int().min(0) });

/**
 * The sandbox clock of `npm start`, kept across restarts (issue 15 item 6): how far it was moved
 * forward is saved in DATA_DIR, and a restart picks it up again, so the sandbox never goes back
 * to an earlier day. Without it a record signed after a restart could carry a time before the
 * other person's signature.
 */
export class PersistedClock extends TravellingClock {
  constructor(private readonly path: string, private readonly realTime: () => number = Date.now) {
    super(realTime);
    const saved = readSaved(path);
    if (saved > 0) super.travelTo(new Date(realTime() + saved).toISOString());
  }

  override travelTo(instant: string): Date {
    const moved = super.travelTo(instant);
    const offsetMs = Math.max(0, Math.round(moved.getTime() - this.realTime()));
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ offsetMs }));
    renameSync(tmp, this.path);
    return moved;
  }
}

function readSaved(path: string): number {
  try {
    const parsed = ZSaved.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data.offsetMs : 0;
  } catch {
    return 0;
  }
}
