import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/observability/logger.js';
import { currentTurn, startTurnTimer, TURN_TIMING_CHANNEL, type TurnTiming } from '../../src/observability/turn-timing.js';
import { startServer } from '../../src/server.js';

describe('turn timing (issue 16 item 4: the server-side time of a turn, for bench:turns)', () => {
  it('measures nothing while nobody listens', () => {
    expect(startTurnTimer()).toBeUndefined();
  });

  it('publishes each /api/messages turn, from the handler\'s start to the end of its last reply, with the status the channel got', async () => {
    const config = parseConfig({ SUPERVISION_MODE: 'sandbox', PORT: '0' });
    const server = await startServer({
      config, log: silentLogger, health: [],
      // A turn whose replies take 60 ms to reach the channel.
      messages: async (_req, res) => {
        await new Promise((r) => setTimeout(r, 60));
        res.send(201, {});
      },
    });
    const seen: TurnTiming[] = [];
    const listener = (message: unknown) => void seen.push(message as TurnTiming);
    try {
      await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
      expect(seen).toEqual([]);
      subscribe(TURN_TIMING_CHANNEL, listener);
      await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
      expect(seen).toHaveLength(1);
      expect(seen[0]?.status).toBe(201);
      expect(seen[0]?.ms).toBeGreaterThanOrEqual(55);
      expect(seen[0]?.ms).toBeLessThan(5_000);
    } finally {
      unsubscribe(TURN_TIMING_CHANNEL, listener);
      await server.close();
    }
  });

  it('runs the timed turn in a scope of its own, so a subscriber can attribute what the turn does (its outgoing requests) to it', async () => {
    const config = parseConfig({ SUPERVISION_MODE: 'sandbox', PORT: '0' });
    const inside: unknown[] = [];
    const server = await startServer({
      config, log: silentLogger, health: [],
      messages: async (_req, res) => {
        await new Promise((r) => setTimeout(r, 5));
        const turn = currentTurn();
        if (turn) turn.notes['seen'] = true;
        inside.push(turn?.activity);
        res.send(200, {});
      },
    });
    const seen: TurnTiming[] = [];
    const listener = (message: unknown) => void seen.push(message as TurnTiming);
    try {
      await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message","text":"one"}' });
      expect(inside).toEqual([undefined]);
      subscribe(TURN_TIMING_CHANNEL, listener);
      await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message","text":"two"}' });
      expect(inside[1]).toEqual({ type: 'message', text: 'two' });
      expect(seen[0]?.trace.notes['seen']).toBe(true);
      expect(currentTurn()).toBeUndefined();
    } finally {
      unsubscribe(TURN_TIMING_CHANNEL, listener);
      await server.close();
    }
  });
});
