import { isHex40, type ContentRef } from '../engine/content-ref.js';

export type AceSource = { ok: true; ref: ContentRef } | { ok: false; reason: string };

const ENGINE_PATH = /\/ace\/(getstream|manifest\.m3u8)\/?$/;
// AceProxy / HTTPAceProxy style: /content_id/<id>/stream.ts, /infohash/<id>/..., /pid/<id>/...
const PROXY_PATH = /\/(content_id|infohash|pid)\/([^/]+)/;

const ref = (kind: ContentRef['kind'], id: string): AceSource =>
  isHex40(id) ? { ok: true, ref: { kind, id: id.toLowerCase() } } : { ok: false, reason: `malformed ${kind === 'infohash' ? 'infohash' : 'content id'} "${id.slice(0, 60)}" (expected 40 hex characters)` };

/** Reads every form a user or a playlist may give for one Ace Stream source. */
export function parseAceSource(input: string): AceSource {
  const text = input.trim();
  if (isHex40(text)) return ref('content_id', text);
  const scheme = /^acestream:\/\/([^/?#]*)/i.exec(text);
  if (scheme) return ref('content_id', scheme[1] ?? '');
  if (!/^https?:\/\//i.test(text)) {
    // A lone run of hex is an id with a typo, not some other kind of source.
    return /^[0-9a-f]{16,}$/i.test(text) ? ref('content_id', text) : { ok: false, reason: 'not an Ace Stream source' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not an Ace Stream source' };
  }
  if (ENGINE_PATH.test(url.pathname)) {
    const q = url.searchParams;
    const contentId = q.get('content_id') ?? q.get('id');
    if (contentId !== null) return ref('content_id', contentId);
    const infohash = q.get('infohash');
    if (infohash !== null) return ref('infohash', infohash);
    return { ok: false, reason: 'engine URL without id, content_id or infohash' };
  }
  const proxy = PROXY_PATH.exec(url.pathname);
  if (proxy) return ref(proxy[1] === 'infohash' ? 'infohash' : 'content_id', decodeURIComponent(proxy[2] ?? ''));
  return { ok: false, reason: 'not an Ace Stream source' };
}
