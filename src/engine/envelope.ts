import { engineProtocol } from './engine-errors.js';

/**
 * The engine wraps answers as `{response, error}` (playback API) or `{result, error}` (service API); errors
 * are a string or `{message, code}`. A non-null error means failure whatever the HTTP status.
 */
export function readEnvelope(body: unknown, what: string): { result: unknown; error: string | undefined } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw engineProtocol(`${what} answered ${JSON.stringify(body)?.slice(0, 80)} instead of an envelope`);
  }
  const b = body as Record<string, unknown>;
  if (!('response' in b) && !('result' in b) && !('error' in b)) {
    throw engineProtocol(`${what} answered an object without response, result or error`);
  }
  return { result: 'response' in b ? b.response : b.result, error: errorText(b.error) };
}

function errorText(error: unknown): string | undefined {
  if (error === null || error === undefined || error === '' || error === false) return undefined;
  if (typeof error === 'string') return error;
  if (typeof error === 'object') {
    const e = error as Record<string, unknown>;
    if (typeof e.message === 'string') return e.code === undefined ? e.message : `${e.message} (code ${String(e.code)})`;
  }
  return JSON.stringify(error);
}
