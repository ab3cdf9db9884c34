import { createHash } from 'node:crypto';

export function infohashOf(contentId: string): string {
  return createHash('sha1').update(`infohash:${contentId}`).digest('hex');
}

const HEX40 = /^[0-9a-f]{40}$/i;

export type StartTarget = { infohash: string; contentId?: string } | { error: 'failed to load content' };

export interface TargetRules {
  dead: ReadonlySet<string>;
  /** Infohashes derived from content ids seen so far: passing one of them as a content id must fail. */
  knownInfohashes: Set<string>;
}

const failed = { error: 'failed to load content' } as const;

/** What a getstream/manifest request asks to play; the first parameter present wins, as on the engine. */
export function resolveStartTarget(query: URLSearchParams, { dead, knownInfohashes }: TargetRules): StartTarget {
  const contentId = query.get('content_id') ?? query.get('id');
  if (contentId !== null) {
    const id = contentId.toLowerCase();
    if (!HEX40.test(id) || knownInfohashes.has(id) || dead.has(id)) return failed;
    const infohash = infohashOf(id);
    knownInfohashes.add(infohash);
    return { infohash, contentId: id };
  }
  const infohash = query.get('infohash');
  if (infohash !== null) return byInfohash(infohash, dead);
  const url = query.get('url');
  if (url !== null) return url === '' ? failed : byInfohash(infohashOf(url), dead);
  const magnet = query.get('magnet');
  if (magnet !== null) {
    const btih = /xt=urn:btih:([0-9a-f]{40})/i.exec(magnet);
    return btih ? byInfohash(btih[1]!, dead) : failed;
  }
  return failed;
}

function byInfohash(value: string, dead: ReadonlySet<string>): StartTarget {
  const infohash = value.toLowerCase();
  if (!HEX40.test(infohash)) return failed;
  for (const id of dead) if (infohashOf(id) === infohash) return failed;
  return { infohash };
}
