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

// Anything outside plain safe text (markup characters, forbidden ones) sends a value down the exact path. Checked one
// UTF-16 unit at a time, so any surrogate, even a valid pair, takes the slow path too.
const NEEDS_WORK = /[^\t\n\r\u0020\u0021\u0023-\u0025\u0028-\u003B\u003D\u003F-\uD7FF\uE000-\uFFFD]/;

export const escapeXml = (value: string) =>
  NEEDS_WORK.test(value) ? value.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : value;

const attr = (name: string, value: string | null | undefined) => (value ? ` ${name}="${escapeXml(value)}"` : '');
function texts(tag: string, items: LangText[]): string {
  let xml = '';
  for (const t of items) xml += `    <${tag}${attr('lang', t.lang)}>${escapeXml(t.value)}</${tag}>\n`;
  return xml;
}

export function channelXml(channel: XmltvChannelOut): string {
  const icon = channel.icon ? `    <icon${attr('src', channel.icon)}/>\n` : '';
  return `  <channel${attr('id', channel.id)}>\n    <display-name>${escapeXml(channel.displayName)}</display-name>\n${icon}  </channel>\n`;
}

/** The opening tag; `time` formats a time (the export passes a memoised formatXmltvTime). */
export function programmeHead(channel: string, start: number, stop: number | null, time = formatXmltvTime): string {
  return `  <programme start="${time(start)}"${stop === null ? '' : ` stop="${time(stop)}"`}${attr('channel', channel)}`;
}

/**
 * Everything after the opening tag's attributes, children in the DTD's order: title, sub-title, desc, date,
 * category, icon, episode-num, previously-shown, new. The guide store keeps programmes in this form.
 */
export function programmeBody(p: Programme): string {
  return (
    '>\n' +
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

export const programmeXml = ({ channel, programme: p }: XmltvProgrammeOut): string => programmeHead(channel, p.start, p.stop) + programmeBody(p);

export const XMLTV_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<tv generator-info-name="acehub">\n';
export const XMLTV_FOOTER = '</tv>\n';

/** The whole guide as a stream of strings: every <channel> first, then the programmes (DTD order). */
export function* writeXmltv(channels: Iterable<XmltvChannelOut>, programmes: Iterable<XmltvProgrammeOut>): Generator<string> {
  yield XMLTV_HEADER;
  for (const channel of channels) yield channelXml(channel);
  for (const programme of programmes) yield programmeXml(programme);
  yield XMLTV_FOOTER;
}
