// Shared by the add-on unit tests and the add-on/HDHomeRun integration tests in test/.
import type { Channel } from '../src/catalog/index.js';
import type { Programme } from '../src/epg/xmltv-types.js';

/** A stored channel for table tests: every field present, as db.json holds it. */
export const channel = (fields: Partial<Channel> & Pick<Channel, 'id' | 'name'>): Channel => ({
  contentId: 'a'.repeat(40), infohash: null, group: null, logo: null, tvgId: null, number: null, enabled: true,
  epgMatch: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...fields,
});

export const programme = (title: string, start: string, stop: string | null): Programme => ({
  start: Date.parse(start), stop: stop === null ? null : Date.parse(stop), titles: [{ value: title, lang: null }], subTitles: [], descs: [],
  date: null, categories: [], icon: null, episodeNums: [], previouslyShown: false, isNew: false,
});

/** How many MPEG-TS packets start a video PES (stream id 0xE0–0xEF): proof that bytes are playable video. */
export function videoPesStarts(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(0x47); at >= 0 && at + 188 <= bytes.length; at += 188) {
    if (bytes[at] !== 0x47) return count;
    const unitStart = (bytes[at + 1]! & 0x40) !== 0;
    const adaptation = (bytes[at + 3]! >> 4) & 0x3;
    const payload = at + 4 + (adaptation & 0x2 ? 1 + bytes[at + 4]! : 0);
    if (unitStart && adaptation & 0x1 && bytes[payload] === 0 && bytes[payload + 1] === 0 && bytes[payload + 2] === 1 && (bytes[payload + 3]! & 0xf0) === 0xe0) count++;
  }
  return count;
}
