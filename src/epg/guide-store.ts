import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EpgMatch } from '../catalog/types.js';
import type { Logger } from '../log.js';
import { indexGuide, matchChannel, type GuideIndex } from './mapping.js';
import type { GuideChannel, Programme } from './xmltv-types.js';
import { writeFileAtomic } from './write-atomic.js';

/** One source's last good guide: every channel it declares, programmes only for the channels we carry. */
export interface GuideData {
  version: 1;
  fetchedAt: string;
  channels: GuideChannel[];
  /** Guide channel ids whose programmes were kept; a newly mapped channel outside it needs a refresh. */
  kept: string[];
  /** Sorted by start. */
  programmes: Record<string, Programme[]>;
}

export interface GuideStoreDeps {
  dir: string;
  log: Logger;
  /** Source ids in the user's order: earlier sources win a match. */
  sourceOrder: () => string[];
}

/** Guides live in DATA_DIR/guide/<sourceId>.json, outside db.json: they are big, rebuilt often, and disposable. */
export function createGuideStore({ dir, log, sourceOrder }: GuideStoreDeps) {
  const guides = new Map<string, { data: GuideData; index: GuideIndex }>();
  const fileOf = (sourceId: string) => join(dir, `${sourceId}.json`);
  const put = (sourceId: string, data: GuideData) => guides.set(sourceId, { data, index: indexGuide(sourceId, data.channels) });
  const indexes = () => sourceOrder().flatMap((id) => guides.get(id)?.index ?? []);

  return {
    /** Loads what is on disk; a damaged guide file is only a cache, so it is logged and ignored. */
    async load(known: string[]): Promise<void> {
      await mkdir(dir, { recursive: true });
      for (const name of await readdir(dir)) {
        const sourceId = name.replace(/\.json$/, '');
        if (!name.endsWith('.json') || !known.includes(sourceId)) continue;
        try {
          const data = JSON.parse(await readFile(join(dir, name), 'utf8')) as GuideData;
          if (data.version !== 1 || !Array.isArray(data.channels)) throw new Error('unknown format');
          put(sourceId, data);
        } catch (err) {
          log.warn({ err, file: join(dir, name) }, 'ignoring unreadable guide file; the next refresh rewrites it');
        }
      }
    },

    get: (sourceId: string) => guides.get(sourceId)?.data,

    async save(sourceId: string, data: GuideData): Promise<void> {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(fileOf(sourceId), JSON.stringify(data));
      put(sourceId, data);
    },

    async remove(sourceId: string): Promise<void> {
      guides.delete(sourceId);
      await rm(fileOf(sourceId), { force: true });
    },

    match: (channel: { name: string; tvgId: string | null }): EpgMatch | null => matchChannel(channel, indexes()),

    guideChannel: (m: EpgMatch) => guides.get(m.sourceId)?.index.byId.get(m.guideChannelId),

    programmes: (m: EpgMatch): Programme[] => guides.get(m.sourceId)?.data.programmes[m.guideChannelId] ?? [],

    channels: () => sourceOrder().flatMap((sourceId) => (guides.get(sourceId)?.data.channels ?? []).map((c) => ({ sourceId, ...c }))),
  };
}

export type GuideStore = ReturnType<typeof createGuideStore>;
