import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCatalog } from './helpers/start-catalog.js';

const HOSTILE_SKIPPED = [10, 12, 14, 15, 19];

/** `/r/n` answers with n+1 redirects before the list (`/r/4`: five, the most allowed). */
async function startRemote(files: Map<string, Buffer>) {
  const server = createServer((req, res) => {
    const hop = /^\/r\/(\d+)$/.exec(req.url ?? '');
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n === 0 ? '/list.m3u' : `/r/${n - 1}` }).end();
      return;
    }
    const body = files.get(req.url ?? '');
    if (body) res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
    else res.writeHead(404).end('not found');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}


let dir: string;
let files: Map<string, Buffer>;
let remote: Awaited<ReturnType<typeof startRemote>>;
let cat: Awaited<ReturnType<typeof startCatalog>>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acehub-sources-'));
  const hostile = await readFile(new URL('./fixtures/hostile.m3u', import.meta.url));
  files = new Map([['/list.m3u', hostile], ['/list.m3u.gz', gzipSync(hostile)], ['/big.m3u', Buffer.alloc(21 * 1024 * 1024, 0x23)]]);
  remote = await startRemote(files);
  cat = await startCatalog(dir);
});
afterEach(async () => {
  await cat.close();
  remote.close();
  await rm(dir, { recursive: true, force: true });
});

const channelCount = async () => (await cat.call('GET', '/api/channels')).json.length as number;

describe('import from a URL', () => {
  it.each([['/list.m3u'], ['/list.m3u.gz'], ['/r/4']])('reads %s like a posted body', async (path) => {
    const res = await cat.call('POST', '/api/channels/import', { url: remote.url + path });
    expect(res.json.added).toBe(5);
    expect(res.json.skipped.map((s: { line: number }) => s.line)).toEqual(HOSTILE_SKIPPED);
  });

  it.each([
    ['too many redirects', '/r/5', 502, 'SOURCE_FETCH_FAILED'],
    ['a missing file', '/nope.m3u', 502, 'SOURCE_FETCH_FAILED'],
    ['a file over the size limit', '/big.m3u', 502, 'SOURCE_TOO_LARGE'],
  ])('fails on %s and changes nothing', async (_name, path, status, code) => {
    const res = await cat.call('POST', '/api/channels/import', { url: remote.url + path });
    expect([res.status, res.json.error.code]).toEqual([status, code]);
    expect(await channelCount()).toBe(0);
  });

  it('refuses a posted body over 10 MB with 413', async () => {
    const res = await cat.call('POST', '/api/channels/import', '#'.repeat(11 * 1024 * 1024), 'text/plain');
    expect([res.status, res.json.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});

describe('playlist sources', () => {
  it('saves a remote playlist, imports it, refreshes in place and records failures', async () => {
    const created = await cat.call('POST', '/api/playlists/sources', { url: `${remote.url}/list.m3u` });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ url: `${remote.url}/list.m3u`, lastResult: 'ok', added: 5, updated: 0, skipped: 5 });
    expect((await cat.call('GET', '/api/playlists/sources')).json).toHaveLength(1);

    const refreshed = await cat.call('POST', `/api/playlists/sources/${created.json.id}/refresh`);
    expect(refreshed.json).toMatchObject({ lastResult: 'ok', added: 0, updated: 5 });

    files.delete('/list.m3u');
    const failed = await cat.call('POST', `/api/playlists/sources/${created.json.id}/refresh`);
    expect(failed.status).toBe(502);
    const [source] = (await cat.call('GET', '/api/playlists/sources')).json;
    expect(source).toMatchObject({ lastResult: 'error', added: 0, updated: 5 });
    expect(source.lastError).toMatch(/404/);

    expect((await cat.call('DELETE', `/api/playlists/sources/${created.json.id}`)).status).toBe(204);
    expect(await channelCount()).toBe(5);
    expect((await cat.call('POST', '/api/playlists/sources', { url: 'ftp://x/list.m3u' })).json.error.code).toBe('INVALID_URL');
  });
});
