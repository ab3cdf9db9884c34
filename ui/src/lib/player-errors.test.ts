import { describe, expect, it } from 'vitest';
import { describeLoadError } from './player-errors.js';

describe('a fatal player error becomes a sentence', () => {
  it('a 404 playlist is permanent (retrying cannot help)', () => {
    const r = describeLoadError({ type: 'networkError', details: 'manifestLoadError', response: { code: 404, text: '' }, networkDetails: null } as never);
    expect(r).toEqual({ text: 'The stream playlist could not be loaded. (HTTP 404)', permanent: true });
  });

  it('an engine timeout (504) is retried', () => {
    const r = describeLoadError({ type: 'networkError', details: 'fragLoadError', response: { code: 504, text: '' }, networkDetails: null } as never);
    expect(r.permanent).toBe(false);
    expect(r.text).toContain('segment');
  });

  it('unknown details still read as a sentence', () => {
    expect(describeLoadError({ type: 'otherError', details: 'internalException', networkDetails: null } as never).text).toBe('Playback failed (internalException).');
  });
});
