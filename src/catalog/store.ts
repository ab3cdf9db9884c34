import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { AppError } from '../http/errors.js';
import type { Logger } from '../log.js';
import { migrate, SchemaError } from './migrations.js';
import { emptyDb, type DbData } from './types.js';

/** Thrown at start when db.json cannot be used; main prints the message and exits without touching the file. */
export class StartupError extends Error {
  readonly code = 'DB_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface CatalogStore {
  readonly file: string;
  /** The last committed state. Treat as read-only: change it through `update`. */
  data(): Readonly<DbData>;
  /**
   * Runs `change` on a copy and commits it only once the file is written, one update at a time. A throw
   * (a validation error, a failed write) leaves memory and disk as they were.
   */
  update<T>(change: (draft: DbData) => T): Promise<T>;
  flush(): Promise<void>;
}

export async function openCatalogStore(dataDir: string, log: Logger): Promise<CatalogStore> {
  const file = join(dataDir, 'db.json');
  // lowdb's file adapter writes through steno: temp file + rename, coalesced, so a crash never leaves half a file.
  const db = new Low<DbData>(new DataFile<DbData>(file, { parse: JSON.parse, stringify: (d) => `${JSON.stringify(d, null, 2)}\n` }), emptyDb());

  const text = await readText(file);
  if (text === null) {
    await mkdir(dataDir, { recursive: true });
    await db.write();
    log.info({ file }, 'created catalog database');
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new StartupError(`${file} is not valid JSON (${(err as Error).message}); fix or move it away, acehub will not overwrite it`);
    }
    try {
      const { data, from } = migrate(parsed);
      db.data = data;
      if (from !== data.schemaVersion) {
        await copyFile(file, `${file}.v${from}.bak`);
        await db.write();
        log.info({ file, from, to: data.schemaVersion }, 'migrated catalog database');
      }
    } catch (err) {
      if (err instanceof SchemaError) throw new StartupError(`${file} is not an acehub catalog: ${err.message}; acehub will not overwrite it`);
      throw err;
    }
  }

  let queue: Promise<unknown> = Promise.resolve();
  return {
    file,
    data: () => db.data,
    update<T>(change: (draft: DbData) => T): Promise<T> {
      const run = queue.then(async () => {
        const draft = structuredClone(db.data);
        const result = change(draft);
        try {
          await db.adapter.write(draft);
        } catch (err) {
          log.error({ err, file }, 'catalog write failed; the file and memory keep the last saved state');
          throw storageError(err);
        }
        db.data = draft;
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    flush: () => queue.then(() => undefined),
  };
}

/**
 * A failed save is the server's fault, but one the user can act on (free space, fix permissions): say so.
 * The write goes to a temp file first, so db.json itself is untouched.
 */
export function storageError(err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full'
    : code === 'EROFS' ? 'the data directory is read-only'
    : code === 'EACCES' || code === 'EPERM' ? 'no permission to write the data directory'
    : 'the data directory cannot be written';
  return new AppError('STORAGE_ERROR', `could not save the catalog: ${why}${code ? ` (${code})` : ''}; nothing was changed`, 500, {}, { expose: true, cause: err });
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StartupError(`cannot read ${file}: ${(err as Error).message}`);
  }
}
