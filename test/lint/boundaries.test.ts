import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/** The architectural boundaries (issue 10 item 7), enforced by eslint.config.js: one case each. */
const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const importing = (specifier: string) => `import { thing } from '${specifier}';\nexport const t = thing;\n`;

describe('lint boundaries', () => {
  it('only src/adapters/bot may import the Bot Framework SDK', async () => {
    const code = "import { CloudAdapter } from 'botbuilder';\nexport const a = CloudAdapter;\n";
    expect(await problems('src/conversation/example.ts', code)).toEqual([expect.stringMatching(/no-restricted-imports: .*Only src\/adapters\/bot/)]);
    expect(await problems('src/app.ts', code)).toEqual([expect.stringMatching(/Only src\/adapters\/bot/)]);
    expect(await problems('src/usecases/example.ts', code)).toEqual([expect.stringMatching(/Only src\/adapters\/bot/)]);
    expect(await problems('src/adapters/bot/example.ts', code)).toEqual([]);
  });

  it('src/domain imports no SDK and no node I/O, and reads no clock', async () => {
    expect(await problems('src/domain/example.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([expect.stringMatching(/no node I\/O/)]);
    expect(await problems('src/domain/example.ts', "import { TableClient } from '@azure/data-tables';\nexport const t = TableClient;\n")).toEqual([expect.stringMatching(/no SDK imports/)]);
    expect(await problems('src/domain/example.ts', 'export const now = () => new Date();\n')).toEqual([expect.stringMatching(/no clock/)]);
    expect(await problems('src/domain/example.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;\n")).toEqual([]);
  });

  it('src/policy is as pure as the domain', async () => {
    expect(await problems('src/policy/example.ts', "import { Hono } from 'hono';\nexport const h = Hono;\n")).toEqual([expect.stringMatching(/no SDK imports/)]);
    expect(await problems('src/policy/example.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toEqual([expect.stringMatching(/no node I\/O/)]);
  });

  it('src/domain and src/policy import nothing above them', async () => {
    expect(await problems('src/domain/records/example.ts', importing('../../usecases/records/deps.js'))).toEqual([expect.stringMatching(/src\/domain is the bottom layer/)]);
    expect(await problems('src/domain/records/example.ts', importing('../../repositories/records.js'))).toEqual([expect.stringMatching(/src\/domain is the bottom layer/)]);
    expect(await problems('src/policy/example.ts', importing('../adapters/storage/index.js'))).toEqual([expect.stringMatching(/src\/policy imports only/)]);
    expect(await problems('src/domain/records/example.ts', importing('../../policy/schema.js'))).toEqual([]);
  });

  it('src/repositories import no use cases, jobs, conversation or adapters', async () => {
    expect(await problems('src/repositories/example.ts', importing('../usecases/records/deps.js'))).toEqual([expect.stringMatching(/src\/repositories sit on the storage ports/)]);
    expect(await problems('src/repositories/example.ts', importing('../adapters/storage/index.js'))).toEqual([expect.stringMatching(/src\/repositories sit on the storage ports/)]);
    expect(await problems('src/repositories/example.ts', importing('../domain/ports/storage.js'))).toEqual([]);
  });

  it('src/usecases import no jobs, conversation or adapters', async () => {
    for (const target of ['../../jobs/registry.js', '../../conversation/reply.js', '../../adapters/pdf/record-pdf.js']) {
      expect(await problems('src/usecases/records/example.ts', importing(target)), target).toEqual([expect.stringMatching(/src\/usecases import no jobs, conversation or adapters/)]);
    }
    expect(await problems('src/usecases/records/example.ts', importing('../../repositories/records.js'))).toEqual([]);
    expect(await problems('src/usecases/records/example.ts', importing('../agenda/agenda.js'))).toEqual([]);
  });

  it('src/conversation calls use cases only: no jobs, repositories or adapters', async () => {
    for (const target of ['../../jobs/registry.js', '../../repositories/records.js', '../../adapters/graph/graph-client.js']) {
      expect(await problems('src/conversation/records/example.ts', importing(target)), target).toEqual([expect.stringMatching(/src\/conversation calls use cases only/)]);
    }
    expect(await problems('src/conversation/records/example.ts', importing('../../usecases/records/share-record.js'))).toEqual([]);
  });

  it('src/jobs import no concrete adapters and no conversation', async () => {
    for (const target of ['../../adapters/storage/lease-lock.js', '../../conversation/records/flow.js']) {
      expect(await problems('src/jobs/records/example.ts', importing(target)), target).toEqual([expect.stringMatching(/src\/jobs import no concrete adapters and no conversation/)]);
    }
    expect(await problems('src/jobs/records/example.ts', importing('../../usecases/records/send-record-card.js'))).toEqual([]);
  });

  describe('no import cycles in src, type-only imports included', () => {
    const dir = join('src', `lint-cycle-fixture-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'b.ts'), "import type { A } from './a.js';\nexport interface B { a?: A }\n");
    writeFileSync(join(dir, 'c.ts'), 'export interface C { n: number }\n');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('a type-only import that closes a loop is reported with the whole loop', async () => {
      const found = await problems(join(dir, 'a.ts'), "import type { B } from './b.js';\nexport interface A { b?: B }\n");
      expect(found).toEqual([expect.stringMatching(/local\/no-import-cycle: Import cycle: .*a\.ts → .*b\.ts → .*a\.ts/)]);
    });

    it('an import that closes no loop is fine', async () => {
      expect(await problems(join(dir, 'a.ts'), "import type { C } from './c.js';\nexport interface A { c?: C }\n")).toEqual([]);
    });
  });
});
