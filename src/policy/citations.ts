import type { PolicySource } from './schema/values.js';

/** One place a pack cites its document: a value, a role, a form, a requirement, a floor. */
export interface PackCitation {
  /** Where in the pack, e.g. ".roles[0].phases[1].frequency", so a report can point at it. */
  readonly path: string;
  /**
   * The same place by ids where items have them, as a council configuration names a slot
   * ("roles.nqsw.phases.fortnightly.frequency").
   */
  readonly where: string;
  readonly source: PolicySource;
  /** The policy's sentence the value rests on (the schema requires one for every citation). */
  readonly quote: string | undefined;
  /** The rules.md rule id, when the cited value names one. */
  readonly rule: string | undefined;
}

function isPolicySource(v: unknown): v is PolicySource {
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o['file'] === 'string' && typeof o['section'] === 'string' && typeof o['lines'] === 'string';
}

/**
 * Every citation of a pack in document order. Walks the pack as data rather than slot by slot,
 * so a citation added to a new part of the schema is never missed by the checks that use this.
 */
export function packCitations(pack: unknown): PackCitation[] {
  const out: PackCitation[] = [];
  const join = (where: string, key: string): string => (where ? `${where}.${key}` : key);
  const walk = (v: unknown, path: string, where: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        const id = x !== null && typeof x === 'object' ? (x as Record<string, unknown>)['id'] : undefined;
        walk(x, `${path}[${i}]`, join(where, typeof id === 'string' ? id : String(i)));
      });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (isPolicySource(o['source'])) {
      out.push({
        path,
        where: where || '(pack)',
        source: o['source'],
        quote: typeof o['quote'] === 'string' ? o['quote'] : undefined,
        rule: typeof o['rule'] === 'string' ? o['rule'] : undefined,
      });
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'source') walk(x, `${path}.${k}`, join(where, k));
  };
  walk(pack, '', '');
  return out;
}
