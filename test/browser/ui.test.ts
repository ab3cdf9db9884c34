import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGuide } from '../../scripts/lib/guide-generator.js';
import { CONTENT_A, CONTENT_B, http } from '../helpers/http.js';
import { startApp, type RunningApp } from '../helpers/start-app.js';
import { startTestSimulator, type Simulator } from '../helpers/start-simulator.js';
import { ensureUiBuilt, hasChromium, launchBrowser, screenshotPath } from './harness.js';

// One browser, one server and one simulator for the whole file: the steps build on each other like a user's visit.
let sim: Simulator;
let app: RunningApp;
let browser: Browser;
let page: Page;
let guideServer: Server;

const DEAD = 'e'.repeat(40);

const IMPORT_M3U = [
  '#EXTM3U',
  '#EXTINF:-1 tvg-id="imp.one" group-title="Imported",Imported One',
  `acestream://${'c'.repeat(40)}`,
  '#EXTINF:-1 group-title="Imported",Broken',
  'http://example.com/not-ace.ts',
  '#EXTINF:-1 tvg-chno="9" group-title="Imported",Imported Two',
  `http://127.0.0.1:6878/ace/getstream?id=${'d'.repeat(40)}`,
  '',
].join('\n');

const videoTime = () => page.evaluate('document.querySelector("video")?.currentTime ?? 0') as Promise<number>;
const shot = (name: string) => page.screenshot({ path: screenshotPath(name), fullPage: true });
const sessions = async () => JSON.parse((await http(`${app.url}/api/sessions`)).body) as { sessionId: string; clients: number }[];

beforeAll(async () => {
  if (!hasChromium()) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const built = ensureUiBuilt();
  sim = await startTestSimulator({ deadContentIds: [DEAD] });
  // Production's idle time (20 s): the helper's 2 s would end a session between two 4 s playlist reloads.
  app = await startApp({ engineUrl: sim.url, idleTimeoutS: 20 });
  guideServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    const hour = 3_600_000;
    const from = Math.floor(Date.now() / hour) * hour - hour;
    for (const piece of generateGuide({ channels: [{ id: 'test.one', name: 'Test One' }, { id: 'other', name: 'Other Channel' }], from, hours: 6, programmeMinutes: 30 })) res.write(piece);
    res.end();
  }).listen(0, '127.0.0.1');
  [browser] = await Promise.all([launchBrowser(), built]);
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  guideServer?.close();
  await app?.close();
  await sim?.close();
});

describe('the web UI in a real browser', () => {
  it('a channel added through the form is listed', async () => {
    await page.goto(app.url);
    await page.getByTestId('engine-status').getByText('Engine ok').waitFor();
    await page.getByLabel('Name').fill('Test One');
    await page.getByLabel(/^Source/).fill(`acestream://${CONTENT_A}`);
    await page.getByLabel('Group').first().fill('News');
    await page.getByLabel('Number').first().fill('7');
    await page.getByRole('button', { name: 'Add channel' }).click();
    const row = page.locator('tr[data-channel="Test One"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('News');
    await shot('channels');
  });

  it('a channel plays through the HLS proxy, shows peers, and Stop ends the session', async () => {
    await page.getByRole('link', { name: 'Play Test One' }).click();
    await page.waitForFunction('(document.querySelector("video")?.currentTime ?? 0) > 2', undefined, { timeout: 25_000 });
    const peers = page.getByTestId('stat-peers');
    await peers.waitFor({ timeout: 10_000 });
    expect(Number(await peers.textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('stat-status').textContent()).toMatch(/downloading|prebuffering/);
    expect(await videoTime()).toBeGreaterThan(2);
    await shot('player');

    // The sessions page, in a second tab while the first keeps playing.
    const tab = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    await tab.goto(`${app.url}/#/sessions`);
    await tab.locator('[data-testid="session-table"] tbody tr').first().waitFor();
    expect(await tab.locator('[data-testid="session-table"]').textContent()).toContain('Test One');
    await tab.waitForFunction('document.querySelectorAll("polyline.down")[0]?.getAttribute("points")?.split(" ").length >= 2', undefined, { timeout: 12_000 });
    await tab.screenshot({ path: screenshotPath('sessions'), fullPage: true });
    await tab.close();

    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('stop-note').getByText('engine session has ended').waitFor();
    expect(await sessions()).toEqual([]);
  });

  it('a pasted content id plays and stops', async () => {
    await page.getByTestId('paste-input').fill(CONTENT_B);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction('(document.querySelector("video")?.currentTime ?? 0) > 1', undefined, { timeout: 25_000 });
    await page.getByTestId('stat-peers').waitFor({ timeout: 10_000 });
    expect((await sessions()).length).toBe(1);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('stop-note').getByText('engine session has ended').waitFor();
    expect(await sessions()).toEqual([]);
  });

  it('content the engine cannot load gives a readable message, not raw JSON', async () => {
    await page.getByTestId('paste-input').fill(`acestream://${DEAD}`);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: /load|engine/i });
    await alert.waitFor({ timeout: 15_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).not.toMatch(/[{}]/);
    await shot('player-error');
  });

  it('importing an M3U file shows the per-line report, and a channel can be deleted after confirming', async () => {
    await page.goto(`${app.url}/#/channels`);
    await page.getByText('Import an M3U playlist').first().click();
    await page.getByTestId('import-file').setInputFiles({ name: 'list.m3u', mimeType: 'audio/x-mpegurl', buffer: Buffer.from(IMPORT_M3U) });
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const text = (await report.textContent()) ?? '';
    expect(text).toMatch(/2\s*added,\s*0\s*updated,\s*1\s*skipped/);
    expect(text).toContain('5');
    expect(text).toContain('not an Ace Stream source');
    await page.locator('tr[data-channel="Imported Two"]').waitFor();
    await shot('import');

    await page.getByRole('button', { name: 'Delete Imported One' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.locator('tr[data-channel="Imported One"]').waitFor({ state: 'detached' });
  });

  it('a guide source added on the guide page maps the channel and shows now/next on the list', async () => {
    await page.goto(`${app.url}/#/guide`);
    const url = `http://127.0.0.1:${(guideServer.address() as AddressInfo).port}/guide.xml`;
    await page.getByLabel(/^Guide URL/).fill(url);
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByText('2 channels').waitFor();
    expect(await page.locator('section', { hasText: 'XMLTV sources' }).textContent()).toContain('ok');
    await page.getByLabel('Show mapped channels too').check();
    await page.getByText('(by name)').first().waitFor();
    await shot('guide');
    await page.goto(`${app.url}/#/channels`);
    const row = page.locator('tr[data-channel="Test One"]');
    await row.getByText('Next').waitFor();
  });

  it('the setup page lists the addresses with copy buttons', async () => {
    await page.goto(`${app.url}/#/setup`);
    expect(await page.getByRole('textbox', { name: 'Playlist (MPEG-TS)' }).inputValue()).toBe(`${app.url}/playlist.m3u`);
    expect(await page.getByRole('textbox', { name: 'Guide (XMLTV)' }).inputValue()).toBe(`${app.url}/epg.xml`);
    expect(await page.getByRole('button', { name: /^Copy/ }).count()).toBe(6);
    await shot('setup');
  });

  it('when the engine stops, play buttons turn off with the reason, and come back by themselves', async () => {
    await page.goto(`${app.url}/#/channels`);
    const play = page.getByRole('link', { name: 'Play Test One' });
    await play.waitFor();
    await sim.down();
    await page.getByTestId('engine-down').waitFor({ timeout: 15_000 });
    const off = page.getByRole('button', { name: 'Play Test One' });
    expect(await off.isDisabled()).toBe(true);
    expect(await page.locator('#play-off').textContent()).toContain('unreachable');
    await shot('engine-down');
    await sim.up();
    await play.waitFor({ timeout: 15_000 });
    await page.getByTestId('engine-down').waitFor({ state: 'detached' });
  });

  it('fits a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const name of ['channels', 'sessions', 'guide', 'setup', 'player']) {
      await page.goto(`${app.url}/#/${name}`);
      await page.getByTestId('engine-status').getByText('Engine ok').waitFor();
      await page.waitForTimeout(200);
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
      expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
      await shot(`phone-${name}`);
    }
  });
});
