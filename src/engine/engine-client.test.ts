import { describe, expect, it } from 'vitest';
import { enginePath } from './engine-client.js';

describe('engine URLs are never followed as given', () => {
  it.each([
    ['http://localhost:6878/ace/m/abc/def.m3u8', '/ace/m/abc/def.m3u8'],
    ['http://acestream:6878/ace/c/abc/0.ts', '/ace/c/abc/0.ts'],
    ['http://10.0.0.5:6878/hls/c/abc/1.ts?x=1', '/hls/c/abc/1.ts?x=1'],
    ['/ace/r/abc/key', '/ace/r/abc/key'],
  ])('%s keeps only the path %s', (url, path) => {
    expect(enginePath(url)).toBe(path);
  });

  it.each(['http://evil.example/etc/passwd', '/webui/api/service', 'http://h/ace/../../etc', 'http://h/other/ace/x'])(
    'refuses %s',
    (url) => {
      expect(() => enginePath(url)).toThrowError(expect.objectContaining({ code: 'ENGINE_PROTOCOL_ERROR' }));
    },
  );
});
