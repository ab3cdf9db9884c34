import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import type { Config } from '../config.js';
import { AppError } from './errors.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Equal digests compared in constant time: neither where nor whether the lengths differ shows in the timing. */
export const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

// With ACCESS_KEY set only these answer without the key: the web UI's shell and the API (whose writes
// ADMIN_TOKEN guards). Everything else (playlist, guide, streams, add-on, tuner, and any route added later)
// needs /k/<key>/. The router matches paths case-insensitively, so this does too.
const OPEN_WITHOUT_KEY = /^\/(?:$|index\.html$|assets\/|api\/(?!streams\/(?:hls|proxy)\/))/i;
const KEYED = /^\/k\/([^/]*)(\/.*)?$/;
// The same answer as a path that does not exist: a prober learns nothing about the key or the route.
const hidden = () => new AppError('NOT_FOUND', 'not found', 404);

/** The `/k/<key>` prefix the request came with ('' without one): every link we write for it must carry it too. */
export const linkPrefixOf = (ctx: Pick<Context, 'state'>): string => (ctx.state.linkPrefix as string | undefined) ?? '';

function normalisedPath(path: string): string | null {
  try {
    return decodeURIComponent(path).replace(/\/{2,}/g, '/');
  } catch {
    return null;
  }
}

/**
 * ACCESS_KEY: IPTV clients and tuners cannot send headers and tuners refuse query strings, so the key is
 * the first path segment. A right key is stripped (routes see `/playlist.m3u`) and kept in
 * `ctx.state.linkPrefix`; a wrong or missing one answers 404, as if the route did not exist.
 */
export function accessKeyMiddleware(accessKey: string | undefined): Middleware {
  return async function checkAccessKey(ctx, next) {
    if (accessKey === undefined) return next();
    const keyed = KEYED.exec(ctx.path);
    if (keyed) {
      if (!sameSecret(keyed[1]!, accessKey)) throw hidden();
      ctx.state.linkPrefix = `/k/${accessKey}`;
      ctx.path = keyed[2] ?? '/';
      return next();
    }
    const path = normalisedPath(ctx.path);
    if (path === null || !OPEN_WITHOUT_KEY.test(path)) throw hidden();
    return next();
  };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Plex posts here after adding the tuner and cannot send a header; the route does nothing.
const OPEN_WRITES = /^\/lineup\.post\/?$/i;

export const unauthorized = () =>
  new AppError('UNAUTHORIZED', 'this change needs the admin token: send "Authorization: Bearer <ADMIN_TOKEN>"', 401);

/** True when the Authorization header carries `Bearer <token>`. */
export function bearerMatches(header: string, token: string): boolean {
  const given = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)?.[1];
  return given !== undefined && sameSecret(given, token);
}

/** ADMIN_TOKEN: every write (any method but GET, HEAD, OPTIONS) needs `Authorization: Bearer <token>`; reads stay open. */
export function adminTokenMiddleware(adminToken: string | undefined): Middleware {
  return async function checkAdminToken(ctx, next) {
    if (adminToken !== undefined && !READS.has(ctx.method) && !OPEN_WRITES.test(ctx.path) && !bearerMatches(ctx.get('authorization'), adminToken)) {
      ctx.set('WWW-Authenticate', 'Bearer realm="acehub"');
      throw unauthorized();
    }
    return next();
  };
}

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(?:\.\d{1,3}){3})$/i;

/** The start-up warning for a server anyone on the network can change and watch; undefined when there is nothing to say. */
export function exposureWarning(config: Pick<Config, 'host' | 'adminToken' | 'accessKey'>): string | undefined {
  if (config.adminToken !== undefined || config.accessKey !== undefined || LOOPBACK_HOSTS.test(config.host.trim())) return undefined;
  return `listening on ${config.host} without ADMIN_TOKEN or ACCESS_KEY: anyone who can reach this port can change the catalog and watch every channel`;
}
