import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';

/** Temp file, fsync, rename: a reader (or a crash) sees the old file or the new one, never half of one. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
