/**
 * `npm run check:infra`: the offline checks of infra/azure.json and infra/azure.parameters.json that
 * the tests run (references, parameter types and allowed values, no secret in or out), one line each.
 */
import { checkTemplate, readParameters, readTemplate, secretProblems } from './arm-template.js';

const template = readTemplate('infra/azure.json');
const example = { resourceBaseName: 'sample', botEntraAppId: '00000000-0000-0000-0000-000000000001', teamsAppId: '00000000-0000-0000-0000-000000000002', councilName: 'Sample Council' };
const problems = [
  ...checkTemplate(template, example).problems,
  ...secretProblems(template, [{ name: 'infra/azure.parameters.json', file: readParameters('infra/azure.parameters.json') }]),
];
for (const problem of problems) process.stderr.write(`✗ ${problem}\n`);
if (problems.length === 0) process.stdout.write('✓ infra/azure.json: every reference resolves, no secret in or out\n');
process.exitCode = problems.length === 0 ? 0 : 1;
