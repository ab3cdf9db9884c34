import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportXmltv } from './guide-export.js';
import { openGuideFile, type GuideFile } from './guide-file.js';
import { createGuideSpool } from './guide-spool.js';
import type { Programme } from './xmltv-types.js';
import { programmeBody, programmeXml, writeXmltv } from './xmltv-write.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-03-01T00:00:00Z');

const programme = (start: number, title: string, stop: number | null = start + HOUR): Programme => ({
  start, stop, titles: [{ value: title, lang: 'en' }], subTitles: [], descs: [{ value: `About ${title} & <more>`, lang: null }], date: null,
  categories: [{ value: 'News', lang: 'en' }], icon: null, episodeNums: [], previouslyShown: false, isNew: false,
});

let dir: string;
const opened: GuideFile[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acehub-spool-'));
});
afterEach(async () => {
  opened.splice(0).forEach((f) => f.retire());
  await rm(dir, { recursive: true, force: true });
});

/** Spools [channel, programme] pairs in the given order, then opens the finished file (read back from disk). */
async function spooled(input: [string, Programme][], runBytes?: number) {
  const file = join(dir, 'src.guide');
  const spool = createGuideSpool(file, runBytes);
  for (const [channel, p] of input) {
    spool.add(channel, p.start, p.stop, programmeBody(p));
    await spool.flush();
  }
  const { layout } = await spool.finish();
  const guide = await openGuideFile(file, JSON.parse(JSON.stringify(layout)));
  opened.push(guide);
  return { guide, layout };
}

async function exported(guide: GuideFile, channels: { id: string; guideId: string }[], window = { from: -Infinity, to: Infinity }) {
  const parts: Buffer[] = [];
  const out = channels.map(({ id, guideId }) => ({ channel: { id, displayName: id, icon: null }, match: { sourceId: 's', guideChannelId: guideId, by: 'tvg-id' as const } }));
  for await (const chunk of exportXmltv(out, () => guide, window)) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

// Time-major (every channel's 00:00, then every channel's 01:00…), as large generated guides are written.
const timeMajor = (channels: string[], hours: number) =>
  Array.from({ length: hours }, (_, h) => channels.map((c) => [c, programme(T0 + h * HOUR, `${c} ${h} ☕`)] as [string, Programme])).flat();

describe('a guide file written by the spool', () => {
  it.each([
    ['in one run', undefined],
    ['in many runs, merged', 2_000],
  ])('keeps each channel contiguous and in time order, %s', async (_name, runBytes) => {
    const input = timeMajor(['a.tv', 'b.tv', 'c.tv'], 40);
    const { guide, layout } = await spooled(input, runBytes);
    expect(layout.records).toBe(120);
    expect(layout.blocks).toEqual([['a.tv', 0, 40], ['b.tv', 40, 40], ['c.tv', 80, 40]]);
    const xml = await exported(guide, [{ id: 'B', guideId: 'b.tv' }]);
    const expected = [...writeXmltv([{ id: 'B', displayName: 'B', icon: null }], input.filter(([c]) => c === 'b.tv').map(([, p]) => ({ channel: 'B', programme: p })))];
    expect(xml).toBe(expected.join(''));
    expect(await readdir(dir)).toEqual(['src.guide']);
  });

  it('sorts programmes a guide lists out of order, within and across runs, keeping ties in document order', async () => {
    const starts = [5, 1, 3, 1, 9, 0, 7, 2, 8, 4, 6];
    const input = starts.map((h, i) => ['a.tv', programme(T0 + h * HOUR, `p${i}`)] as [string, Programme]);
    for (const runBytes of [undefined, 300]) {
      const { guide } = await spooled(input, runBytes);
      const titles = [...(await exported(guide, [{ id: 'a', guideId: 'a.tv' }])).matchAll(/<title lang="en">([^<]+)</g)].map((m) => m[1]);
      expect(titles).toEqual(['p5', 'p1', 'p3', 'p7', 'p2', 'p9', 'p0', 'p10', 'p6', 'p8', 'p4']);
      await rm(join(dir, 'src.guide'));
      opened.splice(0).forEach((f) => f.retire());
    }
  });

  it('writes each channel under the id the playlist uses, and only the programmes in the window', async () => {
    const { guide } = await spooled(timeMajor(['a.tv'], 6));
    const xml = await exported(guide, [{ id: 'x"1', guideId: 'a.tv' }, { id: 'y', guideId: 'a.tv' }, { id: 'z', guideId: 'missing.tv' }], { from: T0 + 2 * HOUR, to: T0 + 3 * HOUR });
    expect([...xml.matchAll(/<programme start="(\d+)[^"]*" stop="[^"]*" channel="([^"]+)"/g)].map((m) => `${m[2]} ${m[1]}`)).toEqual([
      'x&quot;1 20240301010000', 'x&quot;1 20240301020000', 'x&quot;1 20240301030000',
      'y 20240301010000', 'y 20240301020000', 'y 20240301030000',
    ]);
  });

  it('answers now and next from disk, like the list it replaced', async () => {
    const open = programme(T0 + 3 * HOUR, 'open end', null);
    const { guide } = await spooled([['a.tv', programme(T0, 'first')], ['a.tv', programme(T0 + 2 * HOUR, 'after a gap')], ['a.tv', open]]);
    const block = guide.block('a.tv')!;
    const titles = (at: number) => {
      const { now, next } = guide.nowNext(block, at);
      return [now?.titles[0]?.value ?? null, next?.titles[0]?.value ?? null];
    };
    expect(titles(T0 - 1)).toEqual([null, 'first']);
    expect(titles(T0 + HOUR / 2)).toEqual(['first', 'after a gap']);
    expect(titles(T0 + 1.5 * HOUR)).toEqual([null, 'after a gap']);
    expect(titles(T0 + 10 * HOUR)).toEqual(['open end', null]);
    expect(guide.nowNext(block, T0 + 10 * HOUR).now).toEqual(open);
    expect(programmeXml({ channel: 'c', programme: guide.nowNext(block, T0).now! })).toBe(programmeXml({ channel: 'c', programme: programme(T0, 'first') }));
  });

  it('writes an empty guide, and refuses a file whose index does not match', async () => {
    const { guide, layout } = await spooled([]);
    expect(layout).toEqual({ records: 0, indexAt: 0, blocks: [] });
    expect(await exported(guide, [{ id: 'a', guideId: 'a.tv' }])).not.toContain('<programme');
    await expect(openGuideFile(join(dir, 'src.guide'), { ...layout, records: 3 })).rejects.toThrow(/bytes, expected/);
  });

  it('leaves nothing behind when discarded', async () => {
    const spool = createGuideSpool(join(dir, 'src.guide'), 100);
    for (const [c, p] of timeMajor(['a.tv'], 5)) {
      spool.add(c, p.start, p.stop, programmeBody(p));
      await spool.flush();
    }
    await spool.discard();
    expect(await readdir(dir)).toEqual([]);
  });
});
