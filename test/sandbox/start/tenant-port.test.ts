import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { onRememberedPort, rememberedTenantPort } from '../../../src/sandbox/start/tenant-port.js';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tenant-port-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A stand-in for startSandboxTenant: port 0 gets the next free one; listed ports are taken. */
function starter(taken: Set<number>, free = 40_001) {
  const asked: number[] = [];
  return {
    asked,
    start: async (port: number) => {
      asked.push(port);
      if (taken.has(port)) throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
      return { url: `http://127.0.0.1:${port === 0 ? free : port}` };
    },
  };
}

describe("the sandbox tenant's port across restarts (its Graph links stay valid)", () => {
  it('a restart takes the port of the last run again', async () => {
    const dir = dataDir();
    const first = starter(new Set());
    expect((await onRememberedPort(dir, 0, first.start)).url).toBe('http://127.0.0.1:40001');
    expect(rememberedTenantPort(dir)).toBe(40_001);
    const second = starter(new Set(), 40_500);
    expect((await onRememberedPort(dir, 0, second.start)).url).toBe('http://127.0.0.1:40001');
    expect(second.asked).toEqual([40_001]);
  });

  it('a port taken since falls back to a free one, which is remembered instead', async () => {
    const dir = dataDir();
    await onRememberedPort(dir, 0, starter(new Set()).start);
    const busy = starter(new Set([40_001]), 40_777);
    expect((await onRememberedPort(dir, 0, busy.start)).url).toBe('http://127.0.0.1:40777');
    expect(busy.asked).toEqual([40_001, 0]);
    expect(rememberedTenantPort(dir)).toBe(40_777);
  });

  it('a port set in the configuration is used as set', async () => {
    const dir = dataDir();
    await onRememberedPort(dir, 0, starter(new Set()).start);
    const fixed = starter(new Set());
    expect((await onRememberedPort(dir, 45_000, fixed.start)).url).toBe('http://127.0.0.1:45000');
    expect(fixed.asked).toEqual([45_000]);
  });

  it('any other failure is not hidden', async () => {
    const dir = dataDir();
    await onRememberedPort(dir, 0, starter(new Set()).start);
    await expect(onRememberedPort(dir, 0, async () => { throw Object.assign(new Error('denied'), { code: 'EACCES' }); })).rejects.toThrow('denied');
  });
});
