import { describe, expect, it } from 'vitest';
import { migrate, SchemaError, type Migration } from './migrations.js';

const v1 = { schemaVersion: 1, channels: [], playlistSources: [], epgSources: [] };

describe('migrate', () => {
  it.each([
    ['an array', []],
    ['null', null],
    ['no version', { channels: [] }],
    ['a string version', { ...v1, schemaVersion: '1' }],
    ['a future version', { ...v1, schemaVersion: 99 }],
    ['channels not an array', { ...v1, channels: {} }],
  ])('refuses %s', (_name, doc) => {
    expect(() => migrate(doc)).toThrow(SchemaError);
  });

  it('accepts the current version unchanged', () => {
    expect(migrate(v1)).toEqual({ data: v1, from: 1 });
  });

  it('runs each step in order up to the target', () => {
    const steps: Record<number, Migration> = {
      1: (d) => ({ ...d, channels: [...(d.channels as string[]), 'from-1'] }),
      2: (d) => ({ ...d, channels: [...(d.channels as string[]), 'from-2'] }),
    };
    const { data, from } = migrate(v1, steps, 3);
    expect(from).toBe(1);
    expect(data.schemaVersion).toBe(3);
    expect(data.channels).toEqual(['from-1', 'from-2']);
  });

  it('names a missing step', () => {
    expect(() => migrate(v1, {}, 2)).toThrow(/no migration from schemaVersion 1/);
  });
});
