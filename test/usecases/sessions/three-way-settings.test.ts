import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { parseConfig } from '../../../src/config/load-config.js';
import { threeWaySettingsOf } from '../../../src/config/three-way.js';
import { utcToLondon } from '../../../src/domain/calendar/london-time.js';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { freeTimeWords } from '../../../src/conversation/sessions/three-way.js';
import { getPack } from '../../../src/policy/packs.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { DEFAULT_THREE_WAY, threeWaySlots } from '../../../src/usecases/sessions/three-way-meeting.js';
import { startTenant, testNow } from '../../sandbox/helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startTenant(); });
afterAll(async () => { await tenant.close(); });

const sandbox = { SUPERVISION_MODE: 'sandbox' };

describe('the three-way meeting\'s settings (issue 14 item 5)', () => {
  it('default to an hour, 09:00-17:00, the next two weeks; a council sets its own; a wrong value stops startup with one line naming it', () => {
    expect(threeWaySettingsOf(parseConfig(sandbox))).toEqual(DEFAULT_THREE_WAY);
    expect(threeWaySettingsOf(parseConfig({ ...sandbox, THREE_WAY_MINUTES: '45', THREE_WAY_HOURS: '13:30-16:00', THREE_WAY_LOOKAHEAD_DAYS: '5' })))
      .toEqual({ minutes: 45, dayStart: '13:30', dayEnd: '16:00', lookAheadDays: 5 });
    const cases: [Record<string, string>, RegExp][] = [
      [{ THREE_WAY_MINUTES: 'an hour' }, /^Configuration error: THREE_WAY_MINUTES is malformed; expected a whole number of minutes from 15 to 240$/],
      [{ THREE_WAY_MINUTES: '10' }, /THREE_WAY_MINUTES is malformed; expected a whole number of minutes from 15 to 240$/],
      [{ THREE_WAY_MINUTES: '60.5' }, /THREE_WAY_MINUTES is malformed/],
      [{ THREE_WAY_HOURS: '9-5' }, /^Configuration error: THREE_WAY_HOURS is malformed; expected a start and end time HH:MM-HH:MM, the start first, e.g. 09:00-17:00$/],
      [{ THREE_WAY_HOURS: '17:00-09:00' }, /THREE_WAY_HOURS is malformed/],
      [{ THREE_WAY_LOOKAHEAD_DAYS: '0' }, /^Configuration error: THREE_WAY_LOOKAHEAD_DAYS is malformed; expected a whole number of days from 1 to 60$/],
      [{ THREE_WAY_LOOKAHEAD_DAYS: '365' }, /THREE_WAY_LOOKAHEAD_DAYS is malformed/],
    ];
    for (const [env, message] of cases) {
      expect(() => parseConfig({ ...sandbox, ...env }), JSON.stringify(env)).toThrowError(message);
    }
    // Valid one by one, impossible together: a 90-minute meeting in a 60-minute window.
    expect(() => threeWaySettingsOf(parseConfig({ ...sandbox, THREE_WAY_MINUTES: '90', THREE_WAY_HOURS: '14:00-15:00' })))
      .toThrowError(/^Configuration error: THREE_WAY_MINUTES is malformed; expected a meeting that fits in THREE_WAY_HOURS \(14:00-15:00\)$/);
  });

  it('the times offered follow them: the length, within the hours, within the look-ahead, against the sandbox tenant\'s calendars', async () => {
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
    const calendar = new GraphCalendar({ client: graph });
    const people = ['sw9', 'tm3', 'sm2'].map((a) => findPerson(tenant.org, a)!.id);
    const settings = { minutes: 30, dayStart: '14:00', dayEnd: '16:30', lookAheadDays: 4 };
    const slots = await threeWaySlots(calendar, getPack('leeds'), people, testNow, 3, settings);
    expect(slots.length).toBeGreaterThan(0);
    const today = utcToLondon(testNow).date;
    for (const s of slots) {
      const start = utcToLondon(s.startUtc);
      const end = utcToLondon(s.endUtc);
      expect(Date.parse(s.endUtc) - Date.parse(s.startUtc)).toBe(30 * 60_000);
      expect(start.time >= '14:00' && end.time <= '16:30').toBe(true);
      expect(start.date > today && start.date <= addDays(today, 4)).toBe(true);
    }
    // The defaults are as before: an hour, from 09:00 to 17:00.
    const usual = await threeWaySlots(calendar, getPack('leeds'), people, testNow);
    expect(usual.every((s) => Date.parse(s.endUtc) - Date.parse(s.startUtc) === 3_600_000 && utcToLondon(s.startUtc).time >= '09:00')).toBe(true);
  });

  it('people are told the times searched in the council\'s terms', () => {
    expect(freeTimeWords()).toBe('hour in the next two weeks');
    expect(freeTimeWords({ minutes: 45, dayStart: '09:00', dayEnd: '17:00', lookAheadDays: 10 })).toBe('45-minute time in the next 10 days');
    expect(freeTimeWords({ minutes: 30, dayStart: '09:00', dayEnd: '17:00', lookAheadDays: 7 })).toBe('half hour in the next week');
  });
});
