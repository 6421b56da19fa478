import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../support/browser.js';
import { chromiumFlags } from '../support/npm-start.js';

// Issue 10 item 2: the browser tests run on a machine where apt was never used.
describe('the browser the tests drive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chromium-choice-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('CHROMIUM_PATH wins when it names an executable, and a wrong one is refused in plain words', async () => {
    const fake = join(dir, 'my-chrome');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(await findChromium({ CHROMIUM_PATH: fake, PATH: '' })).toEqual({ executablePath: fake, source: 'CHROMIUM_PATH' });
    await expect(findChromium({ CHROMIUM_PATH: join(dir, 'missing'), PATH: '' })).rejects.toThrow(/not an executable file/);
  });

  it('a system chromium on PATH comes next', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'chromium'), '#!/bin/sh\n');
    chmodSync(join(bin, 'chromium'), 0o755);
    expect(await findChromium({ PATH: bin })).toEqual({ executablePath: join(bin, 'chromium'), source: 'system' });
    // "bundled" skips the system one.
    expect((await findChromium({ PATH: bin, CHROMIUM_PATH: 'bundled' })).source).toBe('npm');
  });

  it('without either, the npm package\'s Chromium is unpacked and really drives a page', async () => {
    const choice = await findChromium({ PATH: '' });
    expect(choice.source).toBe('npm');
    const browser = await chromium.launch({ executablePath: choice.executablePath, args: chromiumFlags });
    try {
      const page = await browser.newPage();
      await page.setContent('<button onclick="document.title = \'pressed\'">Press</button>');
      await page.click('button');
      expect(await page.title()).toBe('pressed');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
