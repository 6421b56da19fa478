import type { Command } from '../commands.js';

/** Chat commands about the agenda ("agenda", "add to agenda …", "remove 2"), issue 5 item 1. */
export const agendaCommands: readonly Command[] = [];
