import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/conversation/commands.js';
import { findCommand, findPrefixCommand } from '../../src/conversation/understand.js';

/**
 * Issue 15 item 4: what the README tells a newcomer to type in chat is understood. The examples are
 * read from the README itself (the demo people's table, the recipe for one cycle and the agenda's
 * commands), so an example that stops working, or a new one that never did, fails here.
 */
const readme = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

function section(from: string, to: RegExp): string {
  const start = readme.indexOf(from);
  if (start < 0) throw new Error(`README has no "${from}"`);
  const rest = readme.slice(start);
  const end = rest.slice(from.length).search(to);
  return end < 0 ? rest : rest.slice(0, from.length + end);
}

/** Backticked spans that are things to type in chat, with placeholders filled as a person would. */
function chatExamples(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)]
    .map((m) => (m[1] ?? '').replace(/\s+/g, ' ').trim())
    .filter((s) => !/^(?:sw|tm|sm|nqsw)\d$|^dir$|npm |curl |https?:|\/|=|\.data|^[A-Z_]+$/.test(s))
    .map((s) => s.replace(/<ref>/g, '1234567').replace(/<text>/g, 'training plan').replace(/<n>/g, '1').replace(/<name>/g, 'Amara Fellgate'));
}

const examples = [
  ...chatExamples(section('| who | what they find |', /\n#{2,4} /)),
  ...chatExamples(section('A recipe for one whole cycle', /\n#{2,4} /)),
  ...chatExamples(section('**Agenda preparation in chat**', /\n- \*\*/)),
];

describe('the README\'s chat examples are understood', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples).toEqual(expect.arrayContaining(['when is my next supervision?', 'my team', 'team compliance', 'what needs my attention', 'agenda']));
  });

  it.each(examples.map((e) => [e]))('"%s" runs a command', (example) => {
    const found = findCommand(commands, example) ?? findPrefixCommand(commands, example)?.command;
    expect(found, example).toBeDefined();
  });

  it('the everyday questions run the command that answers them', () => {
    const name = (e: string) => findCommand(commands, e)?.name;
    expect(name('when is my next supervision?')).toBe('next-supervision');
    expect(name('my team')).toBe('my-team');
    expect(name('team compliance')).toBe('team-compliance');
    expect(name('what needs my attention')).toBe('attention');
  });
});
