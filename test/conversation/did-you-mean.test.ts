import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/conversation/command.js';
import { commands } from '../../src/conversation/commands.js';
import { handleMessage, MAX_MESSAGE_LENGTH } from '../../src/conversation/handle-message.js';
import { findCommand, suggestCommand } from '../../src/conversation/understand.js';

/** The real commands, each counting how often its phrases are read (each read starts a comparison pass). */
function counted(): { list: Command[]; reads: () => number } {
  let reads = 0;
  const list = commands.map((c): Command => ({
    ...c,
    get phrases() {
      reads++;
      return c.phrases;
    },
  }));
  return { list, reads: () => reads };
}

describe('did you mean (issue 16 M5)', () => {
  it('M5: a 28 KB message (about what Teams allows) is never compared with the command phrases', () => {
    const { list, reads } = counted();
    const message = 'lorem ipsum dolor sit amet '.repeat(1100);
    expect(message.length).toBeGreaterThan(28_000);
    expect(suggestCommand(list, message)).toBeUndefined();
    expect(reads()).toBe(0);
  });

  it('M5: a paragraph of a few hundred characters is not compared either', () => {
    const { list, reads } = counted();
    expect(suggestCommand(list, 'please can we talk about my caseload and the training plan next week, and the court date '.repeat(3))).toBeUndefined();
    expect(reads()).toBe(0);
  });

  it('M5: a slip in a short command is still caught', () => {
    const { list, reads } = counted();
    expect(suggestCommand(list, 'hlep')?.name).toBe('help');
    expect(suggestCommand(list, 'my agremeent')?.name).toBe('my-agreement');
    expect(reads()).toBeGreaterThan(0);
  });

  it('a megabyte of punctuation is not normalised to look for a command (it took seconds)', () => {
    const { list, reads } = counted();
    expect(findCommand(list, `remove ${'-1 '.repeat(350_000)}`)).toBeUndefined();
    expect(reads()).toBe(0);
    expect(findCommand(list, '<at>Supervision Assistant</at> Help!')?.name).toBe('help');
  });

  it('a message longer than Teams lets anyone type is answered at once, unread', async () => {
    const replies = await handleMessage({ directory: { getPerson: async () => undefined, getManager: async () => undefined, getDirectReports: async () => [], ping: async () => undefined }, councilName: 'Testshire' },
      { personId: 'sw', displayName: undefined }, `help ${'x'.repeat(MAX_MESSAGE_LENGTH)}`);
    expect(replies).toEqual([{ kind: 'text', text: expect.stringMatching(/^That message is longer than I can read/) }]);
  });
});
