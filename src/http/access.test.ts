import { describe, expect, it } from 'vitest';
import { bearerMatches, exposureWarning, sameSecret } from './access.js';

describe('the start-up warning for a server open to the network', () => {
  const none = { adminToken: undefined, accessKey: undefined };
  it.each([
    ['0.0.0.0', true],
    ['::', true],
    ['192.168.1.5', true],
    ['10.0.0.2', true],
    ['tv.example.org', true],
    ['127.0.0.1', false],
    ['127.1.2.3', false],
    ['::1', false],
    ['[::1]', false],
    ['localhost', false],
    ['LOCALHOST', false],
  ])('HOST=%s warns: %s', (host, warns) => {
    const warning = exposureWarning({ host, ...none });
    expect(warning !== undefined).toBe(warns);
    if (warning) expect(warning).toMatch(/ADMIN_TOKEN or ACCESS_KEY/);
  });

  it.each([
    { adminToken: 'secret-token', accessKey: undefined },
    { adminToken: undefined, accessKey: 'secret-key' },
    { adminToken: 'secret-token', accessKey: 'secret-key' },
  ])('says nothing once a secret is set: %j', (secrets) => {
    expect(exposureWarning({ host: '0.0.0.0', ...secrets })).toBeUndefined();
  });

  it('is one line', () => {
    expect(exposureWarning({ host: '0.0.0.0', ...none })).not.toContain('\n');
  });
});

describe('secrets are compared whole', () => {
  it.each([
    ['right-token', 'right-token', true],
    ['right-toke', 'right-token', false],
    ['right-token-', 'right-token', false],
    ['', 'right-token', false],
    ['RIGHT-TOKEN', 'right-token', false],
  ])('%j against %j: %s', (given, expected, same) => {
    expect(sameSecret(given, expected)).toBe(same);
  });

  it.each([
    ['Bearer right-token', true],
    ['bearer right-token', true],
    ['Bearer  right-token ', true],
    ['Bearer wrong-token', false],
    ['Basic right-token', false],
    ['right-token', false],
    ['Bearer right-token extra', false],
    ['', false],
  ])('Authorization %j', (header, ok) => {
    expect(bearerMatches(header, 'right-token')).toBe(ok);
  });
});
