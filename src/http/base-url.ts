import type { Context } from 'koa';

/**
 * The absolute base for links we hand to clients: PUBLIC_URL when set (behind a reverse proxy), else the
 * scheme and Host the client used, so a playlist fetched at http://192.168.1.5:8080 links back there.
 */
export function baseUrl(ctx: Pick<Context, 'protocol' | 'host'>, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${ctx.protocol}://${ctx.host || 'localhost'}`;
}
