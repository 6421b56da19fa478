import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { readTemplate } from '../../scripts/infra/arm-template.js';
import { placeholdersIn, readToolkitEnv } from '../../src/config/placeholders.js';

/**
 * The actions m365agents.yml uses, with the inputs the Agents Toolkit documents for each (the
 * toolkit's actions reference, "teamsfx-actions": Syntax blocks and their "Required" notes) and
 * the outputs it can write to the environment file. A live run needs a Microsoft 365 tenant and an
 * Azure subscription, out of reach here; this checks the file against what the toolkit accepts.
 */
const documented: Record<string, { required: string[]; optional: string[]; outputs?: string[] }> = {
  'teamsApp/create': { required: ['name'], optional: [], outputs: ['teamsAppId'] },
  'teamsApp/update': { required: ['appPackagePath'], optional: [] },
  'teamsApp/validateManifest': { required: ['manifestPath'], optional: [] },
  'teamsApp/validateAppPackage': { required: ['appPackagePath'], optional: [] },
  'teamsApp/zipAppPackage': { required: ['manifestPath', 'outputZipPath', 'outputJsonPath'], optional: [] },
  'teamsApp/publishAppPackage': { required: ['appPackagePath'], optional: [], outputs: ['publishedAppId'] },
  'arm/deploy': { required: ['subscriptionId', 'resourceGroupName', 'templates'], optional: ['bicepCliVersion'] },
  'cli/runNpmCommand': { required: ['args'], optional: ['workingDirectory'] },
  'azureAppService/zipDeploy': { required: ['artifactFolder', 'resourceId'], optional: ['workingDirectory', 'ignoreFile', 'dryRun', 'outputZipFile'] },
};

const ZAction = z.strictObject({
  uses: z.string(),
  name: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  writeToEnvironmentFile: z.record(z.string(), z.string().regex(/^[A-Z][A-Z0-9_]*$/)).optional(),
});
const ZLifecycleFile = z.strictObject({
  version: z.string().regex(/^v1\.\d+$/),
  environmentFolderPath: z.string(),
  provision: z.array(ZAction).min(1),
  deploy: z.array(ZAction).min(1),
  publish: z.array(ZAction).min(1),
});

const text = readFileSync('m365agents.yml', 'utf8');
const lifecycle = ZLifecycleFile.parse(parse(text));
const stages = { provision: lifecycle.provision, deploy: lifecycle.deploy, publish: lifecycle.publish };
const all = Object.values(stages).flat();
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

/** Problems of one action against the documented inputs. */
function actionProblems(action: z.infer<typeof ZAction>): string[] {
  const spec = documented[action.uses];
  if (!spec) return [`${action.uses} is not an action the toolkit documents`];
  const given = Object.keys(action.with ?? {});
  return [
    ...spec.required.filter((k) => !given.includes(k)).map((k) => `${action.uses} needs ${k}`),
    ...given.filter((k) => !spec.required.includes(k) && !spec.optional.includes(k)).map((k) => `${action.uses} has no input ${k}`),
    ...Object.keys(action.writeToEnvironmentFile ?? {}).filter((k) => !(spec.outputs ?? []).includes(k)).map((k) => `${action.uses} writes no ${k}`),
  ];
}

describe('m365agents.yml (Microsoft 365 Agents Toolkit lifecycle, checked offline)', () => {
  it('is valid YAML with the lifecycle stages, a schema version and the env folder', () => {
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.\d+\/yaml\.schema\.json$/);
    expect(text).toContain(`version: ${lifecycle.version}\n`);
    expect(existsSync(lifecycle.environmentFolderPath)).toBe(true);
    expect(existsSync(`${lifecycle.environmentFolderPath}/.env.dev`)).toBe(true);
  });

  it('every action is one the toolkit documents, with its required inputs and no others', () => {
    expect(all.flatMap(actionProblems)).toEqual([]);
  });

  it('the check fails on an undocumented action, a missing input or an unknown one', () => {
    expect(actionProblems({ uses: 'teamsApp/deployEverything' })).toEqual(['teamsApp/deployEverything is not an action the toolkit documents']);
    expect(actionProblems({ uses: 'teamsApp/update', with: { appPackage: 'x.zip' } })).toEqual(['teamsApp/update needs appPackagePath', 'teamsApp/update has no input appPackage']);
    expect(actionProblems({ uses: 'teamsApp/create', with: { name: 'x' }, writeToEnvironmentFile: { clientSecret: 'SECRET' } })).toEqual(['teamsApp/create writes no clientSecret']);
  });

  it('provision makes the Teams app, deploys infra/azure.json, validates, zips and updates the app package', () => {
    expect(lifecycle.provision.map((a) => a.uses)).toEqual(['teamsApp/create', 'arm/deploy', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update']);
    const arm = lifecycle.provision.find((a) => a.uses === 'arm/deploy')!;
    const templates = z.array(z.strictObject({ path: z.string(), parameters: z.string(), deploymentName: z.string().min(1) })).parse(arm.with?.templates);
    for (const t of templates) {
      expect(existsSync(t.path), t.path).toBe(true);
      expect(existsSync(t.parameters), t.parameters).toBe(true);
    }
  });

  it('deploy builds the runtime-only folder with npm scripts that exist and zip-deploys it to the web app', () => {
    for (const action of lifecycle.deploy.filter((a) => a.uses === 'cli/runNpmCommand')) {
      const [verb, script] = String(action.with?.args).split(/\s+/);
      if (verb === 'run') expect(pkg.scripts, String(script)).toHaveProperty(String(script));
      else expect(verb).toBe('ci');
    }
    const zip = lifecycle.deploy.find((a) => a.uses === 'azureAppService/zipDeploy')!;
    expect(zip.with?.artifactFolder).toBe('.deployment/app');
    expect(pkg.scripts.bundle).toContain('scripts/build/bundle.ts');
    expect(readFileSync('scripts/build/bundle.ts', 'utf8')).toContain("export const BUNDLE_DIR = '.deployment/app'");
  });

  it('publish validates, zips, updates and publishes the package to the organisation\'s catalogue', () => {
    expect(lifecycle.publish.map((a) => a.uses)).toEqual(['teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update', 'teamsApp/publishAppPackage']);
  });

  it('every ${{VAR}} it uses is built in, in env/.env.dev, or written by an action or an arm/deploy output', () => {
    const template = readTemplate('infra/azure.json');
    const written = new Set([
      'TEAMSFX_ENV',
      ...all.flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {})),
      // arm/deploy writes each output as an upper-case variable.
      ...Object.keys(template.outputs).map((o) => o.toUpperCase().replace(/[^A-Z0-9]/g, '_')),
    ]);
    const env = readToolkitEnv('dev');
    const unknown = placeholdersIn(text).filter((name) => !written.has(name) && !(name in env));
    expect(unknown).toEqual([]);
    expect(written.has('BOT_AZURE_APP_SERVICE_RESOURCE_ID')).toBe(true);
  });

  it('nothing in it creates or stores a secret', () => {
    expect(text).not.toMatch(/SECRET_|clientSecret|generateClientSecret|botAadApp\/create/);
  });
});
