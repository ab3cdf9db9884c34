import { invalidContentId } from '../http/errors.js';

/**
 * What the engine plays. A content id and an infohash are both 40 hex characters but the engine does not
 * accept one for the other, so the kind travels with the value.
 */
export interface ContentRef {
  kind: 'content_id' | 'infohash';
  id: string;
}

const HEX40 = /^[0-9a-fA-F]{40}$/;

export const isHex40 = (value: string) => HEX40.test(value);

export function contentRef(kind: ContentRef['kind'], id: string): ContentRef {
  if (!isHex40(id)) throw invalidContentId(id);
  return { kind, id: id.toLowerCase() };
}

/** The session-sharing key: one engine session per key. */
export const refKey = (ref: ContentRef) => `${ref.kind === 'content_id' ? 'c' : 'i'}:${ref.id}`;

/** Reads the engine's own query convention: `content_id` (alias `id`) before `infohash`. */
export function refFromQuery(query: Record<string, unknown>): ContentRef {
  const pick = (name: string) => {
    const v = query[name];
    return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
  };
  const contentId = pick('content_id') ?? pick('id');
  if (contentId !== undefined) return contentRef('content_id', contentId);
  const infohash = pick('infohash');
  if (infohash !== undefined) return contentRef('infohash', infohash);
  throw invalidContentId('');
}
