import { describe, expect, it } from 'vitest';
import type { Programme } from './xmltv-types.js';
import { channelXml, escapeXml, programmeXml, writeXmltv } from './xmltv-write.js';

const base: Programme = {
  start: Date.parse('2024-03-01T12:00:00Z'), stop: null, titles: [{ value: 'T', lang: null }], subTitles: [], descs: [], date: null,
  categories: [], icon: null, episodeNums: [], previouslyShown: false, isNew: false,
};

describe('escapeXml', () => {
  it.each([
    ['plain', 'plain'],
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &apos;single&apos;'],
    ['bell\u0007 null\u0000 tab\t', 'bell null tab\t'],
    ['lone \uD800 surrogate', 'lone  surrogate'],
    ['emoji ⚽🇪🇸', 'emoji ⚽🇪🇸'],
    ['\uFFFE\uFFFF', ''],
  ])('%j', (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});

describe('channelXml', () => {
  it.each([
    [{ id: 'a.acehub', displayName: 'A & B', icon: null }, '  <channel id="a.acehub">\n    <display-name>A &amp; B</display-name>\n  </channel>\n'],
    [{ id: 'x"y', displayName: 'X', icon: 'http://l/x.png?a=1&b=2' }, '  <channel id="x&quot;y">\n    <display-name>X</display-name>\n    <icon src="http://l/x.png?a=1&amp;b=2"/>\n  </channel>\n'],
  ])('%#', (channel, xml) => {
    expect(channelXml(channel)).toBe(xml);
  });
});

describe('programmeXml', () => {
  it.each([
    ['minimal', base, '  <programme start="20240301120000 +0000" channel="c">\n    <title>T</title>\n  </programme>\n'],
    [
      'children in DTD order',
      {
        ...base, stop: Date.parse('2024-03-01T13:00:00Z'), isNew: true, previouslyShown: true, icon: 'http://i', date: '2024',
        episodeNums: [{ system: 'xmltv_ns', value: '0.1.' }], categories: [{ value: 'News', lang: 'en' }],
        descs: [{ value: '<b>', lang: null }], subTitles: [{ value: 'S', lang: null }], titles: [{ value: 'T', lang: 'en' }],
      },
      '  <programme start="20240301120000 +0000" stop="20240301130000 +0000" channel="c">\n' +
        '    <title lang="en">T</title>\n    <sub-title>S</sub-title>\n    <desc>&lt;b&gt;</desc>\n    <date>2024</date>\n' +
        '    <category lang="en">News</category>\n    <icon src="http://i"/>\n    <episode-num system="xmltv_ns">0.1.</episode-num>\n' +
        '    <previously-shown/>\n    <new/>\n  </programme>\n',
    ],
  ])('%s', (_name, programme, xml) => {
    expect(programmeXml({ channel: 'c', programme })).toBe(xml);
  });
});

describe('writeXmltv', () => {
  it('writes every channel before any programme', () => {
    const xml = [...writeXmltv([{ id: 'a', displayName: 'A', icon: null }], [{ channel: 'a', programme: base }])].join('');
    expect(xml.indexOf('<channel')).toBeLessThan(xml.indexOf('<programme'));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<tv')).toBe(true);
    expect(xml.endsWith('</tv>\n')).toBe(true);
  });
});
