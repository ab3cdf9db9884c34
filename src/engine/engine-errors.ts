import { AppError } from '../http/errors.js';

/** Expected engine failures, typed by code so callers can tell them apart without parsing messages. */
export const engineUnavailable = (detail: string) =>
  new AppError('ENGINE_UNAVAILABLE', `the Ace Stream engine is not reachable (${detail})`, 503);

export const engineTimeout = (what: string, ms: number) =>
  new AppError('ENGINE_TIMEOUT', `the Ace Stream engine did not answer ${what} within ${Math.round(ms / 1000)} s`, 504);

export const contentNotFound = (id: string, detail: string) =>
  new AppError('CONTENT_NOT_FOUND', `the engine could not load content ${id}: ${detail}`, 404);

export const engineProtocol = (detail: string) =>
  new AppError('ENGINE_PROTOCOL_ERROR', `unexpected answer from the Ace Stream engine: ${detail}`, 502);

/** The engine session behind a stream is gone (stopped, taken over, expired): restartable. */
export const engineSessionGone = (detail: string) =>
  new AppError('ENGINE_SESSION_GONE', `the engine session ended: ${detail}`, 502);

export const isEngineError = (err: unknown, code: string): err is AppError => err instanceof AppError && err.code === code;
