import { describe, expect, it } from 'vitest';
import { readEnvelope } from './envelope.js';

describe('engine answers are read whatever envelope the engine version uses', () => {
  it.each([
    [{ response: { a: 1 }, error: null }, { a: 1 }, undefined],
    [{ result: { version: '3.2.3' }, error: null }, { version: '3.2.3' }, undefined],
    [{ response: null, error: 'failed to load content' }, null, 'failed to load content'],
    [{ result: null, error: { message: 'bad token', code: 12 } }, null, 'bad token (code 12)'],
    [{ result: null, error: { message: 'bad token' } }, null, 'bad token'],
    [{ response: 'ok', error: '' }, 'ok', undefined],
  ])('%j', (body, result, error) => {
    expect(readEnvelope(body, 'test')).toEqual({ result, error });
  });

  it.each([[null], ['ok'], [[1, 2]], [{ foo: 1 }]])('rejects %j as a protocol error', (body) => {
    expect(() => readEnvelope(body, 'test')).toThrowError(expect.objectContaining({ code: 'ENGINE_PROTOCOL_ERROR' }));
  });
});
