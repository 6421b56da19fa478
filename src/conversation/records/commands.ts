import type { Command } from '../commands.js';

/** Chat commands about records ("my records", "show record"), issue 5 item 6. */
export const recordCommands: readonly Command[] = [];
