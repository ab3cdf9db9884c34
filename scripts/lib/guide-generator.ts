import { writeXmltv, type XmltvChannelOut, type XmltvProgrammeOut } from '../../src/epg/xmltv-write.js';
import type { Programme } from '../../src/epg/xmltv-types.js';

export interface GeneratedGuideOptions {
  channels: Array<{ id: string; name: string }>;
  /** First programme start (epoch ms); programmes run back to back from there. */
  from: number;
  hours: number;
  programmeMinutes: number;
  /** Extra words per description, to make a guide as heavy as real ones. */
  descriptionWords?: number;
}

const TITLES = ['Morning Live', 'Match of the Day', 'World News', 'Late Show', 'Documentary: Rivers', 'Cup Highlights', 'Weather & Traffic'];

/** A plausible XMLTV guide, written as a stream of strings: for the demo and the benchmarks, never the server. */
export function* generateGuide(o: GeneratedGuideOptions): Generator<string> {
  const channels: XmltvChannelOut[] = o.channels.map((c) => ({ id: c.id, displayName: c.name, icon: null }));
  const filler = Array.from({ length: o.descriptionWords ?? 12 }, (_, i) => `word${i}`).join(' ');
  function* programmes(): Generator<XmltvProgrammeOut> {
    const step = o.programmeMinutes * 60_000;
    for (let start = o.from; start < o.from + o.hours * 3_600_000; start += step) {
      for (const [i, c] of o.channels.entries()) {
        const title = TITLES[(Math.floor(start / step) + i) % TITLES.length]!;
        const programme: Programme = {
          start, stop: start + step, titles: [{ value: title, lang: 'en' }], subTitles: [],
          descs: [{ value: `${title} on ${c.name}. ${filler}`, lang: 'en' }], date: null,
          categories: [{ value: i % 2 ? 'Sports' : 'News', lang: 'en' }], icon: null, episodeNums: [], previouslyShown: false, isNew: false,
        };
        yield { channel: c.id, programme };
      }
    }
  }
  yield* writeXmltv(channels, programmes());
}
