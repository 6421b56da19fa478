import type { Command } from '../command.js';
import { myRecordsCommand, writeRecordCommand } from './flow.js';

/** Chat commands about records ("my records", "write record"), issue 5 items 2 and 6. */
export const recordCommands: readonly Command[] = [
  {
    name: 'my-records',
    usage: 'my records',
    description: 'Lists your supervision records with their status; open one to read, sign or amend it.',
    phrases: ['my records', 'records', 'my supervision records', 'show records', 'show my records', 'supervision records'],
    run: myRecordsCommand,
  },
  {
    name: 'write-record',
    usage: 'write record',
    description: 'Supervisors: opens the record card for the latest session that still needs its record.',
    phrases: ['write record', 'record', 'write the record', 'record session', 'new record'],
    run: writeRecordCommand,
  },
];
