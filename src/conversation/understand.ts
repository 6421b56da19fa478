import type { Command } from './commands.js';
import { findIntentCommand } from './intents.js';
import { normalise } from './normalise.js';

export { normalise };

/**
 * A command or an everyday way of asking for one is a short sentence. Anything longer is not one,
 * and is not normalised to find out: normalising a megabyte of punctuation took seconds (bench:input).
 */
export const COMMAND_MAX_LENGTH = 300;

export function findCommand(commands: readonly Command[], input: string): Command | undefined {
  if (input.length > COMMAND_MAX_LENGTH) return undefined;
  const said = normalise(input);
  // A command's own phrases first; then the everyday ways of asking for it (intents.ts).
  return commands.find((c) => c.phrases.includes(said)) ?? findIntentCommand(commands, input);
}

/**
 * A command that takes an argument: the message starts with one of its prefixes (compared as
 * normalise() compares), and the rest of the message, as typed, is the argument. The longest
 * matching prefix wins, so "add to agenda for Sam: …" can be told from "add to agenda …".
 */
export function findPrefixCommand(commands: readonly Command[], input: string): { command: Command; argument: string } | undefined {
  const raw = input.replace(/<at>[^<]*<\/at>/gi, ' ').trim();
  let best: { command: Command; argument: string; length: number } | undefined;
  for (const command of commands) {
    for (const prefix of command.prefixes ?? []) {
      const words = prefix.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      // A dash straight before a digit is a minus sign, kept with the argument ("remove -1" is not "remove 1").
      const m = new RegExp(`^${words.join('[^a-z0-9]+')}(?![a-z0-9])(?:[\\s:,;.!?]|-(?!\\d))*`, 'i').exec(raw);
      if (m && (!best || prefix.length > best.length)) best = { command, argument: raw.slice(m[0].length).trim(), length: prefix.length };
    }
  }
  return best ? { command: best.command, argument: best.argument } : undefined;
}

/** Edit distance counting a swap of neighbours as one edit, so "hlep" is one slip from "help". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * "Did you mean": a slip in a short command, never a paragraph. Messages longer than this are not
 * compared at all, and a phrase is compared only when the lengths differ by no more than the edits
 * it allows, so the work stays a few thousand steps whatever someone pastes in (issue 16 M5: a
 * 28 KB message used to hold every turn for seconds).
 */
export const SUGGEST_MAX_LENGTH = 60;

export function suggestCommand(commands: readonly Command[], input: string): Command | undefined {
  if (input.length > SUGGEST_MAX_LENGTH * 4) return undefined;
  const said = normalise(input);
  if (!said || said.length > SUGGEST_MAX_LENGTH) return undefined;
  let best: { command: Command; score: number } | undefined;
  for (const command of commands) {
    for (const phrase of command.phrases) {
      const allowed = Math.max(1, Math.floor(phrase.length / 3));
      if (Math.abs(said.length - phrase.length) > allowed) continue;
      const score = distance(said, phrase);
      if (score <= allowed && (!best || score < best.score)) best = { command, score };
    }
  }
  return best?.command;
}
