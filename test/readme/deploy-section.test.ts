import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRAPH_PERMISSIONS } from '../../src/adapters/graph/permissions.js';

const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('## Deploy to your council');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

describe('README: Deploy to your council', () => {
  it('walks the steps in the order an IT admin works, from the environment file to the doctor', () => {
    expect(start).toBeGreaterThan(0);
    const steps = [...section.matchAll(/^### (\d+)\. (.+)$/gm)].map((m) => [Number(m[1]), m[2] ?? ''] as const);
    expect(steps.map(([n]) => n)).toEqual(steps.map((_, i) => i + 1));
    const order = ['environment file', 'Entra app', 'Graph application permissions', 'Azure resources', 'federated credential', 'Exchange', 'SharePoint', 'Admin consent', 'Deploy the code', 'app in Teams', 'Check everything'];
    expect(order.map((words) => steps.findIndex(([, title]) => title.includes(words)))).toEqual(order.map((_, i) => i));
  });

  it("names every permission of the product's one list, each with why, and no other Graph permission in its table", () => {
    for (const permission of GRAPH_PERMISSIONS) expect(section, permission.name).toMatch(new RegExp(`^\\| \`${permission.name.replace(/\./g, '\\.')}\` \\| \\w.{20,} \\|$`, 'm'));
    const table = [...section.matchAll(/^\| `([A-Za-z.]+)` \|/gm)].map((m) => m[1]);
    expect(table.sort()).toEqual(GRAPH_PERMISSIONS.map((p) => p.name).sort());
  });

  it('every npm script and file it names exists', () => {
    for (const [, script] of section.matchAll(/npm run ([a-z:-]+)/g)) expect(pkg.scripts, String(script)).toHaveProperty(String(script));
    for (const file of ['infra/azure.json', 'm365agents.yml', 'env/.env.dev', 'appPackage/manifest.json', 'src/adapters/graph/permissions.ts', 'bin/supervision.js']) {
      expect(section, file).toContain(file);
      expect(existsSync(file), file).toBe(true);
    }
  });

  it('covers the scoping, the grant, consent and the package the issue asks for', () => {
    for (const words of ['New-ApplicationAccessPolicy', 'RBAC for Applications', 'Sites.Selected', 'write grant', 'retention label', 'admin-consent', 'Teams admin center', 'api://AzureADTokenExchange', 'supervision setup sharepoint']) {
      expect(section, words).toContain(words);
    }
    expect(section).not.toMatch(/client secret[^.]*\bcreate\b/i);
  });
});
