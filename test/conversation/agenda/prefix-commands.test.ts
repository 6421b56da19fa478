import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/conversation/commands.js';
import { findCommand, findPrefixCommand } from '../../../src/conversation/understand.js';

describe('commands that take an argument', () => {
  it.each([
    ['add to agenda training plan', 'add-to-agenda', 'training plan'],
    ['Add to the agenda: Case 1234567: court', 'add-to-agenda', 'Case 1234567: court'],
    ['<at>Supervision</at> add to agenda for Sam: audit', 'add-to-agenda', 'for Sam: audit'],
    ['remove 2', 'remove-agenda-item', '2'],
    ['Remove item 3', 'remove-agenda-item', '3'],
    ['remove', 'remove-agenda-item', ''],
  ])('%s', (input, name, argument) => {
    expect(findPrefixCommand(commands, input)).toMatchObject({ command: { name }, argument });
  });
  it('a word that only starts like a prefix is not the command; exact phrases still win', () => {
    expect(findPrefixCommand(commands, 'removed items last week')).toBeUndefined();
    expect(findPrefixCommand(commands, 'add to agendas')).toBeUndefined();
    expect(findCommand(commands, 'Agenda!')?.name).toBe('agenda');
  });
});
