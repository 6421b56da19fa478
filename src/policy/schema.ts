import { z } from 'zod';
import { ZDeadlines, ZPostponement } from './schema/deadlines.js';
import { ZAgenda, ZCaseReference, ZEscalation, ZPreparation, ZPreparationPrompt, ZRecordTemplate, ZRetention } from './schema/records.js';
import { ZRole } from './schema/roles.js';
import { ZModality, ZPolicySource, ZQuote, zPolicyValue } from './schema/values.js';

export * from './schema/values.js';
export * from './schema/frequency.js';
export * from './schema/roles.js';
export * from './schema/deadlines.js';
export * from './schema/records.js';

/** How the pack settles one of the contradictions rules.md §0.1 lists (or another ambiguity). */
export const ZDecision = z.strictObject({
  /** §0.1 item number; null for an ambiguity rules.md flags elsewhere (e.g. CB-F8, CA-D1). */
  contradiction: z.number().int().positive().nullable(),
  topic: z.string().min(1),
  choice: z.string().min(1),
  why: z.string().min(1),
  /** Pack paths the choice shows up in, so a test can check the pack really does it. */
  affects: z.array(z.string()),
});
export type Decision = z.infer<typeof ZDecision>;

/**
 * A rule the product shows or checks on a record rather than by the calendar (an action needs an
 * owner and a date, group supervision never replaces individual supervision...).
 */
export const ZRequirement = z.strictObject({
  rule: z.string().regex(/^(CB|LE|BU|CA|SE)-[A-Z]+\d+[a-z]?$/),
  topic: z.enum(['actions', 'recording', 'scheduling', 'group-supervision', 'supervisor', 'audit', 'confidentiality', 'observation', 'case-records', 'agreement', 'other']),
  text: z.string().min(1),
  modality: ZModality,
  source: ZPolicySource,
  quote: ZQuote,
});
export type Requirement = z.infer<typeof ZRequirement>;

export const ZPolicyPack = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  council: z.string().min(1),
  /** Short name used in citations ("Sefton ¶3.12 (L98)"). */
  shortName: z.string().min(1),
  /**
   * The policy document's own title. People see a citation as "<title>, paragraph 3.12"; a
   * council that calls its policy something else sets POLICY_TITLE (withPolicyTitle).
   */
  title: z.string().min(1),
  sourceFile: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
  documentDate: z.string(),
  /** conventions.md: all five source councils are in England. */
  nation: z.enum(['england-and-wales', 'scotland', 'northern-ireland']),
  appliesTo: zPolicyValue(z.string()),
  roles: z.array(ZRole).min(1),
  /**
   * A least frequency for every role, whatever the role's own rule (Sefton ¶3.2 (L77): "must not
   * be less than once every eight weeks"): a maximum gap in days, judged with its own modality, so
   * a longer gap is a breach even where the role's frequency is only a should (issue 14 d).
   */
  frequencyFloor: zPolicyValue(z.strictObject({ days: z.number().int().positive() })),
  deadlines: ZDeadlines,
  postponement: ZPostponement,
  /** The policy's requirement to diarise a whole year of sessions in advance. */
  yearScheduleInAdvance: zPolicyValue(z.strictObject({ months: z.number().int().positive(), where: z.string() })),
  escalation: ZEscalation,
  preparationPrompts: zPolicyValue(z.array(ZPreparationPrompt).min(1)),
  agendas: z.array(ZAgenda),
  /** When the preparation card goes out (issue 5 item 1); absent means the product default, 2 working days (K13). */
  preparation: ZPreparation.optional(),
  /** The case-record system and its reference format, for case items on an agenda. */
  caseReference: ZCaseReference.optional(),
  recordTemplates: z.array(ZRecordTemplate),
  retention: ZRetention,
  requirements: z.array(ZRequirement),
  decisions: z.array(ZDecision),
}).superRefine((pack, ctx) => {
  const agendaIds = new Set(pack.agendas.map((a) => a.id));
  const roleIds = new Set<string>();
  for (const role of pack.roles) {
    if (roleIds.has(role.id)) ctx.addIssue({ code: 'custom', message: `duplicate role id ${role.id}` });
    roleIds.add(role.id);
    for (const a of role.agendas) {
      if (!agendaIds.has(a)) ctx.addIssue({ code: 'custom', message: `role ${role.id} names unknown agenda ${a}` });
    }
    const phaseIds = new Set<string>();
    for (const p of role.phases) {
      if (phaseIds.has(p.id)) ctx.addIssue({ code: 'custom', message: `role ${role.id}: duplicate phase ${p.id}` });
      phaseIds.add(p.id);
    }
  }
  const format = pack.caseReference?.format;
  if (format && !('notSpecified' in format)) {
    let re: RegExp | undefined;
    try { re = new RegExp(format.value.pattern); } catch { ctx.addIssue({ code: 'custom', message: 'caseReference.format.pattern is not a regular expression' }); }
    if (re && !re.test(format.value.example)) ctx.addIssue({ code: 'custom', message: 'caseReference.format.example does not match its pattern' });
  }
  // A citation must point into the pack's own document: borrowing is what K13 forbids. And it
  // carries the policy's words, so a person shown the rule can read what it rests on (issue 10).
  const unquoted: { path: string; lines: string }[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, `${path}.${i}`)); return; }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o['file'] === 'string' && typeof o['lines'] === 'string' && o['file'] !== pack.sourceFile) {
      ctx.addIssue({ code: 'custom', message: `${path} cites ${String(o['file'])}, not this pack's source ${pack.sourceFile}` });
    }
    const src = o['source'];
    if (src !== null && typeof src === 'object' && 'lines' in src && typeof o['quote'] !== 'string') {
      unquoted.push({ path, lines: String((src as Record<string, unknown>)['lines']) });
    }
    for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(pack, '');
  for (const u of unquoted) {
    ctx.addIssue({ code: 'custom', path: u.path.split('.'), message: `${u.path} cites ${u.lines} without a quote: give the policy's sentence it rests on` });
  }
});
export type PolicyPack = z.infer<typeof ZPolicyPack>;
export type PolicySourceT = z.infer<typeof ZPolicySource>;
