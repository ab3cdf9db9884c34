import { describe, expect, it } from 'vitest';
import { checkSourceAllowed, guardedLookup, isLocalAddress } from './source-policy.js';

describe('which addresses a playlist or guide source may not point at', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['0.0.0.0', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:169.254.169.254', true],
    ['10.0.0.5', false],
    ['172.16.3.4', false],
    ['192.168.1.20', false],
    ['fd00::1', false],
    ['93.184.216.34', false],
    ['2606:2800:220:1:248:1893:25c8:1946', false],
    ['not-an-ip', false],
  ])('%s is local: %s', (address, local) => {
    expect(isLocalAddress(address)).toBe(local);
  });
});

describe('a source URL is checked before each fetch and redirect hop', () => {
  const strict = { allowLocal: false, engineUrls: ['http://192.168.1.9:6878'] };
  it.each([
    'http://127.0.0.1:8080/guide.xml',
    'http://localhost/guide.xml',
    'http://[::1]/guide.xml',
    'http://2130706433/guide.xml',
    'http://0/guide.xml',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:127.0.0.1]/x',
  ])('refuses %s', async (url) => {
    await expect(checkSourceAllowed(new URL(url).href, strict)).rejects.toMatchObject({ code: 'SOURCE_NOT_ALLOWED', status: 400 });
  });

  it('refuses the engine, but not another port or host on the LAN', async () => {
    await expect(checkSourceAllowed('http://192.168.1.9:6878/ace/getstream?id=x', strict)).rejects.toMatchObject({ code: 'SOURCE_NOT_ALLOWED' });
    await expect(checkSourceAllowed('http://192.168.1.9:8000/guide.xml', strict)).resolves.toBeUndefined();
    await expect(checkSourceAllowed('http://192.168.1.10:6878/guide.xml', strict)).resolves.toBeUndefined();
  });

  it('allows everything with ALLOW_LOCAL_SOURCES=1', async () => {
    await expect(checkSourceAllowed('http://127.0.0.1:6878/x', { allowLocal: true, engineUrls: ['http://127.0.0.1:6878'] })).resolves.toBeUndefined();
  });

  it('names the way out in the message', async () => {
    await expect(checkSourceAllowed('http://127.0.0.1/x', strict)).rejects.toThrow(/ALLOW_LOCAL_SOURCES=1/);
  });
});

describe('the lookup a source connection uses (against DNS rebinding)', () => {
  const resolve = (host: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((done) => guardedLookup()(host, { all }, (err, address) => done({ err, address })));

  it.each([true, false])('refuses a name that resolves to this machine (all: %s)', async (all) => {
    const { err } = await resolve('localhost', all);
    expect(err?.code).toBe('SOURCE_NOT_ALLOWED');
  });

  it('passes an allowed address through in both forms', async () => {
    expect(await resolve('192.0.2.7', false)).toEqual({ err: null, address: '192.0.2.7' });
    expect(await resolve('192.0.2.7', true)).toEqual({ err: null, address: [{ address: '192.0.2.7', family: 4 }] });
  });
});
