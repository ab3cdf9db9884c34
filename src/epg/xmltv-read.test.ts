import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GuideChannel, Programme } from './xmltv-types.js';
import { readXmltv } from './xmltv-read.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

async function read(input: Buffer | string, chunkSize = 7, want: (id: string) => boolean = () => true) {
  const bytes = Buffer.from(input);
  const chunks = async function* () {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  };
  const channels: GuideChannel[] = [];
  const programmes: [string, Programme][] = [];
  await readXmltv(chunks(), { onChannel: (c) => channels.push(c), wantProgramme: want, onProgramme: (id, p) => programmes.push([id, p]) });
  return { channels, programmes };
}

describe('readXmltv', () => {
  it('reads channels with every display-name and icon, split across tiny chunks', async () => {
    const { channels } = await read(fixture('guide.xml'));
    expect(channels).toEqual([
      { id: 'bbc1.uk', displayNames: ['BBC One', 'BBC 1 HD'], icon: 'http://logos.example/bbc1.png' },
      { id: 'tmc.fr', displayNames: ['Télé Monte-Carlo'], icon: null },
    ]);
  });

  it('reads programmes with zones, entities, CDATA, and drops ones without start or title', async () => {
    const { programmes } = await read(fixture('guide.xml'));
    expect(programmes.map(([id, p]) => [id, p.titles[0]?.value])).toEqual([
      ['bbc1.uk', 'News & Weather'],
      ['bbc1.uk', 'Open end'],
      ['tmc.fr', 'Film'],
    ]);
    const [, news] = programmes[0]!;
    expect(news).toEqual({
      start: Date.parse('2024-03-01T11:00:00Z'),
      stop: Date.parse('2024-03-01T12:00:00Z'),
      titles: [{ value: 'News & Weather', lang: 'en' }],
      subTitles: [{ value: 'Midday', lang: null }],
      descs: [{ value: 'Headlines <live>', lang: 'en' }],
      date: '2024',
      categories: [{ value: 'News', lang: 'en' }, { value: 'Current affairs', lang: null }],
      icon: 'http://img.example/news.jpg',
      episodeNums: [{ system: 'xmltv_ns', value: '0.4.' }],
      previouslyShown: true,
      isNew: false,
    });
    expect(programmes[1]![1]).toMatchObject({ stop: null, isNew: true });
  });

  it('skips programmes the caller does not want', async () => {
    const { programmes } = await read(fixture('guide.xml'), 64, (id) => id === 'tmc.fr');
    expect(programmes.map(([id]) => id)).toEqual(['tmc.fr']);
  });

  it('decodes a latin-1 guide by its declaration', async () => {
    const xml = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><tv><channel id="x"><display-name>Télé</display-name></channel></tv>', 'latin1');
    const { channels } = await read(xml);
    expect(channels[0]?.displayNames).toEqual(['Télé']);
  });

  it.each([
    ['a truncated file', '<tv><channel id="a"><display-name>A</display-name></channel><programme start="2024'],
    ['mismatched tags', '<tv><channel id="a"></tv>'],
    ['another root', '<rss><channel id="a"/></rss>'],
    ['an empty body', ''],
    ['an unknown entity', '<tv><channel id="a"><display-name>&bogus;</display-name></channel></tv>'],
  ])('fails on %s', async (_name, xml) => {
    await expect(read(xml)).rejects.toMatchObject({ code: 'GUIDE_INVALID' });
  });

  it('does not expand a billion-laughs entity bomb', async () => {
    const before = process.memoryUsage().heapUsed;
    await expect(read(fixture('billion-laughs.xml'), 1024)).rejects.toMatchObject({ code: 'GUIDE_INVALID' });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });
});

describe('readXmltv on a large guide', () => {
  it('streams 60 MB of programmes it does not keep without holding them', async () => {
    const programme = (i: number) =>
      `<programme start="20240301${String(i % 24).padStart(2, '0')}0000 +0000" channel="ch${i % 500}.example"><title>Programme ${i}</title><desc>${'x'.repeat(400)}</desc></programme>\n`;
    const total = 60 * 1024 * 1024;
    async function* big() {
      yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<tv>\n<channel id="keep.example"><display-name>Keep</display-name></channel>\n');
      let sent = 0;
      for (let i = 0; sent < total; i++) {
        const chunk = Buffer.from(Array.from({ length: 100 }, (_, j) => programme(i * 100 + j)).join(''));
        sent += chunk.length;
        yield chunk;
      }
      yield Buffer.from('</tv>\n');
    }
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let seen = 0;
    await readXmltv(big(), {
      onChannel: () => undefined,
      wantProgramme: () => {
        if (++seen % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
        return false;
      },
      onProgramme: () => undefined,
    });
    expect(seen).toBeGreaterThan(100_000);
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  });
});
