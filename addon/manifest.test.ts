import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/package-root.js';
import { ALL_CATALOG_ID, buildManifest, catalogGroup, catalogsFor, groupCatalogId, parseExtra, readManifestFile } from './manifest.js';

const pkg = JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string };

describe('the manifest.json file', () => {
  const file = readManifestFile();

  it("has package.json's version (bump both together)", () => {
    expect(file.version).toBe(pkg.version);
  });

  it('declares a p2p tv add-on with catalog, meta and stream for our ids', () => {
    expect(file).toMatchObject({ resources: ['catalog', 'meta', 'stream'], types: ['tv'], idPrefixes: ['acehub:'], behaviorHints: { p2p: true } });
    expect(file.id).toMatch(/^[a-z0-9.]+$/);
    expect(file.name).toBeTruthy();
    expect(file.description).toBeTruthy();
  });
});

describe('catalogs from channel groups', () => {
  it('lists "All" first, then each group once in name order, each with a search extra', () => {
    const catalogs = catalogsFor(['Sport', 'movies', 'Sport', 'News']);
    expect(catalogs.map((c) => c.name)).toEqual(['All channels', 'movies', 'News', 'Sport']);
    expect(catalogs[0]!.id).toBe(ALL_CATALOG_ID);
    for (const c of catalogs) {
      expect(c.type).toBe('tv');
      expect(c.extra).toContainEqual({ name: 'search', isRequired: false });
      expect(c.extraSupported).toContain('search');
    }
  });

  it('fills catalogs without touching the rest of the template', () => {
    const template = readManifestFile();
    const built = buildManifest(template, ['News']);
    expect(built).toEqual({ ...template, catalogs: catalogsFor(['News']) });
    expect(template.catalogs).toEqual([]);
  });

  it.each([
    { group: 'Sport', pattern: /^acehub-g-sport-[0-9a-f]{8}$/ },
    { group: 'Télé à la carte', pattern: /^acehub-g-tele-a-la-carte-[0-9a-f]{8}$/ },
    { group: '体育', pattern: /^acehub-g-[0-9a-f]{8}$/ },
    { group: 'a/b?c#d.json', pattern: /^acehub-g-a-b-c-d-json-[0-9a-f]{8}$/ },
  ])('gives "$group" a URL-safe id', ({ group, pattern }) => {
    expect(groupCatalogId(group)).toMatch(pattern);
  });

  it('keeps groups that slug alike apart and finds each by its id', () => {
    const groups = ['Sport', 'Sport!', 'sport'];
    expect(new Set(groups.map(groupCatalogId)).size).toBe(3);
    for (const g of groups) expect(catalogGroup(groupCatalogId(g), groups)).toBe(g);
    expect(catalogGroup(ALL_CATALOG_ID, groups)).toBeNull();
    expect(catalogGroup('acehub-g-gone-00000000', groups)).toBeUndefined();
  });
});

describe('catalog extras in the path', () => {
  it.each([
    { raw: undefined, expected: { skip: 0 } },
    { raw: 'search=news', expected: { search: 'news', skip: 0 } },
    { raw: 'search=t%C3%A9l%C3%A9%20news&skip=100', expected: { search: 'télé news', skip: 100 } },
    { raw: 'search=a%26b', expected: { search: 'a&b', skip: 0 } },
    { raw: 'search=a+b', expected: { search: 'a+b', skip: 0 } },
    { raw: 'search=%20%20', expected: { skip: 0 } },
    { raw: 'skip=-5', expected: { skip: 0 } },
    { raw: 'skip=abc', expected: { skip: 0 } },
  ])('$raw', ({ raw, expected }) => {
    expect(parseExtra(raw)).toEqual(expected);
  });
});
