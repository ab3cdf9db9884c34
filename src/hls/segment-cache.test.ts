import { PassThrough, type Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createSegmentCache } from './segment-cache.js';

/** An upstream that answers like got's stream: a `response` event, then the body. */
function fakeUpstream(status: number, body: string[], opened: string[]) {
  return (path: string) => (): Readable => {
    opened.push(path);
    const stream = new PassThrough();
    setImmediate(() => {
      stream.emit('response', { statusCode: status, headers: { 'content-type': 'video/mp2t' } });
      for (const part of body) stream.write(part);
      stream.end();
    });
    return stream;
  };
}

describe('recent segments are shared between clients', () => {
  it('concurrent and later readers share one upstream fetch and read the same bytes', async () => {
    const opened: string[] = [];
    const cache = createSegmentCache({ maxBytes: 1000 });
    const open = fakeUpstream(200, ['ab', 'cd'], opened);
    const first = cache.get('k', open('/ace/c/x/0.ts'));
    const second = cache.get('k', open('/ace/c/x/0.ts'));
    expect(first).toBe(second);
    const [a, b] = await Promise.all([text(cache.reader(first)), text(cache.reader(second))]);
    expect([a, b]).toEqual(['abcd', 'abcd']);
    expect(await text(cache.reader(cache.get('k', open('/ace/c/x/0.ts'))))).toBe('abcd');
    expect(opened).toEqual(['/ace/c/x/0.ts']);
  });

  it('forgets a failed fetch so the next request tries again', async () => {
    const opened: string[] = [];
    const cache = createSegmentCache({ maxBytes: 1000 });
    const open = fakeUpstream(404, [], opened);
    await expect(cache.get('k', open('/p')).ready).rejects.toMatchObject({ code: 'SEGMENT_UNAVAILABLE', status: 404 });
    await expect(cache.get('k', open('/p')).ready).rejects.toBeTruthy();
    expect(opened).toHaveLength(2);
  });

  it('evicts the oldest finished segments past its byte bound', async () => {
    const opened: string[] = [];
    const cache = createSegmentCache({ maxBytes: 10 });
    const open = fakeUpstream(200, ['12345678'], opened);
    for (const key of ['a', 'b', 'c']) await text(cache.reader(cache.get(key, open(`/${key}`))));
    expect(cache.stats()).toEqual({ entries: 1, bytes: 8 });
    await text(cache.reader(cache.get('a', open('/a'))));
    expect(opened).toEqual(['/a', '/b', '/c', '/a']);
  });

  it('drops a stopped session’s segments by prefix', async () => {
    const cache = createSegmentCache({ maxBytes: 100 });
    const open = fakeUpstream(200, ['xy'], []);
    await text(cache.reader(cache.get('s1/0/a', open('/a'))));
    await text(cache.reader(cache.get('s2/0/a', open('/a'))));
    cache.dropPrefix('s1/');
    expect(cache.stats()).toEqual({ entries: 1, bytes: 2 });
  });
});
