import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { got, RequestError } from 'got';
import { AppError } from '../http/errors.js';
import { checkSourceAllowed, guardedLookup, sourceNotAllowed, type SourcePolicy } from './source-policy.js';

export interface RemoteLimits {
  /** Bytes on the wire, and bytes after gunzip (a small gzip can unpack to a huge file). */
  maxBytes: number;
  maxUnpackedBytes: number;
  timeoutMs: number;
  /** Which hosts may be fetched; without one, only hosts that are neither this machine nor link-local. */
  policy?: SourcePolicy;
  signal?: AbortSignal;
}

const STRICT: SourcePolicy = { allowLocal: false, engineUrls: [] };
// A playlist or guide host redirecting more than this is misconfigured or hostile.
const MAX_REDIRECTS = 5;

export const invalidUrl = (message: string) => new AppError('INVALID_URL', message, 400);

/** Only http and https: the server must not be talked into reading file:// or other schemes for a user. */
export function checkRemoteUrl(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidUrl('url is required');
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalidUrl(`"${value.slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl('only http:// and https:// URLs can be fetched');
  return url.href;
}

/** checkRemoteUrl, then the policy: for a source about to be saved, so a refused one is never stored. */
export async function checkSourceUrl(value: unknown, policy: SourcePolicy | undefined): Promise<string> {
  const href = checkRemoteUrl(value);
  await checkSourceAllowed(href, policy ?? STRICT);
  return href;
}

const fetchFailed = (url: string, err: unknown) => {
  if (err instanceof AppError) return err;
  // got wraps what a hook throws, and our connect-time lookup refuses with this code.
  if (err instanceof RequestError && err.cause instanceof AppError) return err.cause;
  if ((err as { code?: unknown }).code === 'SOURCE_NOT_ALLOWED') return sourceNotAllowed(url, `(${(err as Error).message})`);
  const message = err instanceof RequestError ? `${err.code}: ${err.message}` : (err as Error).message;
  return new AppError('SOURCE_FETCH_FAILED', `fetching ${url} failed: ${message}`, 502);
};

async function* capped(source: AsyncIterable<Buffer>, max: number, what: string): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > max) throw new AppError('SOURCE_TOO_LARGE', `${what} is larger than ${max} bytes`, 502);
    yield chunk;
  }
}

/** Gzip is recognised by its magic bytes: guide hosts rarely send a useful Content-Type or Content-Encoding. */
async function* gunzipByMagic(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let done = false;
  while (head.length < 2 && !done) {
    const next = await it.next();
    if (next.done) done = true;
    else head = Buffer.concat([head, next.value]);
  }
  async function* rest() {
    if (head.length > 0) yield head;
    if (done) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) return yield* rest();
  const gunzip = createGunzip();
  pipeline(Readable.from(rest()), gunzip, () => undefined);
  yield* gunzip as AsyncIterable<Buffer>;
}

/**
 * The body of an http(s) URL as a byte stream, unzipped when gzip, within the given limits. Every hop
 * (the URL and each redirect) must be http(s) and allowed by the policy; the connection's own DNS lookup
 * is checked again.
 */
export async function* remoteBytes(url: string, limits: RemoteLimits): AsyncGenerator<Buffer> {
  const href = checkRemoteUrl(url);
  const policy = limits.policy ?? STRICT;
  await checkSourceAllowed(href, policy);
  const download = got.stream(href, {
    timeout: { request: limits.timeoutMs },
    maxRedirects: MAX_REDIRECTS,
    retry: { limit: 0 },
    signal: limits.signal,
    headers: { 'user-agent': 'acehub' },
    ...(policy.allowLocal ? {} : { dnsLookup: guardedLookup(policy.isLocal) }),
    hooks: {
      beforeRedirect: [
        async (options) => {
          const next = checkRemoteUrl(String(options.url));
          await checkSourceAllowed(next, policy);
        },
      ],
    },
  });
  try {
    const wire = capped(download as AsyncIterable<Buffer>, limits.maxBytes, href);
    yield* capped(gunzipByMagic(wire), limits.maxUnpackedBytes, `${href} (unpacked)`);
  } catch (err) {
    throw fetchFailed(href, err);
  } finally {
    download.destroy();
  }
}

export async function remoteText(url: string, limits: RemoteLimits): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of remoteBytes(url, limits)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
