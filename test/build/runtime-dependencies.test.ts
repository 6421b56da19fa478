import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageName, runtimeGraph } from '../../scripts/build/runtime-imports.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { compilerOptions: Record<string, unknown>; include: string[] };
/** What the deployed app runs: the bot (App Service's start command) and the CLI (`supervision doctor`, `setup`). */
const graph = runtimeGraph('.', ['src/main.ts', 'src/cli/main.ts']);

describe('the production build runs with runtime dependencies only', () => {
  it('npm run build compiles src to dist with type checking, and the web app starts node dist/main.js', () => {
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(build.compilerOptions).toMatchObject({ noEmit: false, rootDir: 'src', outDir: 'dist' });
    expect(build.include).toEqual(['src']);
    expect(readFileSync('infra/azure.json', 'utf8')).toContain('"appCommandLine": "node dist/main.js"');
  });

  it('every package the bot or the CLI loads is a runtime dependency', () => {
    const missing = [...graph.packages].filter(([name]) => !(name in pkg.dependencies)).map(([name, from]) => `${name} (imported by ${from})`);
    expect(missing).toEqual([]);
    expect(graph.files).toContain('src/app.ts');
  });

  it('tsx, the emulator, the sandbox server, the Playground and the test tools are development dependencies, and the app does not load them', () => {
    for (const dev of ['tsx', 'azurite', 'hono', '@microsoft/m365agentsplayground', 'vitest', 'typescript', '@microsoft/app-manifest', 'playwright-core']) {
      expect(pkg.dependencies, dev).not.toHaveProperty(dev);
      expect(pkg.devDependencies, dev).toHaveProperty(dev);
      expect(graph.packages.has(dev), dev).toBe(false);
    }
    // `npm start` (the sandbox) and `npm run serve` are development commands, run through tsx.
    expect(pkg.scripts.start).toMatch(/^tsx /);
    expect(graph.files.some((f) => f.startsWith('src/sandbox/http') || f === 'src/start.ts' || f.startsWith('src/playground'))).toBe(false);
  });

  it('no runtime dependency is left that the app never loads (it would only grow the deployment)', () => {
    const unused = Object.keys(pkg.dependencies).filter((name) => !graph.packages.has(name));
    expect(unused).toEqual([]);
  });

  it('reads package names from specifiers, scoped or not', () => {
    expect(packageName('@azure/identity')).toBe('@azure/identity');
    expect(packageName('@azure/msal-node/dist/x.js')).toBe('@azure/msal-node');
    expect(packageName('botbuilder/lib/x')).toBe('botbuilder');
  });
});
