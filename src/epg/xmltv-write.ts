import type { LangText, Programme } from './xmltv-types.js';
import { formatXmltvTime } from './xmltv-time.js';

export interface XmltvChannelOut {
  id: string;
  displayName: string;
  icon: string | null;
}

export interface XmltvProgrammeOut {
  channel: string;
  programme: Programme;
}

// Characters XML 1.0 forbids outright (most C0 controls, lone surrogates, U+FFFE/FFFF) are dropped, not escaped.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export const escapeXml = (value: string) => value.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const attr = (name: string, value: string | null | undefined) => (value ? ` ${name}="${escapeXml(value)}"` : '');
const texts = (tag: string, items: LangText[]) =>
  items.map((t) => `    <${tag}${attr('lang', t.lang)}>${escapeXml(t.value)}</${tag}>\n`).join('');

export function channelXml(channel: XmltvChannelOut): string {
  const icon = channel.icon ? `    <icon${attr('src', channel.icon)}/>\n` : '';
  return `  <channel${attr('id', channel.id)}>\n    <display-name>${escapeXml(channel.displayName)}</display-name>\n${icon}  </channel>\n`;
}

/** Children in the DTD's order: title, sub-title, desc, date, category, icon, episode-num, previously-shown, new. */
export function programmeXml({ channel, programme: p }: XmltvProgrammeOut): string {
  const stop = p.stop === null ? '' : ` stop="${formatXmltvTime(p.stop)}"`;
  return (
    `  <programme start="${formatXmltvTime(p.start)}"${stop}${attr('channel', channel)}>\n` +
    texts('title', p.titles) +
    texts('sub-title', p.subTitles) +
    texts('desc', p.descs) +
    (p.date ? `    <date>${escapeXml(p.date)}</date>\n` : '') +
    texts('category', p.categories) +
    (p.icon ? `    <icon${attr('src', p.icon)}/>\n` : '') +
    p.episodeNums.map((e) => `    <episode-num${attr('system', e.system)}>${escapeXml(e.value)}</episode-num>\n`).join('') +
    (p.previouslyShown ? '    <previously-shown/>\n' : '') +
    (p.isNew ? '    <new/>\n' : '') +
    '  </programme>\n'
  );
}

/** The whole guide as a stream of strings: every <channel> first, then the programmes (DTD order). */
export function* writeXmltv(channels: Iterable<XmltvChannelOut>, programmes: Iterable<XmltvProgrammeOut>): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<tv generator-info-name="acehub">\n';
  for (const channel of channels) yield channelXml(channel);
  for (const programme of programmes) yield programmeXml(programme);
  yield '</tv>\n';
}
