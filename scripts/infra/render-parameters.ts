/**
 * `npm run infra:parameters -- --env <name>`: infra/azure.parameters.json with its `${{VAR}}`
 * placeholders filled from env/.env.<name>, checked against the template's parameter types and
 * allowed values, written to infra/build/azure.parameters.<name>.json for
 * `az deployment group create --parameters @infra/build/azure.parameters.<name>.json` (the Agents
 * Toolkit's arm/deploy fills the same placeholders itself).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fillPlaceholders, jsonStringEscape, readToolkitEnv } from '../../src/config/placeholders.js';
import { parameterProblems, readTemplate, ZArmParameters, type ArmParameters } from './arm-template.js';

export interface RenderedParameters {
  readonly file: ArmParameters;
  readonly problems: readonly string[];
}

export function renderParameters(env: Readonly<Record<string, string | undefined>>, paths = { template: 'infra/azure.json', parameters: 'infra/azure.parameters.json' }): RenderedParameters {
  const filled = fillPlaceholders(readFileSync(paths.parameters, 'utf8'), env, jsonStringEscape);
  const file = ZArmParameters.parse(JSON.parse(filled.text));
  const values = Object.fromEntries(Object.entries(file.parameters).map(([k, v]) => [k, v.value]));
  const problems = [
    ...filled.missing.map((name) => `${name} is not set in the environment file (infra/azure.parameters.json uses \${{${name}}})`),
    ...parameterProblems(readTemplate(paths.template), values),
  ];
  return { file, problems };
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { env: { type: 'string' } } });
  if (!values.env) {
    process.stderr.write('usage: npm run infra:parameters -- --env <name>   (reads env/.env.<name>)\n');
    return 2;
  }
  const rendered = renderParameters(readToolkitEnv(values.env, { env: process.env }));
  if (rendered.problems.length > 0) {
    for (const problem of rendered.problems) process.stderr.write(`✗ ${problem}\n`);
    return 1;
  }
  mkdirSync('infra/build', { recursive: true });
  const out = `infra/build/azure.parameters.${values.env}.json`;
  writeFileSync(out, `${JSON.stringify(rendered.file, null, 2)}\n`);
  process.stdout.write(`${out}\n`);
  return 0;
}

if (process.argv[1]?.endsWith('render-parameters.ts')) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
