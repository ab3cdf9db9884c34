/** One playlist entry as written: the URL line's number (1-based), its #EXTINF name and attributes. */
export interface M3uEntry {
  line: number;
  name: string;
  url: string;
  /** Attribute names lower-cased; values as written, quotes removed. */
  attrs: Record<string, string>;
  /** The `#EXTGRP:` group in force for this entry, if any. */
  extGroup: string | null;
}

export interface M3uProblem {
  line: number;
  reason: string;
}

export interface M3uParse {
  hasHeader: boolean;
  entries: M3uEntry[];
  problems: M3uProblem[];
}

const ATTR = /([A-Za-z0-9_-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"',]*))/g;

/**
 * A forgiving reader for the playlists found in the wild: BOM, any line ending, names with commas and
 * quotes, attributes quoted or not. It never throws; lines it cannot use become problems.
 */
export function parseM3u(text: string): M3uParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const result: M3uParse = { hasHeader: /^#EXTM3U\b/i.test(lines[0]?.trim() ?? ''), entries: [], problems: [] };
  let pending: { line: number; name: string; attrs: Record<string, string> } | null = null;
  let extGroup: string | null = null;

  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const lineNo = index + 1;
    if (line === '') continue;
    if (/^#EXTINF:/i.test(line)) {
      if (pending) result.problems.push({ line: pending.line, reason: '#EXTINF without a URL' });
      pending = { line: lineNo, ...parseExtinf(line.slice('#EXTINF:'.length)) };
      continue;
    }
    if (/^#EXTGRP:/i.test(line)) {
      extGroup = line.slice('#EXTGRP:'.length).trim() || null;
      continue;
    }
    if (line.startsWith('#')) continue;
    result.entries.push({ line: lineNo, url: line, name: pending?.name ?? '', attrs: pending?.attrs ?? {}, extGroup });
    pending = null;
    extGroup = null;
  }
  if (pending) result.problems.push({ line: pending.line, reason: '#EXTINF without a URL' });
  return result;
}

/** `-1 tvg-id="a" group-title="News, World",Name, with comma` → attributes and the name after the first free comma. */
export function parseExtinf(body: string): { name: string; attrs: Record<string, string> } {
  let quote: string | null = null;
  let split = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || (c === "'" && body[i - 1] === '=')) {
      quote = c;
    } else if (c === ',') {
      split = i;
      break;
    }
  }
  // An unbalanced quote swallowed the comma: fall back to the last one, which is what Jellyfin does.
  if (quote !== null) split = body.lastIndexOf(',');
  const head = split === -1 ? body : body.slice(0, split);
  const name = split === -1 ? '' : body.slice(split + 1).trim();
  const attrs: Record<string, string> = {};
  for (const m of head.matchAll(ATTR)) {
    const key = (m[1] ?? '').toLowerCase();
    if (!(key in attrs)) attrs[key] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  }
  return { name, attrs };
}
