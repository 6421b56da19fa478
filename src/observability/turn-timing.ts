/**
 * The server-side time of each Bot Framework turn, from the request reaching /api/messages to the
 * turn's last reply sent (the handler returns once every reply has gone to the channel and the
 * answer is written). Published on a diagnostics channel only while something subscribes to it
 * (`npm run bench:turns` and `bench:cluster` run the bot under a launcher that does): otherwise
 * nothing is measured or kept, so the product pays one property read per turn.
 *
 * While timed, the turn also runs in an async scope of its own (`currentTurn()`), so a subscriber
 * can attribute the outgoing requests it sees (node's `http.client.*` and undici's diagnostics
 * channels) to the turn that made them: bench:turns counts a turn's storage and Graph round trips
 * that way (issue 16 item 4). The activity itself is handed to subscribers only, never logged.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { channel } from 'node:diagnostics_channel';

export const TURN_TIMING_CHANNEL = 'supervision-assistant:turn';

/** What a subscriber may note about a turn while it runs (its outgoing requests, say). */
export interface TurnTrace {
  /** The request body as it arrived (the activity), for a subscriber to classify the turn. */
  readonly activity: unknown;
  /** Free for subscribers: whatever they collect during the turn. */
  readonly notes: Record<string, unknown>;
}

export interface TurnTiming {
  /** Milliseconds from the handler's start to its end. */
  readonly ms: number;
  /** The HTTP status the channel got. */
  readonly status: number;
  readonly trace: TurnTrace;
}

const turns = channel(TURN_TIMING_CHANNEL);
const scope = new AsyncLocalStorage<TurnTrace>();

/** The turn being timed in this async context, if any (only while someone subscribes). */
export function currentTurn(): TurnTrace | undefined {
  return scope.getStore();
}

export interface TurnTimer {
  /** Runs the turn in its trace scope. */
  run<T>(turn: () => Promise<T>): Promise<T>;
  /** Call when the turn has answered. */
  done(status: number): void;
}

/** Starts timing a turn when anyone listens; undefined (and nothing kept) otherwise. */
export function startTurnTimer(activity?: unknown): TurnTimer | undefined {
  if (!turns.hasSubscribers) return undefined;
  const started = performance.now();
  const trace: TurnTrace = { activity, notes: {} };
  return {
    run: (turn) => scope.run(trace, turn),
    done: (status) => turns.publish({ ms: performance.now() - started, status, trace } satisfies TurnTiming),
  };
}
