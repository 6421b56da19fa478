import type { ThreeWaySettings } from '../domain/concerns/three-way-settings.js';
import { AppError } from '../domain/errors.js';
import type { Config } from './schema.js';

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The three-way meeting's settings from THREE_WAY_MINUTES, THREE_WAY_HOURS and
 * THREE_WAY_LOOKAHEAD_DAYS (issue 14 item 5). A meeting longer than the hours it must fall in
 * could never be offered, so that stops startup with one line, like any other malformed setting.
 */
export function threeWaySettingsOf(config: Pick<Config, 'THREE_WAY_MINUTES' | 'THREE_WAY_HOURS' | 'THREE_WAY_LOOKAHEAD_DAYS'>): ThreeWaySettings {
  const [dayStart = '09:00', dayEnd = '17:00'] = config.THREE_WAY_HOURS.split('-');
  if (minutesOf(dayEnd) - minutesOf(dayStart) < config.THREE_WAY_MINUTES) {
    throw new AppError('invalid_input', `Configuration error: THREE_WAY_MINUTES is malformed; expected a meeting that fits in THREE_WAY_HOURS (${config.THREE_WAY_HOURS})`, { variable: 'THREE_WAY_MINUTES' });
  }
  return { minutes: config.THREE_WAY_MINUTES, dayStart, dayEnd, lookAheadDays: config.THREE_WAY_LOOKAHEAD_DAYS };
}
