import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, errorFrom, messageOf } from './client.js';

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('API errors are readable sentences, never raw JSON', () => {
  it('keeps the server message, code and field errors', async () => {
    const err = await errorFrom(json(400, { error: { code: 'VALIDATION', message: 'name: must not be empty', fields: { name: 'must not be empty' } } }), 'POST', '/api/channels');
    expect([err.message, err.code, err.status, err.fields]).toEqual(['name: must not be empty', 'VALIDATION', 400, { name: 'must not be empty' }]);
  });

  it('turns a non-JSON answer into a sentence naming the request', async () => {
    const err = await errorFrom(new Response('<html>Bad gateway</html>', { status: 502 }), 'GET', '/api/sessions');
    expect(err.message).toBe('GET /api/sessions: the engine answered with an error (HTTP 502)');
    const missing = await errorFrom(new Response('Not Found', { status: 404 }), 'GET', '/api/epg/now');
    expect(missing.message).toContain('may not offer this feature');
  });

  it('a network failure says the server is unreachable', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.health()).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('Cannot reach') });
  });

  it('sends JSON and M3U bodies with their types, and reads 204 as nothing', async () => {
    const calls: [string, RequestInit][] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return Promise.resolve(init.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { added: 1, updated: 0, skipped: [] }));
    });
    await api.importM3uText('#EXTM3U\n');
    await api.importM3uUrl('http://x/list.m3u');
    expect(await api.deleteChannel('a b')).toBeUndefined();
    expect(calls.map(([url, init]) => [url, init.method, (init.headers as Record<string, string>)['content-type'] ?? null, init.body ?? null])).toEqual([
      ['/api/channels/import', 'POST', 'audio/x-mpegurl', '#EXTM3U\n'],
      ['/api/channels/import', 'POST', 'application/json', '{"url":"http://x/list.m3u"}'],
      ['/api/channels/a%20b', 'DELETE', null, null],
    ]);
  });

  it('messageOf reads anything thrown', () => {
    expect(messageOf(new ApiError('boom', 500, 'X'))).toBe('boom');
    expect(messageOf('text')).toBe('text');
    expect(messageOf({})).toBe('Something went wrong.');
  });
});
