import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { createCatalogFeature } from '../../src/catalog/index.js';
import { configWith } from '../../src/config.js';
import { errorMiddleware } from '../../src/http/error-middleware.js';
import { silentLogger } from '../../src/log.js';

export interface CatalogCall {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  /** Parsed when the answer is JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Only the catalog feature's routers on a bare Koa app (the error middleware included), on port 0 with its
 * own data dir: the catalog and guide tests need no engine.
 */
export async function startCatalog(dataDir: string, options: { guideRescanDelayMs?: number } = {}) {
  const feature = await createCatalogFeature({
    config: configWith({ dataDir, allowLocalSources: true }),
    log: silentLogger(),
    fetchTimeoutMs: 3000,
    ...options,
  });
  const app = new Koa();
  app.use(errorMiddleware(silentLogger()));
  for (const router of feature.routers) app.use(router.routes()).use(router.allowedMethods());
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown, type = 'application/json'): Promise<CatalogCall> => {
    const res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': type },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    return { status: res.status, headers: res.headers, bytes, text, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  };
  return {
    base,
    call,
    feature,
    async close() {
      server.closeAllConnections();
      server.close();
      await feature.close();
    },
  };
}
