import { TextDecoder } from 'node:util';
import sax from 'sax';
import { AppError } from '../http/errors.js';
import type { GuideChannel, LangText, Programme } from './xmltv-types.js';
import { parseXmltvTime } from './xmltv-time.js';

export interface XmltvHandlers {
  onChannel(channel: GuideChannel): void;
  /** Asked when a <programme> opens; false skips it without building it, which keeps memory bounded. */
  wantProgramme(channelId: string, start: number, stop: number | null): boolean;
  onProgramme(channelId: string, programme: Programme): void;
  /** Awaited between input chunks: where what onProgramme buffered is written out, with backpressure. */
  flush?(): Promise<void> | void;
}

// Bounds for hostile input: one text node, and the number of channels a guide may declare.
const MAX_TEXT = 8_000;
const MAX_CHANNELS = 200_000;

export const guideInvalid = (message: string) => new AppError('GUIDE_INVALID', `not a usable XMLTV guide: ${message}`, 422);

// A Map, not an object literal: `name in {…}` is also true for <constructor> or <toString>.
const TEXT_FIELDS = new Map<string, 'titles' | 'subTitles' | 'descs' | 'categories'>([
  ['title', 'titles'], ['sub-title', 'subTitles'], ['desc', 'descs'], ['category', 'categories'],
]);

function encodingOf(head: Buffer): string {
  const declared = /^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/.exec(head.toString('latin1'))?.[1]?.toLowerCase();
  return declared && /^(iso-8859-\d+|latin1|windows-125\d|utf-8)$/.test(declared) ? declared : 'utf-8';
}

const emptyProgramme = (start: number, stop: number | null): Programme => ({
  start, stop, titles: [], subTitles: [], descs: [], date: null, categories: [], icon: null, episodeNums: [], previouslyShown: false, isNew: false,
});

/** A strict sax parser wired to the handlers. Written to synchronously, so it also reads back one stored programme. */
function xmltvParser(handlers: XmltvHandlers) {
  const parser = sax.parser(true, { trim: false, normalize: false });
  const stack: string[] = [];
  let channel: GuideChannel | null = null;
  let programme: { channelId: string; value: Programme } | null = null;
  let text: string | null = null;
  let textAttrs: Record<string, string> = {};
  let channels = 0;
  let sawRoot = false;

  parser.onerror = (err) => {
    throw guideInvalid(err.message.split('\n')[0] ?? err.message);
  };
  parser.onopentag = (tag) => {
    const name = tag.name;
    const attrs = tag.attributes as Record<string, string>;
    const depth = stack.push(name);
    sawRoot = true;
    if (depth === 1) {
      if (name !== 'tv') throw guideInvalid(`root element is <${name}>, expected <tv>`);
    } else if (depth === 2 && name === 'channel' && attrs.id) {
      channel = { id: attrs.id, displayNames: [], icon: null };
    } else if (depth === 2 && name === 'programme') {
      const channelId = attrs.channel;
      const start = channelId ? parseXmltvTime(attrs.start) : null;
      const stop = start === null ? null : parseXmltvTime(attrs.stop);
      if (start !== null && channelId && handlers.wantProgramme(channelId, start, stop)) programme = { channelId, value: emptyProgramme(start, stop) };
    } else if (depth === 3 && channel) {
      if (name === 'display-name') collect(true);
      else if (name === 'icon' && attrs.src && channel.icon === null) channel.icon = attrs.src;
      textAttrs = attrs;
    } else if (depth === 3 && programme) {
      if (TEXT_FIELDS.has(name) || name === 'date' || name === 'episode-num') collect(true);
      else if (name === 'icon' && attrs.src && programme.value.icon === null) programme.value.icon = attrs.src;
      else if (name === 'new') programme.value.isNew = true;
      else if (name === 'previously-shown') programme.value.previouslyShown = true;
      textAttrs = attrs;
    }
  };
  const onText = (chunk: string) => {
    if (text === null || stack.length !== 3 || text.length >= MAX_TEXT) return;
    text += chunk.length <= MAX_TEXT - text.length ? chunk : chunk.slice(0, MAX_TEXT - text.length);
  };
  // Attached only inside a wanted text element: sax then skips the call for the whitespace between elements.
  const textHandlers = parser as Partial<Pick<sax.SAXParser, 'ontext' | 'oncdata'>>;
  const collect = (on: boolean) => {
    textHandlers.ontext = textHandlers.oncdata = on ? onText : undefined;
    text = on ? '' : null;
  };
  parser.onclosetag = (name) => {
    const depth = stack.length;
    stack.pop();
    if (depth === 3 && text !== null) {
      const value = text.trim();
      collect(false);
      if (value === '') return;
      if (channel && name === 'display-name') channel.displayNames.push(value);
      else if (programme) {
        const p = programme.value;
        const field = TEXT_FIELDS.get(name);
        if (field !== undefined) p[field].push({ value, lang: textAttrs.lang ?? null } satisfies LangText);
        else if (name === 'date') p.date = value;
        else if (name === 'episode-num') p.episodeNums.push({ system: textAttrs.system ?? null, value });
      }
    } else if (depth === 2 && name === 'channel' && channel) {
      if (++channels > MAX_CHANNELS) throw guideInvalid(`more than ${MAX_CHANNELS} channels`);
      handlers.onChannel(channel);
      channel = null;
    } else if (depth === 2 && name === 'programme' && programme) {
      // The DTD requires a title; a programme without one is dropped rather than written out invalid.
      if (programme.value.titles.length > 0) handlers.onProgramme(programme.channelId, programme.value);
      programme = null;
    }
  };
  return { parser, sawRoot: () => sawRoot, channels: () => channels };
}

/** One programme as programmeXml wrote it, read back into its fields (the guide store keeps programmes as XML). */
export function parseProgrammeXml(xml: string): Programme | null {
  let found: Programme | null = null;
  const { parser } = xmltvParser({ onChannel: () => undefined, wantProgramme: () => true, onProgramme: (_id, p) => (found = p) });
  parser.write(`<tv>${xml}</tv>`).close();
  return found;
}

/**
 * Streams an XMLTV document through sax in strict mode: channels and programmes come out one at a time.
 * sax never expands DTD entities, so entity bombs fail as unknown entities instead of growing memory.
 */
export async function readXmltv(source: AsyncIterable<Buffer>, handlers: XmltvHandlers): Promise<{ channels: number }> {
  const { parser, sawRoot, channels } = xmltvParser(handlers);
  // The encoding is read from the XML declaration, so hold back the first bytes until it is complete.
  let decoder: TextDecoder | null = null;
  let head = Buffer.alloc(0);
  for await (const chunk of source) {
    if (decoder === null) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 256 && !head.includes('?>')) continue;
      decoder = new TextDecoder(encodingOf(head));
      parser.write(decoder.decode(head, { stream: true }));
    } else {
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    if (handlers.flush) await handlers.flush();
  }
  parser.write(decoder === null ? new TextDecoder(encodingOf(head)).decode(head) : decoder.decode());
  parser.close();
  if (!sawRoot()) throw guideInvalid('the document is empty');
  await handlers.flush?.();
  return { channels: channels() };
}
