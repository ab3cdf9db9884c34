import type { Context, Middleware } from 'koa';
import { AppError, badRequest, validation } from './errors.js';

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

type BodyContext = Pick<Context, 'req' | 'get' | 'state'>;

const tooLarge = (limit: number) => new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${limit} bytes`, 413);

/** MAX_BODY_MB for every body read in this request (routes call readBody without a limit). */
export function bodyLimitMiddleware(maxBytes: number): Middleware {
  return async function setBodyLimit(ctx, next) {
    ctx.state.maxBodyBytes = maxBytes;
    await next();
  };
}

const limitOf = (ctx: BodyContext) => (ctx.state?.maxBodyBytes as number | undefined) ?? DEFAULT_BODY_LIMIT;

/** The raw request body, refused as soon as it passes `limit` (the declared length is checked first). */
export async function readBody(ctx: BodyContext, limit = limitOf(ctx)): Promise<Buffer> {
  const declared = Number(ctx.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      ctx.req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readText(ctx: BodyContext, limit = limitOf(ctx)): Promise<string> {
  return (await readBody(ctx, limit)).toString('utf8');
}

/** Parsed JSON; an empty body reads as `{}` so PATCH with no fields is a no-op rather than an error. */
export async function readJson(ctx: BodyContext, limit = limitOf(ctx)): Promise<unknown> {
  const text = await readText(ctx, limit);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(`request body is not valid JSON: ${(err as Error).message}`, 'INVALID_JSON');
  }
}

/** A JSON object body (`null`, arrays and bare values are 400 VALIDATION). Fields a route does not know are ignored. */
export async function readJsonObject(ctx: BodyContext, limit = limitOf(ctx)): Promise<Record<string, unknown>> {
  const body = await readJson(ctx, limit);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validation({ body: 'must be a JSON object' });
  return body as Record<string, unknown>;
}
