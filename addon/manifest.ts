import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';

/** The top-level manifest.json as written; `catalogs` is filled from the channel groups on every request. */
export interface AddonManifest {
  id: string;
  version: string;
  name: string;
  description: string;
  resources: string[];
  types: string[];
  idPrefixes: string[];
  catalogs: CatalogDescriptor[];
  behaviorHints: Record<string, boolean>;
  [key: string]: unknown;
}

export interface CatalogDescriptor {
  type: 'tv';
  id: string;
  name: string;
  extra: { name: string; isRequired: boolean }[];
  /** The older form of `extra` that some clients still read. */
  extraSupported: string[];
}

export const ALL_CATALOG_ID = 'acehub-all';
export const PAGE_SIZE = 100;

export function readManifestFile(root = packageRoot()): AddonManifest {
  return JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as AddonManifest;
}

/**
 * A catalog id must survive a URL path whatever the group is called: a readable slug plus a hash of the
 * exact name, so "Sport" and "Sport!" stay apart.
 */
export function groupCatalogId(group: string): string {
  const slug = group.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  const hash = createHash('sha1').update(group).digest('hex').slice(0, 8);
  return `acehub-g-${slug ? `${slug}-` : ''}${hash}`;
}

const catalog = (id: string, name: string): CatalogDescriptor => ({
  type: 'tv',
  id,
  name,
  extra: [{ name: 'search', isRequired: false }, { name: 'skip', isRequired: false }],
  extraSupported: ['search', 'skip'],
});

/** "All" first, then one catalog per group in name order. */
export function catalogsFor(groups: Iterable<string>): CatalogDescriptor[] {
  const sorted = [...new Set(groups)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  return [catalog(ALL_CATALOG_ID, 'All channels'), ...sorted.map((g) => catalog(groupCatalogId(g), g))];
}

export function buildManifest(template: AddonManifest, groups: Iterable<string>): AddonManifest {
  return { ...template, catalogs: catalogsFor(groups) };
}

/** The group a catalog id stands for: null for "All", undefined when no current group has that id. */
export function catalogGroup(catalogId: string, groups: Iterable<string>): string | null | undefined {
  if (catalogId === ALL_CATALOG_ID) return null;
  for (const g of groups) if (groupCatalogId(g) === catalogId) return g;
  return undefined;
}

/** Reads the path form of catalog extras (`search=news&skip=100`), before any decoding. */
export function parseExtra(raw: string | undefined): { search?: string; skip: number } {
  const params = new URLSearchParams((raw ?? '').replace(/\+/g, '%2B'));
  const search = params.get('search')?.trim();
  const skip = Number(params.get('skip') ?? 0);
  return { ...(search ? { search } : {}), skip: Number.isSafeInteger(skip) && skip > 0 ? skip : 0 };
}
