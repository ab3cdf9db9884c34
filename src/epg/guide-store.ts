import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EpgMatch } from '../catalog/types.js';
import type { Logger } from '../log.js';
import { openGuideFile, type GuideFile } from './guide-file.js';
import { createGuideSpool, type GuideLayout } from './guide-spool.js';
import { indexGuide, matchChannel, type GuideIndex } from './mapping.js';
import type { GuideChannel } from './xmltv-types.js';
import { writeFileAtomic } from './write-atomic.js';

/** One source's last good guide, as `<sourceId>.json`; its programmes are in the data file it names. */
export interface GuideMeta {
  version: 2;
  fetchedAt: string;
  /** Every channel the guide declares (small: ids, display-names, icons). */
  channels: GuideChannel[];
  /** Guide channel ids whose programmes were kept; a newly mapped channel outside it needs a refresh. */
  kept: string[];
  /** `<sourceId>.<random>.guide` in the same directory. */
  file: string;
  layout: GuideLayout;
}

export interface GuideStoreDeps {
  dir: string;
  log: Logger;
  /** Source ids in the user's order: earlier sources win a match. */
  sourceOrder: () => string[];
}

type GuideSpool = ReturnType<typeof createGuideSpool> & { file: string };

/**
 * Guides live in DATA_DIR/guide/, outside db.json: they are big, rebuilt often, and disposable. In memory: the
 * channel lists (for matching) and each data file's index; the programmes stay on disk (README: "Guide files").
 */
export function createGuideStore({ dir, log, sourceOrder }: GuideStoreDeps) {
  const guides = new Map<string, { meta: GuideMeta; index: GuideIndex; kept: Set<string>; file: GuideFile }>();
  const metaOf = (sourceId: string) => join(dir, `${sourceId}.json`);
  const indexes = () => sourceOrder().flatMap((id) => guides.get(id)?.index ?? []);

  function put(sourceId: string, meta: GuideMeta, file: GuideFile) {
    const old = guides.get(sourceId);
    guides.set(sourceId, { meta, index: indexGuide(sourceId, meta.channels), kept: new Set(meta.kept), file });
    if (old) retire(old.file);
  }

  // Unlinking is safe while an export still reads the file: the open handle keeps the data until it is closed.
  function retire(file: GuideFile) {
    file.retire();
    rm(file.path, { force: true }).catch((err: unknown) => log.warn({ err, file: file.path }, 'could not remove an old guide file'));
  }

  return {
    /** Loads what is on disk; a damaged or outdated guide is only a cache: logged, removed, refetched. */
    async load(known: string[]): Promise<void> {
      await mkdir(dir, { recursive: true });
      const names = await readdir(dir);
      for (const name of names) {
        const sourceId = name.replace(/\.json$/, '');
        if (!name.endsWith('.json') || !known.includes(sourceId)) continue;
        try {
          const meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as GuideMeta;
          // Version 1 kept every programme inside this JSON file; it is dropped and the source refetched.
          if (meta.version !== 2 || !Array.isArray(meta.channels) || typeof meta.file !== 'string') throw new Error('unknown or outdated format');
          put(sourceId, meta, await openGuideFile(join(dir, basename(meta.file)), meta.layout));
        } catch (err) {
          log.warn({ err, file: join(dir, name) }, 'ignoring unreadable guide file; the next refresh rewrites it');
          await rm(join(dir, name), { force: true });
        }
      }
      // Data files no guide names (a refresh interrupted by a crash, a replaced guide) are left-overs.
      const used = new Set([...guides.values()].map((g) => basename(g.file.path)));
      for (const name of names) {
        const owner = name.split('.')[0] ?? '';
        if (/\.guide(\.tmp|\.spool)?$/.test(name) && known.includes(owner) && !used.has(name)) await rm(join(dir, name), { force: true });
      }
    },

    has: (sourceId: string) => guides.has(sourceId),

    /** Where a refresh writes its programmes; save() it when the whole guide was read, else discard() it. */
    async spool(sourceId: string): Promise<GuideSpool> {
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${sourceId}.${randomBytes(4).toString('hex')}.guide`);
      return Object.assign(createGuideSpool(file), { file });
    },

    /** Finishes the data file, then switches to it by rewriting the small JSON file (atomically). */
    async save(sourceId: string, guide: Pick<GuideMeta, 'fetchedAt' | 'channels' | 'kept'>, spool: GuideSpool): Promise<void> {
      const { layout, index } = await spool.finish();
      const meta: GuideMeta = { version: 2, ...guide, file: basename(spool.file), layout };
      let file: GuideFile | null = null;
      try {
        file = await openGuideFile(spool.file, layout, index);
        await writeFileAtomic(metaOf(sourceId), JSON.stringify(meta));
      } catch (err) {
        if (file) file.retire();
        await rm(spool.file, { force: true });
        throw err;
      }
      put(sourceId, meta, file);
    },

    async remove(sourceId: string): Promise<void> {
      const old = guides.get(sourceId);
      guides.delete(sourceId);
      if (old) retire(old.file);
      await rm(metaOf(sourceId), { force: true });
    },

    match: (channel: { name: string; tvgId: string | null }): EpgMatch | null => matchChannel(channel, indexes()),

    guideChannel: (m: EpgMatch) => guides.get(m.sourceId)?.index.byId.get(m.guideChannelId),

    /** Were this guide channel's programmes kept? undefined when the source has no guide yet. */
    keeps: (m: EpgMatch): boolean | undefined => guides.get(m.sourceId)?.kept.has(m.guideChannelId),

    file: (sourceId: string): GuideFile | undefined => guides.get(sourceId)?.file,

    channels: () => sourceOrder().flatMap((sourceId) => (guides.get(sourceId)?.meta.channels ?? []).map((c) => ({ sourceId, ...c }))),

    /** Closes the data files (their contents stay on disk). */
    close(): void {
      for (const g of guides.values()) g.file.retire();
      guides.clear();
    },
  };
}

export type GuideStore = ReturnType<typeof createGuideStore>;
