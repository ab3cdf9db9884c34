import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_A } from '../helpers/http.js';
import { startApp, type RunningApp } from '../helpers/start-app.js';
import { startTestSimulator, type Simulator } from '../helpers/start-simulator.js';
import { ensureUiBuilt, hasChromium, launchBrowser, screenshotPath } from './harness.js';

const TOKEN = 'the-admin-token-123';
const KEY = 'the-access-key-456';

let sim: Simulator;
let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!hasChromium()) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const built = ensureUiBuilt();
  sim = await startTestSimulator();
  app = await startApp({ engineUrl: sim.url, adminToken: TOKEN, accessKey: KEY });
  [browser] = await Promise.all([launchBrowser(), built]);
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sim?.close();
});

describe('signing in to a server with ADMIN_TOKEN', () => {
  it('adding a channel asks for the token; a wrong one is refused, the right one adds the channel', async () => {
    await page.goto(`${app.url}/k/${KEY}/`);
    await page.getByTestId('engine-status').getByText('Engine ok').waitFor();
    await page.getByTestId('sign-in-button').waitFor();
    await page.getByLabel('Name').fill('Guarded');
    await page.getByLabel(/^Source/).fill(`acestream://${CONTENT_A}`);
    await page.getByRole('button', { name: 'Add channel' }).click();

    const dialog = page.getByTestId('sign-in');
    await dialog.waitFor();
    await dialog.getByLabel('Admin token').fill('not-the-token');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').textContent()).toContain('not the admin token');
    await page.screenshot({ path: screenshotPath('sign-in-wrong-token'), fullPage: true });

    await dialog.getByLabel('Admin token').fill(TOKEN);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('tr[data-channel="Guarded"]').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate('localStorage.getItem("acehub.adminToken")')).toBe(TOKEN);
  });

  it('under /k/<key>/ the Setup page gives addresses that carry the key', async () => {
    await page.goto(`${app.url}/k/${KEY}/#/setup`);
    const playlist = await page.getByRole('textbox', { name: 'Playlist (MPEG-TS)' }).inputValue();
    expect(playlist).toBe(`${app.url}/k/${KEY}/playlist.m3u`);
    expect(await page.getByRole('textbox', { name: 'HDHomeRun tuner' }).inputValue()).toBe(`${app.url}/k/${KEY}`);
  });

  it('log out forgets the token; the next change asks again', async () => {
    await page.goto(`${app.url}/k/${KEY}/`);
    await page.getByTestId('log-out').click();
    await page.getByTestId('sign-in-button').waitFor();
    expect(await page.evaluate('localStorage.getItem("acehub.adminToken")')).toBeNull();
    await page.getByRole('button', { name: 'Delete Guarded' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete channel?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('sign-in').waitFor();
    await page.getByTestId('sign-in').getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('tr[data-channel="Guarded"]').count()).toBe(1);
  });

  it('opened without the key, the UI says where stream addresses work', async () => {
    await page.goto(`${app.url}/`);
    await page.getByTestId('key-missing').waitFor();
    expect(await page.getByTestId('key-missing').textContent()).toContain('/k/<key>/');
  });
});
