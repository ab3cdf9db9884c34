import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatXmltvTime } from '../src/epg/xmltv-time.js';
import { startCatalog } from './helpers/start-catalog.js';

const HOUR = 3_600_000;
const ids = { bbc: 'a'.repeat(40), tmc: 'b'.repeat(40), unknown: 'c'.repeat(40) };

/** A guide around `now`: for each channel one programme too old, one now, one next, one too far ahead. */
function guideXml(now: number): string {
  const t = formatXmltvTime;
  const programme = (channel: string, start: number, stop: number, title: string) =>
    `<programme start="${t(start)}" stop="${t(stop)}" channel="${channel}"><title><![CDATA[${title}]]></title><desc>About &amp; more</desc><category>News</category></programme>`;
  const channels = [['bbc1.uk', 'BBC One', 'BBC'], ['tmc.fr', 'Télé Monte-Carlo', 'TMC'], ['other.uk', 'Other UK', 'Other']] as const;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd">\n<tv>\n${channels
    .map(([id, name]) => `<channel id="${id}"><display-name>${name}</display-name><icon src="http://logos.example/${id}.png"/></channel>`)
    .join('\n')}\n${channels
    .map(([id, , short]) =>
      [
        programme(id, now - 48 * HOUR, now - 47 * HOUR, `${short} old`),
        programme(id, now - HOUR, now + HOUR, `${short} now & <then>`),
        programme(id, now + HOUR, now + 2 * HOUR, `${short} next`),
        programme(id, now + 10 * 24 * HOUR, now + 10 * 24 * HOUR + HOUR, `${short} far`),
      ].join('\n'),
    )
    .join('\n')}\n</tv>\n`;
}

/** Serves whatever `files` holds at request time: the tests swap a guide for a broken one. */
async function startFileServer(files: Map<string, { status: number; body: Buffer }>) {
  const server: Server = createServer((req, res) => {
    const file = files.get(req.url ?? '') ?? { status: 404, body: Buffer.from('not found') };
    res.writeHead(file.status, { 'content-type': 'application/octet-stream' }).end(file.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}


const attrValues = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]).sort();

let dir: string;
let cat: Awaited<ReturnType<typeof startCatalog>>;
let files: Map<string, { status: number; body: Buffer }>;
let remote: Awaited<ReturnType<typeof startFileServer>>;
const now = Math.floor(Date.now() / 60_000) * 60_000;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acehub-epg-'));
  files = new Map([['/guide.xml.gz', { status: 200, body: gzipSync(guideXml(now)) }]]);
  remote = await startFileServer(files);
  cat = await startCatalog(dir, { guideRescanDelayMs: 50 });
});
afterEach(async () => {
  await cat.close();
  remote.close();
  await rm(dir, { recursive: true, force: true });
});

async function catalogWithGuide({ withUnmapped = true } = {}) {
  const bbc = (await cat.call('POST', '/api/channels', { name: 'BBC One & "Friends" HD', tvgId: 'bbc1.uk', contentId: ids.bbc, number: 1 })).json;
  const tmc = (await cat.call('POST', '/api/channels', { name: 'TELE MONTE CARLO HD', contentId: ids.tmc, number: 2 })).json;
  const unknown = withUnmapped ? (await cat.call('POST', '/api/channels', { name: 'Unknown TV', contentId: ids.unknown, number: 3 })).json : undefined;
  const source = await cat.call('POST', '/api/epg/sources', { url: `${remote.url}/guide.xml.gz` });
  return { bbc, tmc, unknown, source };
}

describe('guide sources', () => {
  it('imports a gzipped guide over HTTP and maps channels by tvg-id and by display-name', async () => {
    const { bbc, tmc, unknown, source } = await catalogWithGuide();
    expect(source.status).toBe(201);
    expect(source.json).toMatchObject({ lastResult: 'ok', lastError: null, channelCount: 3, programmeCount: 4 });
    expect(source.json.lastSuccessAt).toBe(source.json.lastRefreshAt);

    const mapping = (await cat.call('GET', '/api/epg/mapping')).json;
    expect(mapping.map((m: { channelId: string; match: unknown }) => [m.channelId, m.match])).toEqual([
      [bbc.id, { sourceId: source.json.id, guideChannelId: 'bbc1.uk', by: 'tvg-id' }],
      [tmc.id, { sourceId: source.json.id, guideChannelId: 'tmc.fr', by: 'name' }],
      [unknown.id, null],
    ]);

    const nowNext = (await cat.call('GET', '/api/epg/now')).json;
    expect(nowNext.map((n: { now?: { title: string }; next?: { title: string } }) => [n.now?.title ?? null, n.next?.title ?? null])).toEqual([
      ['BBC now & <then>', 'BBC next'],
      ['TMC now & <then>', 'TMC next'],
      [null, null],
    ]);
  });

  it('serves /epg.xml with one <channel> per enabled channel whose id is the playlist tvg-id, and the same as .gz', async () => {
    const { tmc } = await catalogWithGuide();
    const xml = await cat.call('GET', '/epg.xml');
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const playlist = (await cat.call('GET', '/playlist.m3u')).text;
    expect(attrValues(xml.text, /<channel id="([^"]+)"/g)).toEqual(attrValues(playlist, /tvg-id="([^"]+)"/g));
    expect(xml.text).toContain(`<channel id="${tmc.id}.acehub">\n    <display-name>TELE MONTE CARLO HD</display-name>\n    <icon src="http://logos.example/tmc.fr.png"/>`);
    expect(xml.text).toContain('<display-name>BBC One &amp; &quot;Friends&quot; HD</display-name>');
    expect(attrValues(xml.text, /<title>([^<]+)<\/title>/g)).toEqual(['BBC next', 'BBC now &amp; &lt;then&gt;', 'TMC next', 'TMC now &amp; &lt;then&gt;']);
    expect(xml.text.lastIndexOf('<channel ')).toBeLessThan(xml.text.indexOf('<programme '));
    expect(gunzipSync((await cat.call('GET', '/epg.xml.gz')).bytes).toString('utf8')).toBe(xml.text);
    const head = await cat.call('HEAD', '/epg.xml');
    expect([head.status, head.headers.get('content-type'), head.text]).toEqual([200, 'application/xml; charset=utf-8', '']);
  });

  it('writes a guide that is valid against the XMLTV DTD (tv_validate_file)', async (ctx) => {
    const validator = ['/usr/bin/tv_validate_file', '/usr/local/bin/tv_validate_file'].find((p) => existsSync(p));
    if (!validator) {
      if (process.env.CI) throw new Error('tv_validate_file is missing: CI must install Debian\'s xmltv-util (apt-get install -y xmltv-util)');
      ctx.skip();
    }
    await catalogWithGuide({ withUnmapped: false });
    const file = join(dir, 'epg.xml');
    await writeFile(file, (await cat.call('GET', '/epg.xml')).bytes);
    const dtd = ['/usr/share/xmltv/xmltv.dtd'].find((p) => existsSync(p));
    const args = dtd ? ['--dtd-file', dtd, file] : [file];
    const result = await promisify(execFile)(validator!, args).catch((err: { stdout: string; stderr: string }) => err);
    expect(`${result.stdout}${result.stderr}`).toContain('Validated ok.');
  });

  it('keeps the last good guide when a refresh fails, and says why', async () => {
    const { bbc, source } = await catalogWithGuide();
    const good = (await cat.call('GET', '/epg.xml')).text;
    files.set('/guide.xml.gz', { status: 200, body: gzipSync(guideXml(now).slice(0, 900)) });
    const broken = await cat.call('POST', `/api/epg/sources/${source.json.id}/refresh`);
    expect([broken.status, broken.json.error.code]).toEqual([422, 'GUIDE_INVALID']);
    files.delete('/guide.xml.gz');
    const missing = await cat.call('POST', `/api/epg/sources/${source.json.id}/refresh`);
    expect([missing.status, missing.json.error.code]).toEqual([502, 'SOURCE_FETCH_FAILED']);

    const [after] = (await cat.call('GET', '/api/epg/sources')).json;
    expect(after).toMatchObject({ lastResult: 'error', lastSuccessAt: source.json.lastSuccessAt, channelCount: 3, programmeCount: 4 });
    expect(after.lastError).toMatch(/404/);
    expect((await cat.call('GET', '/epg.xml')).text).toBe(good);

    await cat.close();
    cat = await startCatalog(dir, { guideRescanDelayMs: 50 });
    expect((await cat.call('GET', '/epg.xml')).text).toBe(good);
    expect((await cat.call('GET', '/api/epg/now')).json[0]).toMatchObject({ channelId: bbc.id, now: { title: 'BBC now & <then>' } });
  });

  it('drops a guide file of the previous format at start and fetches the guide again', async () => {
    const { bbc, source } = await catalogWithGuide();
    await cat.close();
    const guideDir = join(dir, 'guide');
    const oldFormat = { version: 1, fetchedAt: source.json.lastSuccessAt, channels: [], kept: [], programmes: {} };
    await writeFile(join(guideDir, `${source.json.id}.json`), JSON.stringify(oldFormat));
    cat = await startCatalog(dir, { guideRescanDelayMs: 50 });
    expect((await readdir(guideDir)).sort()).toEqual([]);
    expect((await cat.call('GET', '/api/epg/now')).json[0].now).toBeNull();
    await cat.feature.guide.refreshDue(24 * HOUR);
    expect((await cat.call('GET', '/api/epg/now')).json[0]).toMatchObject({ channelId: bbc.id, now: { title: 'BBC now & <then>' } });
    expect((await readdir(guideDir)).filter((f) => f.endsWith('.json'))).toEqual([`${source.json.id}.json`]);
  });

  it('lets a user override the match with a tvg-id; its programmes arrive with the next refresh', async () => {
    const { unknown, source } = await catalogWithGuide();
    const patched = await cat.call('PATCH', `/api/channels/${unknown.id}`, { tvgId: 'other.uk' });
    expect(patched.json.epgMatch).toEqual({ sourceId: source.json.id, guideChannelId: 'other.uk', by: 'tvg-id' });
    expect((await cat.call('POST', `/api/epg/sources/${source.json.id}/refresh`)).json.programmeCount).toBe(6);
    const third = (await cat.call('GET', '/api/epg/now')).json[2];
    expect([third.channelId, third.now.title]).toEqual([unknown.id, 'Other now & <then>']);
  });

  it('refetches the guide by itself when a new channel maps to a guide channel whose programmes were not kept', async () => {
    const { source } = await catalogWithGuide();
    const added = (await cat.call('POST', '/api/channels', { name: 'other-uk', contentId: 'd'.repeat(40), number: 4 })).json;
    expect(added.epgMatch).toEqual({ sourceId: source.json.id, guideChannelId: 'other.uk', by: 'name' });
    await expect.poll(async () => (await cat.call('GET', '/api/epg/now')).json[3]?.now?.title ?? null, { timeout: 3000 }).toBe('Other now & <then>');
    expect((await cat.call('GET', '/api/epg/sources')).json[0].programmeCount).toBe(6);
  });

  it('refuses non-http sources and forgets a deleted source', async () => {
    expect((await cat.call('POST', '/api/epg/sources', { url: 'file:///etc/passwd' })).json.error.code).toBe('INVALID_URL');
    const { bbc, source } = await catalogWithGuide();
    expect((await cat.call('POST', '/api/epg/sources', { url: `${remote.url}/guide.xml.gz` })).status).toBe(409);
    expect((await cat.call('DELETE', `/api/epg/sources/${source.json.id}`)).status).toBe(204);
    expect((await cat.call('GET', '/api/epg/sources')).json).toEqual([]);
    expect((await cat.call('GET', `/api/channels/${bbc.id}`)).json.epgMatch).toBeNull();
    expect((await cat.call('GET', '/epg.xml')).text).not.toContain('<programme');
  });
});
