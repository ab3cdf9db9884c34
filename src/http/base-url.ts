import type { Context } from 'koa';
import { linkPrefixOf } from './access.js';

/**
 * The absolute base for links we hand to clients: PUBLIC_URL when set (behind a reverse proxy), else the
 * scheme and Host the client used, so a playlist fetched at http://192.168.1.5:8080 links back there. A
 * request that came with the access key (`/k/<key>/…`) gets links that carry it too.
 */
export function baseUrl(ctx: Pick<Context, 'protocol' | 'host' | 'state'>, publicUrl: string | undefined): string {
  const origin = publicUrl ? publicUrl.replace(/\/+$/, '') : `${ctx.protocol}://${ctx.host || 'localhost'}`;
  return `${origin}${linkPrefixOf(ctx)}`;
}
