/**
 * What a user may paste to play something: a 40-hex content id, `acestream://<id>`, or an engine URL
 * (`…/ace/getstream?id=…`, `…/ace/manifest.m3u8?infohash=…`). Returns the id form the start API takes.
 */
export type PastedSource = { ok: true; startId: string; label: string } | { ok: false; reason: string };

const HEX40 = /^[0-9a-f]{40}$/i;

const found = (kind: 'content' | 'infohash', id: string): PastedSource =>
  HEX40.test(id)
    ? { ok: true, startId: kind === 'infohash' ? `infohash:${id.toLowerCase()}` : id.toLowerCase(), label: `${kind === 'infohash' ? 'infohash' : 'content id'} ${id.slice(0, 8)}…` }
    : { ok: false, reason: `"${id.slice(0, 50)}" is not 40 hex characters` };

export function parsePasted(input: string): PastedSource {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'Paste a content id, an acestream:// link or an engine URL.' };
  if (HEX40.test(text)) return found('content', text);
  const scheme = /^acestream:\/\/([^/?#]*)/i.exec(text);
  if (scheme) return found('content', scheme[1] ?? '');
  const ih = /^infohash:(.*)$/i.exec(text);
  if (ih) return found('infohash', ih[1] ?? '');
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, reason: 'That URL cannot be read.' };
    }
    const q = url.searchParams;
    const id = q.get('content_id') ?? q.get('id');
    if (id !== null) return found('content', id);
    const infohash = q.get('infohash');
    if (infohash !== null) return found('infohash', infohash);
    const path = /\/(content_id|infohash)\/([^/]+)/.exec(url.pathname);
    if (path) return found(path[1] === 'infohash' ? 'infohash' : 'content', decodeURIComponent(path[2] ?? ''));
    return { ok: false, reason: 'That URL holds no content id or infohash.' };
  }
  return { ok: false, reason: 'Not an Ace Stream id, acestream:// link or engine URL.' };
}
