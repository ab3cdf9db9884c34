import type { Context } from 'koa';
import { AppError, badRequest } from './errors.js';

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

const tooLarge = (limit: number) => new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${limit} bytes`, 413);

/** The raw request body, refused as soon as it passes `limit` (the declared length is checked first). */
export async function readBody(ctx: Pick<Context, 'req' | 'get'>, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
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

export async function readText(ctx: Pick<Context, 'req' | 'get'>, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  return (await readBody(ctx, limit)).toString('utf8');
}

/** Parsed JSON; an empty body reads as `{}` so PATCH with no fields is a no-op rather than an error. */
export async function readJson(ctx: Pick<Context, 'req' | 'get'>, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const text = await readText(ctx, limit);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(`request body is not valid JSON: ${(err as Error).message}`, 'INVALID_JSON');
  }
}
