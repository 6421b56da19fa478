/**
 * The supervision library's metadata columns, as `supervision setup sharepoint` makes them and
 * `supervision doctor` checks them (the library itself: supervision-library.ts). Graph docs:
 * list-list-columns.md, list-post-columns.md (columnDefinition: text, dateTime, number).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { SUPERVISION_FILE_COLUMNS } from './graph-supervision-file.js';
import type { SupervisionLibrary } from './supervision-library.js';

type ColumnName = (typeof SUPERVISION_FILE_COLUMNS)[keyof typeof SUPERVISION_FILE_COLUMNS];
type ColumnKind = 'text' | 'date' | 'number';

/** Each metadata column's type (graph-supervision-file.ts writes them so). */
export const SUPERVISION_COLUMN_KINDS: Readonly<Record<ColumnName, ColumnKind>> = {
  Employee: 'text',
  EmployeeId: 'text',
  Supervisor: 'text',
  SupervisorId: 'text',
  SessionDate: 'date',
  RecordType: 'text',
  Policy: 'text',
  RecordVersion: 'number',
  RecordHash: 'text',
  SupervisorSignedAt: 'text',
  SuperviseeSignedAt: 'text',
  RetainUntil: 'date',
  RetentionRule: 'text',
};

interface ColumnDefinition {
  readonly name: string;
  readonly text?: object;
  readonly dateTime?: object;
  readonly number?: object;
}

export function columnDefinition(name: ColumnName): ColumnDefinition & { displayName: string; enforceUniqueValues: boolean; hidden: boolean; indexed: boolean } {
  const kind = SUPERVISION_COLUMN_KINDS[name];
  const type = kind === 'text' ? { text: { allowMultipleLines: false, maxLength: 255 } } : kind === 'date' ? { dateTime: { format: 'dateOnly' } } : { number: { decimalPlaces: 'none' } };
  return { name, displayName: name, enforceUniqueValues: false, hidden: false, indexed: name === 'EmployeeId', ...type };
}

function kindOf(column: ColumnDefinition): ColumnKind | undefined {
  return column.text ? 'text' : column.dateTime ? 'date' : column.number ? 'number' : undefined;
}

async function columnsOf(graph: Client, library: SupervisionLibrary): Promise<ColumnDefinition[]> {
  const page = (await graph.api(`/sites/${library.siteId}/lists/${library.listId}/columns`).get()) as { value: ColumnDefinition[] };
  return page.value;
}

/** Columns the library lacks, or has with another type ("RecordVersion (text, not number)"). */
export async function missingColumns(graph: Client, library: SupervisionLibrary): Promise<string[]> {
  const existing = new Map((await columnsOf(graph, library)).map((c) => [c.name, c]));
  return (Object.keys(SUPERVISION_COLUMN_KINDS) as ColumnName[]).flatMap((name) => {
    const column = existing.get(name);
    if (!column) return [name];
    const kind = kindOf(column);
    return kind === SUPERVISION_COLUMN_KINDS[name] ? [] : [`${name} (${kind ?? 'another type'}, not ${SUPERVISION_COLUMN_KINDS[name]})`];
  });
}

export interface ColumnSetup {
  readonly created: readonly string[];
  readonly present: readonly string[];
  /** Present with another type: left alone (changing a column's type loses data), reported. */
  readonly conflicting: readonly string[];
}

/** Creates each missing column; a second run creates nothing. */
export async function ensureColumns(graph: Client, library: SupervisionLibrary): Promise<ColumnSetup> {
  const existing = new Map((await columnsOf(graph, library)).map((c) => [c.name, c]));
  const created: string[] = [];
  const present: string[] = [];
  const conflicting: string[] = [];
  for (const name of Object.keys(SUPERVISION_COLUMN_KINDS) as ColumnName[]) {
    const column = existing.get(name);
    if (!column) {
      await graph.api(`/sites/${library.siteId}/lists/${library.listId}/columns`).post(columnDefinition(name));
      created.push(name);
    } else if (kindOf(column) === SUPERVISION_COLUMN_KINDS[name]) {
      present.push(name);
    } else {
      conflicting.push(name);
    }
  }
  return { created, present, conflicting };
}
