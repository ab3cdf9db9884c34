import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminToken, cancelSignIn, signIn, signInWanted, signOut } from './auth.js';
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

describe('the admin token (ADMIN_TOKEN)', () => {
  afterEach(() => signOut());
  const unauthorized = () => json(401, { error: { code: 'UNAUTHORIZED', message: 'this change needs the admin token' } });

  it('a 401 asks to sign in, then the same call is made again with the token', async () => {
    const calls: (string | null)[] = [];
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      const auth = (init.headers as Record<string, string>).authorization ?? null;
      calls.push(auth);
      return Promise.resolve(auth === 'Bearer right-token' ? json(201, { id: 'c1' }) : unauthorized());
    });
    const created = api.createChannel({ name: 'X', url: 'a'.repeat(40) } as never);
    await vi.waitFor(() => expect(signInWanted.value).toBe(true));
    signIn('right-token');
    await expect(created).resolves.toEqual({ id: 'c1' });
    expect(calls).toEqual([null, 'Bearer right-token']);
    expect(adminToken.value).toBe('right-token');
  });

  it('cancelling the sign-in fails the call with its 401', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(unauthorized()));
    const deleted = api.deleteChannel('c1');
    await vi.waitFor(() => expect(signInWanted.value).toBe(true));
    cancelSignIn();
    await expect(deleted).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('a token that stops working asks again only once per call', async () => {
    signIn('old-token');
    let calls = 0;
    vi.stubGlobal('fetch', () => {
      calls++;
      return Promise.resolve(unauthorized());
    });
    const deleted = api.deleteChannel('c1');
    await vi.waitFor(() => expect(signInWanted.value).toBe(true));
    signIn('still-wrong');
    await expect(deleted).rejects.toMatchObject({ status: 401 });
    expect(calls).toBe(2);
  });
});
