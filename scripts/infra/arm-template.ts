/**
 * Offline checks of an ARM template (infra/azure.json) and its parameters file: every expression
 * reads, every function is one this checker knows, every parameters()/variables() reference names a
 * declared one, every resourceId(), reference(), scope and dependsOn names a resource the template
 * declares, and the parameters file fits the declared types and allowed values. Expressions are
 * evaluated against sample values so that a name built with format() or take() is compared as ARM
 * would build it. `npm run check:infra` prints the problems; the tests use the same functions.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { callsIn, isExpression, parseExpression, type ArmNode } from './arm-expressions.js';

const ZParameter = z.object({
  type: z.string(),
  defaultValue: z.unknown().optional(),
  allowedValues: z.array(z.unknown()).optional(),
  minLength: z.number().int().optional(),
  maxLength: z.number().int().optional(),
  minValue: z.number().int().optional(),
  maxValue: z.number().int().optional(),
  metadata: z.object({ description: z.string().optional() }).optional(),
});

const ZResource = z.looseObject({
  type: z.string().regex(/^[A-Za-z.]+\/[A-Za-z]+(\/[A-Za-z]+)*$/),
  apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/),
  name: z.string(),
  scope: z.string().optional(),
  dependsOn: z.array(z.string()).optional(),
  properties: z.unknown().optional(),
});

export const ZArmTemplate = z.object({
  $schema: z.literal('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'),
  contentVersion: z.string(),
  metadata: z.unknown().optional(),
  parameters: z.record(z.string(), ZParameter),
  variables: z.record(z.string(), z.unknown()).default({}),
  resources: z.array(ZResource),
  outputs: z.record(z.string(), z.object({ type: z.string(), value: z.unknown() })).default({}),
});
export type ArmTemplate = z.infer<typeof ZArmTemplate>;

export const ZArmParameters = z.object({
  $schema: z.literal('https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#'),
  contentVersion: z.string(),
  parameters: z.record(z.string(), z.object({ value: z.unknown() })),
});
export type ArmParameters = z.infer<typeof ZArmParameters>;

/** ARM's parameter types (case-insensitive in ARM; the template uses these spellings). */
const parameterTypes = new Set(['string', 'securestring', 'int', 'bool', 'object', 'secureObject', 'array']);

/** What the evaluator stands in for, so a deployment's names and ids can be compared offline. */
const sample = {
  subscriptionId: '00000000-0000-0000-0000-00000000aaaa',
  tenantId: '00000000-0000-0000-0000-00000000bbbb',
  resourceGroup: 'rg-sample',
  location: 'uksouth',
};

/** The value of reference(): its properties are only known after deployment. */
class Deferred {
  constructor(readonly path: string) {}
  toString(): string {
    return `<${this.path}>`;
  }
}

export interface TemplateUse {
  readonly parameters: Set<string>;
  readonly variables: Set<string>;
}

const knownFunctions = new Set([
  'parameters', 'variables', 'resourceGroup', 'subscription', 'resourceId', 'subscriptionResourceId', 'reference',
  'format', 'toLower', 'toUpper', 'take', 'uniqueString', 'guid', 'concat', 'replace',
]);

function hash(args: readonly unknown[]): string {
  return createHash('sha256').update(args.map(String).join('\u0000')).digest('hex');
}

/** "Microsoft.Web/sites/config" + "app/appsettings" → the id ARM gives the resource. */
export function resourceIdOf(type: string, name: string): string {
  const [namespace, ...types] = type.split('/');
  const names = name.split('/');
  if (types.length !== names.length) throw new Error(`the resource ${type} needs ${types.length} name segment(s), got "${name}"`);
  const pairs = types.map((t, i) => `${t}/${names[i]}`).join('/');
  return `/subscriptions/${sample.subscriptionId}/resourceGroups/${sample.resourceGroup}/providers/${namespace}/${pairs}`;
}

export class TemplateEvaluator {
  readonly problems: string[] = [];
  readonly use: TemplateUse = { parameters: new Set(), variables: new Set() };
  /** Ids of the resources the template declares. */
  readonly declared = new Set<string>();
  private readonly variableValues = new Map<string, unknown>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly template: ArmTemplate,
    private readonly parameterValues: Readonly<Record<string, unknown>>,
  ) {
    for (const resource of template.resources) {
      const name = this.value(resource.name, `resource ${resource.type} name`);
      try {
        this.declared.add(resourceIdOf(resource.type, String(name)));
      } catch (error) {
        this.problems.push(error instanceof Error ? error.message : String(error));
      }
    }
  }

  /** Evaluates a template value: strings that are expressions are run, objects and arrays walked. */
  value(value: unknown, where: string): unknown {
    if (typeof value === 'string') {
      if (!isExpression(value)) return value.startsWith('[[') ? value.slice(1) : value;
      let node: ArmNode;
      try {
        node = parseExpression(value);
      } catch (error) {
        this.problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      for (const call of callsIn(node)) {
        if (!knownFunctions.has(call.name)) this.problems.push(`${where}: unknown or unchecked function ${call.name}()`);
      }
      try {
        return this.run(node, where);
      } catch (error) {
        this.problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }
    if (Array.isArray(value)) return value.map((v, i) => this.value(v, `${where}[${i}]`));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.value(k, `${where} key`), this.value(v, `${where}.${k}`)]));
    }
    return value;
  }

  private run(node: ArmNode, where: string): unknown {
    switch (node.kind) {
      case 'string':
      case 'number':
      case 'literal':
        return node.value;
      case 'property': {
        const target = this.run(node.target, where);
        if (target instanceof Deferred) return new Deferred(`${target.path}.${node.name}`);
        if (target !== null && typeof target === 'object' && node.name in target) return (target as Record<string, unknown>)[node.name];
        throw new Error(`no property "${node.name}"`);
      }
      case 'index': {
        const target = this.run(node.target, where);
        const index = this.run(node.index, where);
        if (target instanceof Deferred) return new Deferred(`${target.path}[${String(index)}]`);
        if (target !== null && typeof target === 'object' && String(index) in target) return (target as Record<string, unknown>)[String(index)];
        throw new Error(`no element [${String(index)}]`);
      }
      case 'call':
        return this.call(node.name, node.args.map((a) => this.run(a, where)));
    }
  }

  private call(name: string, args: unknown[]): unknown {
    const text = (i: number): string => {
      const v = args[i];
      if (v === undefined) throw new Error(`${name}() needs argument ${i + 1}`);
      return String(v);
    };
    switch (name) {
      case 'parameters': {
        const key = text(0);
        if (!(key in this.template.parameters)) throw new Error(`parameters('${key}') names no declared parameter`);
        this.use.parameters.add(key);
        if (key in this.parameterValues) return this.parameterValues[key];
        const fallback = this.template.parameters[key]?.defaultValue;
        if (fallback === undefined) throw new Error(`parameters('${key}') has no value and no default`);
        return this.value(fallback, `parameter ${key} default`);
      }
      case 'variables': {
        const key = text(0);
        if (!(key in this.template.variables)) throw new Error(`variables('${key}') names no declared variable`);
        this.use.variables.add(key);
        if (this.variableValues.has(key)) return this.variableValues.get(key);
        if (this.evaluating.has(key)) throw new Error(`variables('${key}') refers to itself`);
        this.evaluating.add(key);
        const result = this.value(this.template.variables[key], `variable ${key}`);
        this.evaluating.delete(key);
        this.variableValues.set(key, result);
        return result;
      }
      case 'resourceGroup':
        return { id: `/subscriptions/${sample.subscriptionId}/resourceGroups/${sample.resourceGroup}`, name: sample.resourceGroup, location: sample.location };
      case 'subscription':
        return { id: `/subscriptions/${sample.subscriptionId}`, subscriptionId: sample.subscriptionId, tenantId: sample.tenantId };
      case 'resourceId': {
        const id = resourceIdOf(text(0), args.slice(1).map(String).join('/'));
        if (this.declared.size > 0 && !this.declared.has(id)) throw new Error(`resourceId('${text(0)}', …) names no resource of this template (${id})`);
        return id;
      }
      case 'subscriptionResourceId': {
        const [namespace, ...types] = text(0).split('/');
        const names = args.slice(1).map(String);
        return `/subscriptions/${sample.subscriptionId}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i] ?? ''}`).join('/')}`;
      }
      case 'reference': {
        const id = text(0);
        if (!this.declared.has(id)) throw new Error(`reference() names no resource of this template (${id})`);
        return new Deferred(`reference(${id.split('/providers/')[1] ?? id})`);
      }
      case 'format':
        return text(0).replace(/\{(\d+)\}/g, (_, i: string) => {
          const v = args[Number(i) + 1];
          if (v === undefined) throw new Error(`format() has no argument {${i}}`);
          return String(v);
        });
      case 'toLower':
        return text(0).toLowerCase();
      case 'toUpper':
        return text(0).toUpperCase();
      case 'take':
        return Array.isArray(args[0]) ? args[0].slice(0, Number(args[1])) : text(0).slice(0, Number(args[1]));
      case 'uniqueString':
        // ARM's is a 13-character base-32 hash; only its shape matters here.
        return BigInt(`0x${hash(args).slice(0, 16)}`).toString(32).padStart(13, 'a').slice(0, 13);
      case 'guid': {
        const h = hash(args);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      }
      case 'concat':
        return args.every(Array.isArray) ? args.flat() : args.map(String).join('');
      case 'replace':
        return text(0).split(text(1)).join(text(2));
      default:
        throw new Error(`unknown function ${name}()`);
    }
  }
}

export interface ResolvedResource {
  readonly type: string;
  readonly id: string;
  readonly value: Record<string, unknown>;
}

export interface TemplateCheck {
  readonly problems: readonly string[];
  readonly resources: readonly ResolvedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

/**
 * Evaluates the whole template with the given parameter values (defaults for the rest) and lists
 * every reference that does not resolve and every declared parameter or variable nothing uses.
 */
export function checkTemplate(template: ArmTemplate, parameterValues: Readonly<Record<string, unknown>>): TemplateCheck {
  const evaluator = new TemplateEvaluator(template, parameterValues);
  const problems = evaluator.problems;
  for (const [name, parameter] of Object.entries(template.parameters)) {
    if (!parameterTypes.has(parameter.type)) problems.push(`parameter ${name}: unknown type ${parameter.type}`);
  }
  const resources: ResolvedResource[] = template.resources.map((resource, i) => {
    const where = `resources[${i}] (${resource.type})`;
    const value = evaluator.value(resource, where) as Record<string, unknown>;
    const id = resourceIdOf(resource.type, String(value.name));
    for (const dependency of (value.dependsOn as unknown[] | undefined) ?? []) {
      if (!evaluator.declared.has(String(dependency))) problems.push(`${where}: dependsOn ${String(dependency)} is not a resource of this template`);
    }
    if (value.scope !== undefined && !evaluator.declared.has(String(value.scope))) problems.push(`${where}: scope ${String(value.scope)} is not a resource of this template`);
    return { type: resource.type, id, value };
  });
  const outputs = Object.fromEntries(Object.entries(template.outputs).map(([name, output]) => [name, evaluator.value(output.value, `outputs.${name}`)]));
  for (const name of Object.keys(template.parameters)) {
    if (!evaluator.use.parameters.has(name)) problems.push(`parameter ${name} is declared but never used`);
  }
  for (const name of Object.keys(template.variables)) {
    if (!evaluator.use.variables.has(name)) problems.push(`variable ${name} is declared but never used`);
  }
  return { problems: [...new Set(problems)], resources, outputs };
}

/** A value's fit to its declared parameter: type, allowed values, lengths and bounds. */
export function parameterProblems(template: ArmTemplate, values: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const declared = template.parameters[name];
    if (!declared) {
      problems.push(`parameter ${name} is given but not declared by the template`);
      continue;
    }
    problems.push(...valueProblems(name, declared, value));
  }
  for (const [name, declared] of Object.entries(template.parameters)) {
    if (declared.defaultValue === undefined && !(name in values)) problems.push(`parameter ${name} has no default and is not given`);
    if (declared.defaultValue !== undefined && !(typeof declared.defaultValue === 'string' && isExpression(declared.defaultValue))) {
      problems.push(...valueProblems(`${name} (default)`, declared, declared.defaultValue));
    }
  }
  return problems;
}

function valueProblems(name: string, declared: z.infer<typeof ZParameter>, value: unknown): string[] {
  const problems: string[] = [];
  const type = declared.type.toLowerCase();
  const typeOk =
    type === 'string' || type === 'securestring' ? typeof value === 'string'
      : type === 'int' ? Number.isInteger(value)
        : type === 'bool' ? typeof value === 'boolean'
          : type === 'array' ? Array.isArray(value)
            : value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!typeOk) problems.push(`parameter ${name}: ${JSON.stringify(value)} is not of type ${declared.type}`);
  if (declared.allowedValues && !declared.allowedValues.some((v) => JSON.stringify(v) === JSON.stringify(value))) {
    problems.push(`parameter ${name}: ${JSON.stringify(value)} is not one of ${JSON.stringify(declared.allowedValues)}`);
  }
  if (typeof value === 'string' || Array.isArray(value)) {
    if (declared.minLength !== undefined && value.length < declared.minLength) problems.push(`parameter ${name}: shorter than ${declared.minLength}`);
    if (declared.maxLength !== undefined && value.length > declared.maxLength) problems.push(`parameter ${name}: longer than ${declared.maxLength}`);
  }
  if (typeof value === 'number') {
    if (declared.minValue !== undefined && value < declared.minValue) problems.push(`parameter ${name}: below ${declared.minValue}`);
    if (declared.maxValue !== undefined && value > declared.maxValue) problems.push(`parameter ${name}: above ${declared.maxValue}`);
  }
  return problems;
}

/** Words that mark a secret in a name or a value (an account key, a password, a connection string, a SAS). */
const secretWords = /(password|secret|accountkey|account_key|connectionstring|connection_string|sharedaccess|\bsig=|listkeys|token)/i;
/** ARM's list*() functions return keys and secrets. */
const listFunction = /\blist[A-Z]\w*\s*\(/;

/**
 * Nothing secret goes in or comes out: no secure parameters (a council's deployment takes no
 * secret), no list*() function (keys), no output or parameter value that is or names a secret.
 */
export function secretProblems(template: ArmTemplate, parametersFiles: readonly { name: string; file: ArmParameters }[]): string[] {
  const problems: string[] = [];
  for (const [name, parameter] of Object.entries(template.parameters)) {
    if (/^secure/i.test(parameter.type)) problems.push(`parameter ${name} is a ${parameter.type}: the deployment takes no secret`);
  }
  const text = JSON.stringify(template);
  if (listFunction.test(text)) problems.push('the template calls a list*() function, which returns keys or secrets');
  for (const [name, output] of Object.entries(template.outputs)) {
    if (/^secure/i.test(output.type)) problems.push(`output ${name} is a ${output.type}`);
    if (secretWords.test(name) || secretWords.test(JSON.stringify(output.value))) problems.push(`output ${name} names or returns a secret`);
  }
  for (const { name, file } of parametersFiles) {
    for (const [key, { value }] of Object.entries(file.parameters)) {
      if (secretWords.test(key) || secretWords.test(JSON.stringify(value))) problems.push(`${name}: parameter ${key} names or holds a secret`);
    }
  }
  return problems;
}

export function readTemplate(path: string): ArmTemplate {
  return ZArmTemplate.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function readParameters(path: string): ArmParameters {
  return ZArmParameters.parse(JSON.parse(readFileSync(path, 'utf8')));
}
