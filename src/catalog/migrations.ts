import { CURRENT_SCHEMA, type DbData } from './types.js';

/** `MIGRATIONS[n]` turns a version-n document into version n+1. Never edit one that has shipped. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: Record<number, Migration> = {};

export class SchemaError extends Error {}

/**
 * Brings a parsed db.json up to `target`. Refuses documents from a newer acehub (downgrades would lose
 * data) and anything that is not a catalog at all.
 */
export function migrate(raw: unknown, migrations = MIGRATIONS, target = CURRENT_SCHEMA): { data: DbData; from: number } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SchemaError('not a JSON object');
  let doc = raw as Record<string, unknown>;
  const from = doc.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) throw new SchemaError('missing or invalid schemaVersion');
  if (from > target) throw new SchemaError(`schemaVersion ${from} is newer than this acehub understands (${target})`);
  for (let v = from; v < target; v++) {
    const step = migrations[v];
    if (!step) throw new SchemaError(`no migration from schemaVersion ${v}`);
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  for (const key of ['channels', 'playlistSources', 'epgSources']) {
    if (!Array.isArray(doc[key])) throw new SchemaError(`"${key}" is not an array`);
  }
  return { data: doc as unknown as DbData, from };
}
