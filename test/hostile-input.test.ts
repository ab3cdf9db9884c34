import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteText } from '../src/catalog/fetch-remote.js';
import { parseM3u } from '../src/catalog/m3u-parse.js';
import { readXmltv } from '../src/epg/xmltv-read.js';
import { formatXmltvTime } from '../src/epg/xmltv-time.js';
import { CONTENT_A, http } from './helpers/http.js';
import { startApp, type RunningApp } from './helpers/start-app.js';
import { startTestSimulator, type Simulator } from './helpers/start-simulator.js';

const HOUR = 3_600_000;
const HOSTILE_NAME = 'Say "hi", <b>&amp; co</b>\nNext - line';
const HOSTILE_TITLE = 'Tom & Jerry <script>alert("x")</script> \'quoted\'';

/** A guide with one channel and a programme now whose title needs escaping on the way out. */
function guideXml(): string {
  const start = Math.floor(Date.now() / HOUR) * HOUR;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tv>\n<channel id="hostile.tv"><display-name>Hostile</display-name></channel>\n` +
    `<programme start="${formatXmltvTime(start)}" stop="${formatXmltvTime(start + HOUR)}" channel="hostile.tv"><title><![CDATA[${HOSTILE_TITLE}]]></title></programme>\n</tv>\n`;
}

let sim: Simulator;
/** ALLOW_LOCAL_SOURCES=1 (the test default) and MAX_BODY_MB=1. */
let open: RunningApp;
/** ALLOW_LOCAL_SOURCES=0: sources on this machine are refused. */
let strict: RunningApp;
let files: Map<string, { status: number; body: string; location?: string }>;
let fileServer: Server;
let fileUrl: string;
const fileHits: string[] = [];

beforeAll(async () => {
  sim = await startTestSimulator();
  files = new Map([['/guide.xml', { status: 200, body: guideXml() }]]);
  fileServer = createServer((req, res) => {
    fileHits.push(req.url ?? '');
    if (req.url === '/slow.m3u') {
      res.writeHead(200, { 'content-type': 'text/plain' }).write('#EXTM3U\n');
      return; // never ends: the time cap must
    }
    const file = files.get(req.url ?? '') ?? { status: 404, body: 'not found' };
    res.writeHead(file.status, file.location ? { location: file.location } : { 'content-type': 'application/xml' }).end(file.body);
  }).listen(0, '127.0.0.1');
  await once(fileServer, 'listening');
  fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;
  [open, strict] = await Promise.all([
    startApp({ engineUrl: sim.url, maxBodyMb: 1 }),
    startApp({ engineUrl: sim.url, allowLocalSources: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([open?.close(), strict?.close()]);
  fileServer?.close();
  await sim?.close();
});

const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

describe('request bodies', () => {
  it('refuses a body over MAX_BODY_MB with 413, declared or streamed', async () => {
    const big = '#'.repeat(1024 * 1024 + 1);
    const declared = await http.post(`${open.url}/api/channels/import`, { body: big, headers: { 'content-type': 'text/plain' } });
    expect([declared.statusCode, errorOf(declared.body).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const streamed = await http.post(`${open.url}/api/channels`, { body: Readable.from([big.slice(0, 600_000), big.slice(600_000)]), headers: { 'content-type': 'application/json' } });
    expect([streamed.statusCode, errorOf(streamed.body).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(JSON.parse((await http(`${open.url}/api/channels`)).body)).toEqual([]);
  });

  it.each(['/api/channels', '/api/channels/import', '/api/epg/sources', '/api/playlists/sources'])('%s: malformed JSON is 400 INVALID_JSON, a non-object 400 VALIDATION', async (path) => {
    const post = (body: string) => http.post(`${open.url}${path}`, { body, headers: { 'content-type': 'application/json' } });
    const broken = await post('{"name": "x",');
    expect([broken.statusCode, errorOf(broken.body).code]).toEqual([400, 'INVALID_JSON']);
    for (const body of ['null', '[]', '"text"', '42', 'true']) {
      const res = await post(body);
      expect([body, res.statusCode, errorOf(res.body).code]).toEqual([body, 400, 'VALIDATION']);
    }
  });

  it('ignores fields it does not know, including ones naming server-side state', async () => {
    const res = await http.post(`${open.url}/api/channels`, {
      body: JSON.stringify({ name: 'Extra', contentId: 'e'.repeat(40), id: 'chosen', createdAt: '1970-01-01T00:00:00Z', isAdmin: true, __proto__: { polluted: 1 } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(201);
    const channel = JSON.parse(res.body) as Record<string, unknown>;
    expect(channel.id).not.toBe('chosen');
    expect(channel.createdAt).not.toBe('1970-01-01T00:00:00Z');
    expect(channel).not.toHaveProperty('isAdmin');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await http.delete(`${open.url}/api/channels/${channel.id as string}`);
  });

  it('imports an M3U of 10,000 junk lines quickly, with a report naming each line', async () => {
    const junk = Array.from({ length: 10_000 }, (_, i) =>
      i % 4 === 0 ? `garbage ${i} <>&"` : i % 4 === 1 ? 'acestream://not-hex' : i % 4 === 2 ? `#EXTINF:-1 tvg-name="${'x'.repeat(300)},` : 'javascript:alert(1)');
    const text = ['#EXTM3U', ...junk, '#EXTINF:-1,The Only One', `acestream://${'f'.repeat(40)}`, ''].join('\n');
    const started = Date.now();
    const res = await http.post(`${open.url}/api/channels/import`, { body: text, headers: { 'content-type': 'audio/x-mpegurl' } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.statusCode).toBe(200);
    const report = JSON.parse(res.body) as { added: number; skipped: { line: number; reason: string }[] };
    expect(report.added).toBe(1);
    expect(report.skipped.length).toBeGreaterThan(5000);
    for (const s of report.skipped) expect(Number.isInteger(s.line) && s.line >= 2 && s.line <= 10_001).toBe(true);
    expect(report.skipped.map((s) => s.line)).toEqual([...report.skipped.map((s) => s.line)].sort((a, b) => a - b));
    const channels = JSON.parse((await http(`${open.url}/api/channels`)).body) as { id: string }[];
    for (const c of channels) await http.delete(`${open.url}/api/channels/${c.id}`);
  });
});

describe('remote sources (ALLOW_LOCAL_SOURCES=0)', () => {
  it.each([
    ['file:///etc/passwd', 'INVALID_URL'],
    ['ftp://example.com/guide.xml', 'INVALID_URL'],
    ['gopher://127.0.0.1:6878/', 'INVALID_URL'],
    ['not a url', 'INVALID_URL'],
    ['http://127.0.0.1:1/guide.xml', 'SOURCE_NOT_ALLOWED'],
    ['http://localhost:1/guide.xml', 'SOURCE_NOT_ALLOWED'],
    ['http://[::1]:1/guide.xml', 'SOURCE_NOT_ALLOWED'],
    ['http://2130706433:1/guide.xml', 'SOURCE_NOT_ALLOWED'],
    ['http://169.254.169.254/latest/meta-data/', 'SOURCE_NOT_ALLOWED'],
  ])('refuses %s with 400 %s on every route that fetches, and saves nothing', async (url, code) => {
    for (const path of ['/api/epg/sources', '/api/playlists/sources', '/api/channels/import']) {
      const res = await http.post(`${strict.url}${path}`, { json: { url } });
      expect([path, res.statusCode, errorOf(res.body).code]).toEqual([path, 400, code]);
    }
    expect(JSON.parse((await http(`${strict.url}/api/epg/sources`)).body)).toEqual([]);
    expect(JSON.parse((await http(`${strict.url}/api/playlists/sources`)).body)).toEqual([]);
  });

  it('refuses a test server on loopback and the engine itself, naming ALLOW_LOCAL_SOURCES', async () => {
    const before = fileHits.length;
    for (const url of [`${fileUrl}/guide.xml`, `${sim.url}/ace/getstream?id=${CONTENT_A}`]) {
      const res = await http.post(`${strict.url}/api/epg/sources`, { json: { url } });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res.body)).toMatchObject({ code: 'SOURCE_NOT_ALLOWED', message: expect.stringContaining('ALLOW_LOCAL_SOURCES=1') });
    }
    expect(fileHits.length).toBe(before);
  });

  // A redirect hop is checked like the first URL. Every address stays on loopback: the policy is told that
  // only 127.0.0.2 is "this machine", so a source on 127.0.0.1 redirecting there exercises the hop check.
  it('refuses a redirect from an allowed host to a local one, without fetching it', async () => {
    const localHits: string[] = [];
    const local = createServer((req, res) => {
      localHits.push(req.url ?? '');
      res.writeHead(200).end('#EXTM3U\n');
    }).listen(0, '127.0.0.2');
    await once(local, 'listening');
    const localUrl = `http://127.0.0.2:${(local.address() as AddressInfo).port}`;
    const allowed = createServer((req, res) => {
      const to = req.url === '/to-file' ? 'file:///etc/passwd' : `${localUrl}/list.m3u`;
      res.writeHead(302, { location: to }).end();
    }).listen(0, '127.0.0.1');
    await once(allowed, 'listening');
    const allowedUrl = `http://127.0.0.1:${(allowed.address() as AddressInfo).port}`;
    const policy = { allowLocal: false, engineUrls: [], isLocal: (address: string) => address === '127.0.0.2' };
    const limits = { maxBytes: 1024, maxUnpackedBytes: 1024, timeoutMs: 5000, policy };
    try {
      await expect(remoteText(`${allowedUrl}/to-local`, limits)).rejects.toMatchObject({ code: 'SOURCE_NOT_ALLOWED' });
      // got refuses a redirect to another scheme by itself.
      await expect(remoteText(`${allowedUrl}/to-file`, limits)).rejects.toMatchObject({ code: 'SOURCE_FETCH_FAILED' });
      expect(localHits).toEqual([]);
    } finally {
      local.close();
      allowed.close();
    }
  });

  it('gives up on a source that never finishes (time cap)', async () => {
    const started = Date.now();
    const policy = { allowLocal: true, engineUrls: [] };
    await expect(remoteText(`${fileUrl}/slow.m3u`, { maxBytes: 1024, maxUnpackedBytes: 1024, timeoutMs: 300, policy })).rejects.toMatchObject({ code: 'SOURCE_FETCH_FAILED' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('guides', () => {
  it('a billion-laughs guide fails fast and the last good guide stays', async () => {
    const source = JSON.parse((await http.post(`${open.url}/api/epg/sources`, { json: { url: `${fileUrl}/guide.xml` } })).body) as { id: string; lastResult: string };
    expect(source.lastResult).toBe('ok');
    const good = (await http(`${open.url}/epg.xml`)).body;
    const bomb = await readFile(new URL('./fixtures/billion-laughs.xml', import.meta.url), 'utf8');
    for (const body of [bomb, guideXml().replace('</programme>', '<programme start="x" channel="hostile.tv"><title>broken</ti')]) {
      files.set('/guide.xml', { status: 200, body });
      const started = Date.now();
      const res = await http.post(`${open.url}/api/epg/sources/${source.id}/refresh`);
      expect([res.statusCode, errorOf(res.body).code]).toEqual([422, 'GUIDE_INVALID']);
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await http(`${open.url}/epg.xml`)).body).toBe(good);
    }
    files.set('/guide.xml', { status: 200, body: guideXml() });
    await http.delete(`${open.url}/api/epg/sources/${source.id}`);
  });
});

describe('names with quotes, newlines, < and & are written safely', () => {
  it('into /playlist.m3u (one #EXTINF, one property, one URL per channel) and /epg.xml (valid XMLTV)', async (ctx) => {
    const created = await http.post(`${open.url}/api/channels`, {
      json: { name: HOSTILE_NAME, contentId: 'a'.repeat(40), group: 'A "group", <x>\r\nB', tvgId: 'hostile.tv', logo: 'http://logo.example/a.png?x=1&y="2"' },
    });
    expect(created.statusCode).toBe(400); // a logo holding a quote is refused outright
    const ok = await http.post(`${open.url}/api/channels`, {
      json: { name: HOSTILE_NAME, contentId: 'a'.repeat(40), group: 'A "group", <x>\r\nB', tvgId: 'hostile.tv', logo: 'http://logo.example/a.png?x=1&y=2' },
    });
    expect(ok.statusCode).toBe(201);
    const channel = JSON.parse(ok.body) as { id: string; name: string };
    expect(channel.name).not.toMatch(/[\r\n]/);
    const source = JSON.parse((await http.post(`${open.url}/api/epg/sources`, { json: { url: `${fileUrl}/guide.xml` } })).body) as { id: string };

    const m3u = (await http(`${open.url}/playlist.m3u`)).body;
    const lines = m3u.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^#EXTM3U /);
    expect(lines[1]).toMatch(/^#EXTINF:-1 /);
    expect(lines[2]).toMatch(/^#KODIPROP:mimetype=/);
    expect(lines[3]).toBe(`${open.url}/play/${channel.id}.ts`);
    const extinf = lines[1]!;
    // Attribute values hold no quote of their own: every quote pairs up, and the name has no comma to split at.
    expect((extinf.match(/"/g) ?? []).length % 2).toBe(0);
    const parsed = parseM3u(m3u);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]).toMatchObject({ attrs: { 'tvg-id': 'hostile.tv' } });
    const displayName = extinf.slice(extinf.lastIndexOf(',') + 1);
    expect(displayName).toBe(extinf.slice(extinf.indexOf('",') + 2));
    expect(displayName).toBe('Say "hi" <b>&amp; co</b> Next – line');

    const xml = (await http(`${open.url}/epg.xml`)).body;
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    const names: string[] = [];
    const titles: string[] = [];
    await readXmltv((async function* () { yield Buffer.from(xml); })(), {
      onChannel: (c) => names.push(...c.displayNames),
      wantProgramme: () => true,
      onProgramme: (_id, p) => titles.push(...p.titles.map((t) => t.value)),
    });
    // The guide names a channel as the playlist does, so clients matching by name find it.
    expect(names).toContain(displayName);
    expect(titles).toContain(HOSTILE_TITLE);

    const validator = ['/usr/bin/tv_validate_file', '/usr/local/bin/tv_validate_file'].find((p) => existsSync(p));
    await http.delete(`${open.url}/api/epg/sources/${source.id}`);
    await http.delete(`${open.url}/api/channels/${channel.id}`);
    if (!validator) {
      if (process.env.CI) throw new Error('tv_validate_file is missing: CI must install Debian\'s xmltv-util (apt-get install -y xmltv-util)');
      ctx.skip();
    }
    const file = join(open.config.dataDir, 'hostile-epg.xml');
    await writeFile(file, xml);
    const dtd = ['/usr/share/xmltv/xmltv.dtd'].find((p) => existsSync(p));
    const result = await promisify(execFile)(validator!, dtd ? ['--dtd-file', dtd, file] : [file]).catch((err: { stdout: string; stderr: string }) => err);
    expect(`${result.stdout}${result.stderr}`).toContain('Validated ok.');
  });
});

describe('stream routes accept only ids of the exact expected shape', () => {
  let sessionId: string;
  let infohash: string;

  beforeAll(async () => {
    const start = JSON.parse((await http.post(`${open.url}/api/streams/start/${CONTENT_A}`)).body) as { sessionId: string; hlsUrl: string };
    sessionId = start.sessionId;
    expect((await http(`${open.url}${start.hlsUrl}`)).statusCode).toBe(200);
    infohash = sim.sessions()[0]!.infohash;
    // The proxy warms the listed segments after a playlist: let that finish before counting engine requests.
    let seen = -1;
    while (sim.counters().segmentRequests !== seen) {
      seen = sim.counters().segmentRequests;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  const token = (path: string) => Buffer.from(path).toString('base64url');

  it('segment tokens naming another host, path or stream are 400, and never reach the engine', async () => {
    const before = sim.counters();
    const evil = [
      `${token('http://evil.example/a.ts')}.ts`,
      `${token('//evil.example/ace/c/x/1.ts')}.ts`,
      `${token(`http://evil.example/ace/c/${infohash}/1.ts`)}.ts`,
      `${token(`/ace/c/${infohash}/../../../etc/passwd`)}.ts`,
      `${token(`/ace/c/${'0'.repeat(40)}/1.ts`)}.ts`,
      `${token('/webui/api/service?method=get_version')}.ts`,
      '..%2f..%2fetc%2fpasswd.ts',
      `${token(`/ace/c/${infohash}/1.ts`)}.exe`,
      `${'A'.repeat(401)}.ts`,
    ];
    for (const file of evil) {
      const res = await http(`${open.url}/hls/${sessionId}/0/${file}`);
      expect([file, res.statusCode, errorOf(res.body).code]).toEqual([file, 400, 'INVALID_SEGMENT']);
    }
    for (const generation of ['-1', '1e3', 'abc', '0x1']) {
      const res = await http(`${open.url}/hls/${sessionId}/${generation}/${token(`/ace/c/${infohash}/1.ts`)}.ts`);
      expect([generation, res.statusCode]).toEqual([generation, 400]);
    }
    expect(sim.counters()).toEqual(before);
  });

  it.each([
    ['/ace/getstream?id=http://evil.example/x', 'INVALID_CONTENT_ID'],
    ['/ace/getstream?id=../../etc/passwd', 'INVALID_CONTENT_ID'],
    ['/ace/manifest.m3u8?infohash=%2F%2Fevil.example', 'INVALID_CONTENT_ID'],
    ['/ace/manifest.m3u8?content_id=' + 'g'.repeat(40), 'INVALID_CONTENT_ID'],
    ['/api/streams/proxy/c/not-a-hash/1.ts', 'INVALID_CONTENT_ID'],
    [`/api/streams/proxy/c/${'a'.repeat(40)}/..%2f1.ts`, 'INVALID_SEGMENT'],
    [`/api/streams/proxy/c/${'a'.repeat(40)}/http:%2f%2fevil.ts`, 'INVALID_SEGMENT'],
  ])('GET %s is 400 %s', async (path, code) => {
    const res = await http(`${open.url}${path}`);
    expect([res.statusCode, errorOf(res.body).code]).toEqual([400, code]);
  });

  it.each(['..%2f..%2fetc%2fpasswd', 'http:%2f%2fevil.example%2fx', `infohash:..%2f${'a'.repeat(38)}`])('POST /api/streams/start/%s is 400', async (id) => {
    const res = await http.post(`${open.url}/api/streams/start/${id}`);
    expect([res.statusCode, errorOf(res.body).code]).toEqual([400, 'INVALID_CONTENT_ID']);
  });

  it('a traversal in /play is an unknown channel', async () => {
    for (const path of ['/play/..%2f..%2fetc%2fpasswd.ts', '/play/..%2F..%2Fapi%2Fhealth.m3u8', '/play/%2e%2e.ts']) {
      const res = await http(`${open.url}${path}`);
      expect([path, res.statusCode, errorOf(res.body).code]).toEqual([path, 404, 'CHANNEL_NOT_FOUND']);
    }
  });
});

describe('storage faults', () => {
  it('a data directory that cannot be written fails the write with 500 STORAGE_ERROR; file, memory and service stay as they were', async () => {
    const made = await http.post(`${open.url}/api/channels`, { json: { name: 'Kept', contentId: 'b'.repeat(40) } });
    expect(made.statusCode).toBe(201);
    const db = join(open.config.dataDir, 'db.json');
    const before = await readFile(db, 'utf8');
    // lowdb writes through steno's temp file `.db.json.tmp`: a directory there makes every write fail, even as root.
    const temp = join(open.config.dataDir, '.db.json.tmp');
    await mkdir(temp);
    try {
      const failed = await http.post(`${open.url}/api/channels`, { json: { name: 'Lost', contentId: 'c'.repeat(40) } });
      expect(failed.statusCode).toBe(500);
      expect(errorOf(failed.body)).toMatchObject({ code: 'STORAGE_ERROR', message: expect.stringContaining('could not save the catalog') });
      const patched = await http.patch(`${open.url}/api/channels/${JSON.parse(made.body).id as string}`, { json: { name: 'Renamed' } });
      expect([patched.statusCode, errorOf(patched.body).code]).toEqual([500, 'STORAGE_ERROR']);
      expect(await readFile(db, 'utf8')).toBe(before);
      const listed = JSON.parse((await http(`${open.url}/api/channels`)).body) as { name: string }[];
      expect(listed.map((c) => c.name)).toContain('Kept');
      expect(listed.map((c) => c.name)).not.toContain('Lost');
      expect(listed.map((c) => c.name)).not.toContain('Renamed');
      const playlist = await http(`${open.url}/playlist.m3u`);
      expect(playlist.statusCode).toBe(200);
      expect(playlist.body).toContain('Kept');
      expect(playlist.body).not.toContain('Lost');
    } finally {
      await rmdir(temp);
    }
    const again = await http.post(`${open.url}/api/channels`, { json: { name: 'Saved', contentId: 'c'.repeat(40) } });
    expect(again.statusCode).toBe(201);
    expect(JSON.parse(await readFile(db, 'utf8')).channels.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Kept', 'Saved']));
  });
});
