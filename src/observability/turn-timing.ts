/**
 * The server-side time of each Bot Framework turn, from the request reaching /api/messages to the
 * turn's last reply sent (the handler returns once every reply has gone to the channel and the
 * answer is written). Published on a diagnostics channel only while something subscribes to it
 * (`npm run bench:turns` and `bench:cluster` run the bot under a launcher that does): otherwise
 * nothing is measured or kept, so the product pays one property read per turn.
 */
import { channel } from 'node:diagnostics_channel';

export const TURN_TIMING_CHANNEL = 'supervision-assistant:turn';

export interface TurnTiming {
  /** Milliseconds from the handler's start to its end. */
  readonly ms: number;
  /** The HTTP status the channel got. */
  readonly status: number;
}

const turns = channel(TURN_TIMING_CHANNEL);

/** Starts timing a turn when anyone listens; call what it returns when the turn has answered. */
export function startTurnTimer(): ((status: number) => void) | undefined {
  if (!turns.hasSubscribers) return undefined;
  const started = performance.now();
  return (status) => turns.publish({ ms: performance.now() - started, status } satisfies TurnTiming);
}
