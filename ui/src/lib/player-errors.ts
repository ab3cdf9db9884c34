import type { ErrorData } from 'hls.js';

export interface LoadErrorReason {
  text: string;
  /** Retrying cannot help (unknown channel, bad id, unsupported media). */
  permanent: boolean;
}

/** The server's `{error:{message}}` from a failed request, when hls.js kept the response. */
export function serverMessage(details: unknown): string | null {
  const body =
    typeof XMLHttpRequest !== 'undefined' && details instanceof XMLHttpRequest && details.responseType === '' ? details.responseText : null;
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    return typeof parsed.error?.message === 'string' ? parsed.error.message : null;
  } catch {
    return null;
  }
}

const WHAT: Record<string, string> = {
  manifestLoadError: 'The stream playlist could not be loaded.',
  manifestLoadTimeOut: 'The engine took too long to start the stream.',
  manifestParsingError: 'The stream playlist is not valid HLS.',
  levelLoadError: 'The live playlist stopped loading.',
  levelLoadTimeOut: 'The live playlist stopped answering.',
  fragLoadError: 'A video segment could not be loaded.',
  fragLoadTimeOut: 'A video segment took too long to load.',
  bufferAddCodecError: 'This browser cannot decode the stream (H.264/AAC unsupported).',
  bufferIncompatibleCodecsError: 'This browser cannot decode the stream (H.264/AAC unsupported).',
};

/** A sentence for a fatal hls.js error, with the server's own explanation when there is one. */
export function describeLoadError(data: Pick<ErrorData, 'details' | 'response' | 'networkDetails' | 'type'>): LoadErrorReason {
  const status = data.response?.code ?? 0;
  const base = WHAT[data.details] ?? `Playback failed (${data.details}).`;
  const server = serverMessage(data.networkDetails);
  const text = server ? `${base} The server says: ${server}.` : status ? `${base} (HTTP ${status})` : base;
  const permanent = (status >= 400 && status < 500 && status !== 408 && status !== 429) || data.type === 'mediaError' || data.details.startsWith('buffer');
  return { text, permanent };
}
