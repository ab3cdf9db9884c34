/**
 * The one error type routes and services throw. Koa reads `status` and `expose`; the error middleware
 * turns it into `{error: {code, message, ...details}}`.
 */
export class AppError extends Error {
  readonly expose: boolean;

  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    readonly details: Record<string, unknown> = {},
    options: { expose?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.expose = options.expose ?? (status < 500 || status === 502 || status === 503 || status === 504);
  }
}

export const invalidContentId = (id: string) =>
  new AppError('INVALID_CONTENT_ID', `"${id.slice(0, 80)}" is not a 40-character hex content id or infohash`, 400);

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`, 404);

export const badRequest = (message: string, code = 'BAD_REQUEST') => new AppError(code, message, 400);

export const validation = (fields: Record<string, string>) =>
  new AppError('VALIDATION', Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; '), 400, { fields });
