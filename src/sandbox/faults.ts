import { seededRandom } from './demo-org.js';

export interface FaultConfig {
  /** Probability (0..1) that a Graph request fails with 503 before it is executed. */
  errorRate: number;
  /** Added to every Graph request (batch sub-requests each pay it; the batch envelope does not). */
  latencyMs: number;
  seed: number;
  retryAfterSeconds: number;
  /**
   * Probability (0..1) that a request is carried out but its answer is lost (504), as when a
   * client times out: the case Graph's transactionId exists for.
   */
  lostResponseRate: number;
}

export const defaultFaults: FaultConfig = { errorRate: 0, latencyMs: 0, seed: 1, retryAfterSeconds: 1, lostResponseRate: 0 };

/** Seeded so a run with the same seed and the same request order fails the same requests. */
export class FaultInjector {
  config: FaultConfig;
  private rnd: () => number;

  constructor(config: FaultConfig) {
    this.config = config;
    this.rnd = seededRandom(config.seed);
  }

  /** A given seed restarts the sequence, so a test can replay the same failures. */
  set(config: FaultConfig, reseed: boolean): void {
    this.config = config;
    if (reseed) this.rnd = seededRandom(config.seed);
  }

  shouldFail(): boolean {
    if (this.config.errorRate <= 0) return false;
    return this.rnd() < this.config.errorRate;
  }

  shouldLoseResponse(): boolean {
    if (this.config.lostResponseRate <= 0) return false;
    return this.rnd() < this.config.lostResponseRate;
  }
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
