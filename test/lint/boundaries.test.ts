import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The architectural boundaries of the foundation issue, enforced by eslint.config.js. */
const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint boundaries', () => {
  it('only src/adapters/bot may import the Bot Framework SDK', async () => {
    const code = "import { CloudAdapter } from 'botbuilder';\nexport const a = CloudAdapter;\n";
    expect(await problems('src/conversation/example.ts', code)).toEqual([expect.stringMatching(/no-restricted-imports: .*Only src\/adapters\/bot/)]);
    expect(await problems('src/app.ts', code)).toEqual([expect.stringMatching(/Only src\/adapters\/bot/)]);
    expect(await problems('src/adapters/bot/example.ts', code)).toEqual([]);
  });

  it('src/domain imports no SDK and no node I/O, and reads no clock', async () => {
    expect(await problems('src/domain/example.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([expect.stringMatching(/no node I\/O/)]);
    expect(await problems('src/domain/example.ts', "import { TableClient } from '@azure/data-tables';\nexport const t = TableClient;\n")).toEqual([expect.stringMatching(/no SDK imports/)]);
    expect(await problems('src/domain/example.ts', 'export const now = () => new Date();\n')).toEqual([expect.stringMatching(/no clock/)]);
    expect(await problems('src/domain/example.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;\n")).toEqual([]);
  });
});
