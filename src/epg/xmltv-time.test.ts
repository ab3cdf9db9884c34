import { describe, expect, it } from 'vitest';
import { formatXmltvTime, parseXmltvTime } from './xmltv-time.js';

describe('parseXmltvTime', () => {
  it.each([
    ['20240301120000 +0000', '2024-03-01T12:00:00.000Z'],
    ['20240301120000 +0100', '2024-03-01T11:00:00.000Z'],
    ['20240301120000 -0530', '2024-03-01T17:30:00.000Z'],
    ['20240301120000 +01:00', '2024-03-01T11:00:00.000Z'],
    ['20240301120000', '2024-03-01T12:00:00.000Z'],
    ['202403011200', '2024-03-01T12:00:00.000Z'],
    ['20240301', '2024-03-01T00:00:00.000Z'],
    ['20240301120000Z', '2024-03-01T12:00:00.000Z'],
    ['  20240301120000 UTC ', '2024-03-01T12:00:00.000Z'],
  ])('%s', (input, iso) => {
    expect(new Date(parseXmltvTime(input) ?? NaN).toISOString()).toBe(iso);
  });

  it.each([[undefined], [''], ['yesterday'], ['20241301120000'], ['20240301250000'], ['2024030112000 +0000x']])('rejects %s', (input) => {
    expect(parseXmltvTime(input)).toBeNull();
  });
});

describe('formatXmltvTime', () => {
  it('writes UTC with an explicit zone', () => {
    expect(formatXmltvTime(Date.parse('2024-03-01T05:06:07Z'))).toBe('20240301050607 +0000');
  });

  it('round-trips', () => {
    const t = Date.parse('2031-12-31T23:59:59Z');
    expect(parseXmltvTime(formatXmltvTime(t))).toBe(t);
  });
});
