import { isHex40, refKey, type ContentRef } from '../engine/content-ref.js';
import { parseAceSource, type AceSource } from './ace-url.js';
import { checkGroup, checkLogo, checkNumber, cleanText } from './channel-input.js';
import { GENERATED_TVG_SUFFIX, cleanAttr } from './m3u-write.js';
import type { M3uParse, M3uProblem } from './m3u-parse.js';

/** A playlist entry ready to become a channel; null fields were absent or unusable in the list. */
export interface ImportRow {
  line: number;
  /** Null when the list gives no name: a new channel is then called `Ace <id…>`, an existing one keeps its own. */
  name: string | null;
  ref: ContentRef;
  group: string | null;
  logo: string | null;
  tvgId: string | null;
  number: number | null;
}

const valueOf = <T>(r: { value: T } | { error: string }): T | null => ('value' in r ? r.value : null);

function taggedRef(attrs: Record<string, string>): ContentRef | null {
  const contentId = attrs['x-ace-content-id'];
  if (contentId && isHex40(contentId)) return { kind: 'content_id', id: contentId.toLowerCase() };
  const infohash = attrs['x-ace-infohash'];
  if (infohash && isHex40(infohash)) return { kind: 'infohash', id: infohash.toLowerCase() };
  return null;
}

/**
 * Turns parsed entries into rows: Ace Stream sources only, first entry of a content id wins. Our own
 * export carries the id in `x-ace-content-id`/`x-ace-infohash` since its URLs point at /play.
 */
export function rowsFromM3u(parsed: M3uParse): { rows: ImportRow[]; skipped: M3uProblem[] } {
  const rows: ImportRow[] = [];
  const skipped: M3uProblem[] = [...parsed.problems];
  const firstLine = new Map<string, number>();
  for (const entry of parsed.entries) {
    const { attrs } = entry;
    const tagged = taggedRef(attrs);
    const source: AceSource = tagged ? { ok: true, ref: tagged } : parseAceSource(entry.url);
    if (!source.ok) {
      skipped.push({ line: entry.line, reason: source.reason });
      continue;
    }
    const key = refKey(source.ref);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      skipped.push({ line: entry.line, reason: `duplicate of line ${earlier}` });
      continue;
    }
    firstLine.set(key, entry.line);
    const tvgId = cleanAttr(attrs['tvg-id'] ?? '');
    rows.push({
      line: entry.line,
      name: (cleanText(entry.name) || cleanText(attrs['tvg-name'] ?? '')).slice(0, 200) || null,
      ref: source.ref,
      group: valueOf(checkGroup(attrs['group-title'] || entry.extGroup)),
      logo: valueOf(checkLogo(attrs['tvg-logo'])),
      tvgId: tvgId === '' || tvgId.endsWith(GENERATED_TVG_SUFFIX) ? null : tvgId.slice(0, 200),
      number: valueOf(checkNumber(attrs['tvg-chno'] ?? attrs['channel-number'])),
    });
  }
  skipped.sort((a, b) => a.line - b.line);
  return { rows, skipped };
}
