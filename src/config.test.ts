import { describe, expect, it } from 'vitest';
import { ConfigError, helpText, loadConfig } from './config.js';

describe('configuration from environment and flags', () => {
  it('has the documented defaults', () => {
    expect(loadConfig([], {})).toMatchObject({
      port: 8080, host: '0.0.0.0', engineUrls: ['http://127.0.0.1:6878'], dataDir: './data', publicUrl: undefined, idleTimeoutS: 20, logLevel: 'info',
    });
  });

  it('reads variables, and a flag wins over its variable', () => {
    const config = loadConfig(['--port', '9000', '--public-url', 'https://tv.example.org/acehub/'], { PORT: '7000', ENGINE_URL: 'http://acestream:6878/', IDLE_TIMEOUT_S: '5.5' });
    expect(config).toMatchObject({ port: 9000, engineUrls: ['http://acestream:6878'], publicUrl: 'https://tv.example.org/acehub', idleTimeoutS: 5.5 });
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT \(--port\) must be a whole number/],
    [{ PORT: '70000' }, /^PORT/],
    [{ ENGINE_URL: 'ftp://x' }, /^ENGINE_URL \(--engine-url\) must be an http/],
    [{ ENGINE_URL: 'not a url' }, /^ENGINE_URL/],
    [{ ENGINE_URL: 'http://a:6878, ftp://b' }, /^ENGINE_URL/],
    [{ ENGINE_URL: ' , ' }, /^ENGINE_URL .*at least one/],
    [{ IDLE_TIMEOUT_S: '-1' }, /^IDLE_TIMEOUT_S/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL .*one of/],
    [{ HOST: ' ' }, /^HOST/],
  ])('%j stops the start with a message naming the variable', (env, message) => {
    expect(() => loadConfig([], env)).toThrowError(ConfigError);
    expect(() => loadConfig([], env)).toThrowError(message);
  });

  it('takes several engines, comma-separated', () => {
    expect(loadConfig([], { ENGINE_URL: 'http://a:6878, http://b:6878/' }).engineUrls).toEqual(['http://a:6878', 'http://b:6878']);
  });

  it('refuses unknown flags', () => {
    expect(() => loadConfig(['--prot', '1'], {})).toThrowError(ConfigError);
  });

  it('lists every variable and flag in --help', () => {
    const help = helpText();
    for (const name of ['PORT', 'HOST', 'ENGINE_URL', 'DATA_DIR', 'PUBLIC_URL', 'IDLE_TIMEOUT_S', 'LOG_LEVEL', '--engine-url', '--idle-timeout-s']) {
      expect(help).toContain(name);
    }
  });
});
