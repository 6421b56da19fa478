import { parseArgs } from 'node:util';
import { cite } from '../../policy/cite.js';
import { allPacks, getPack } from '../../policy/packs.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';
import { format, optional, table, type CliIo, type CommandResult } from '../io.js';
import { quotedRules, quotesText } from './policy-quotes.js';

function frequencyText(pack: PolicyPack, f: PolicyPack['roles'][number]['phases'][number]['frequency']): string {
  if (!isSpecified(f)) return `not specified (${cite(pack, f)})`;
  const v = f.value;
  const what = v.kind === 'max-gap' ? `at most ${v.days} days apart`
    : v.kind === 'per-period' ? (v.unit === 'months' ? `one per ${v.length === 1 ? 'calendar month' : `${v.length} months`}` : `one per ${v.length}-day block`)
    : v.kind === 'bi-monthly' ? (v.floor ? `bi-monthly, at most ${v.floor.days} days apart (K8)` : 'every two months (K8)')
    : v.kind === 'as-agreed' ? 'as the two people agree in the agreement'
    : `every ${v.shifts} shifts worked (K12)`;
  return `${what}, ${f.modality} (${cite(pack, f)})`;
}

export function policiesCommand(args: readonly string[], _io: CliIo): CommandResult {
  const { values } = parseArgs({ args: [...args], options: { format: { type: 'string' }, quote: { type: 'boolean' }, policy: { type: 'string' } }, strict: true, allowPositionals: false });
  const f = format(values, ['table', 'json'], 'table');
  const id = optional(values, 'policy');
  const packs = id === undefined ? allPacks() : [getPack(id)];
  // --quote: every cited rule with the policy's own words, as the "Why?" on a card shows them.
  if (values.quote) return { stdout: f === 'json' ? JSON.stringify(packs.flatMap(quotedRules), null, 2) : quotesText(packs) };
  if (f === 'json') {
    return { stdout: JSON.stringify(packs.map((p) => ({
      id: p.id, council: p.council, source: p.sourceFile,
      roles: p.roles.map((r) => ({ id: r.id, label: r.label, covers: r.covers, phases: r.phases.map((ph) => ({ id: ph.id, label: ph.label, frequency: frequencyText(p, ph.frequency) })) })),
    })), null, 2) };
  }
  const rows: string[][] = [];
  for (const p of packs) for (const r of p.roles) for (const ph of r.phases) rows.push([p.id, r.id, ph.id, frequencyText(p, ph.frequency)]);
  return { stdout: table(['policy', 'role', 'phase', 'frequency'], rows) };
}
