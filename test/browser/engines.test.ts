import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/start-app.js';
import { startTestSimulator, type Simulator } from '../helpers/start-simulator.js';
import { ensureUiBuilt, hasChromium, launchBrowser, screenshotPath } from './harness.js';

let engines: Simulator[];
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium()) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const built = ensureUiBuilt();
  engines = [await startTestSimulator(), await startTestSimulator()];
  app = await startApp({ engineUrl: engines.map((e) => e.url).join(',') });
  [browser] = await Promise.all([launchBrowser(), built]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await Promise.all((engines ?? []).map((e) => e.close()));
});

describe('with several engines the UI shows each one', () => {
  it('lists both engines and shows the one that went down, with the reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${app.url}/`);
    await page.getByTestId('engine-status').getByText('Engines 2/2 ok').waitFor();
    await engines[1]!.kill();
    await page.getByTestId('engine-status').getByText('Engines 1/2 ok', { exact: false }).waitFor({ timeout: 15_000 });
    await page.getByTestId('engine-list').locator('summary').click();
    const list = await page.getByTestId('engine-list').textContent();
    expect(list).toContain(`${engines[1]!.url} — down`);
    expect(list).toContain(`${engines[0]!.url} — ok`);
    await page.screenshot({ path: screenshotPath('engines'), fullPage: true });
    await page.close();
  });
});
