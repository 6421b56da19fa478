/**
 * The three-way meeting's settings (issue 14 item 5): Leeds §F (L124–134) says the supervisee,
 * supervisor and line manager meet, but no policy says for how long, at what hours or how soon,
 * so the council sets them (THREE_WAY_MINUTES, THREE_WAY_HOURS, THREE_WAY_LOOKAHEAD_DAYS).
 */
export interface ThreeWaySettings {
  /** How long the meeting is. */
  readonly minutes: number;
  /** The working hours it may fall in, Europe/London "HH:MM". */
  readonly dayStart: string;
  readonly dayEnd: string;
  /** How many days ahead times are offered, from tomorrow. */
  readonly lookAheadDays: number;
}

/** What the product offered before these were settings: an hour, 09:00–17:00, the next two weeks. */
export const DEFAULT_THREE_WAY: ThreeWaySettings = { minutes: 60, dayStart: '09:00', dayEnd: '17:00', lookAheadDays: 14 };
