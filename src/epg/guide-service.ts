import { cleanName } from '../catalog/m3u-write.js';
import { effectiveTvgId } from '../catalog/channel-view.js';
import type { ChannelService } from '../catalog/channel-service.js';
import { remoteBytes, type RemoteLimits } from '../catalog/fetch-remote.js';
import { newId } from '../catalog/ids.js';
import type { CatalogStore } from '../catalog/store.js';
import type { EpgSource } from '../catalog/types.js';
import { AppError, notFound } from '../http/errors.js';
import type { Logger } from '../log.js';
import { exportXmltv } from './guide-export.js';
import type { GuideStore } from './guide-store.js';
import { catalogWants } from './mapping.js';
import { guideInvalid, readXmltv } from './xmltv-read.js';
import type { GuideChannel, Programme } from './xmltv-types.js';
import { programmeBody } from './xmltv-write.js';

export interface GuideServiceDeps {
  store: CatalogStore;
  guides: GuideStore;
  channels: ChannelService;
  log: Logger;
  epgDays: number;
  limits: Omit<RemoteLimits, 'signal'>;
  /** Delay before refreshing a source whose programmes were not kept for a newly mapped channel. */
  rescanDelayMs?: number;
  now?: () => number;
}

const HOUR = 3_600_000;
const MAX_KEPT_PROGRAMMES = 1_000_000;

/** Guide sources, their refresh, and the guide as served: now/next and the XMLTV document. */
export function createGuideService({ store, guides, channels, log, epgDays, limits, rescanDelayMs = 10_000, now = Date.now }: GuideServiceDeps) {
  const inFlight = new Map<string, Promise<EpgSource>>();
  const rescans = new Map<string, NodeJS.Timeout>();
  const abort = new AbortController();
  const windowAt = (t: number) => ({ from: t - 12 * HOUR, to: t + epgDays * 24 * HOUR });
  const inWindow = (start: number, stop: number | null, w: { from: number; to: number }) => (stop ?? start) >= w.from && start <= w.to;
  const source = (id: string) => store.data().epgSources.find((s) => s.id === id);

  const record = (id: string, change: (s: EpgSource) => void) =>
    store.update((data) => {
      const s = data.epgSources.find((x) => x.id === id);
      if (s) change(s);
      return s;
    });

  async function run(id: string, url: string): Promise<EpgSource> {
    const w = windowAt(now());
    const wants = catalogWants(channels.list());
    const found: GuideChannel[] = [];
    const kept = new Set<string>();
    let count = 0;
    const startedAt = new Date(now()).toISOString();
    let spool: Awaited<ReturnType<GuideStore['spool']>> | undefined;
    try {
      // Kept programmes go to disk as they are read, already written as XML (see guide-spool.ts).
      const into = (spool = await guides.spool(id));
      await readXmltv(remoteBytes(url, { ...limits, signal: abort.signal }), {
        onChannel(c) {
          found.push(c);
          if (wants.channel(c)) kept.add(c.id);
        },
        wantProgramme: (gid, start, stop) => (kept.has(gid) || wants.byId(gid)) && inWindow(start, stop, w),
        onProgramme(gid, p) {
          if (++count > MAX_KEPT_PROGRAMMES) throw guideInvalid(`more than ${MAX_KEPT_PROGRAMMES} programmes for catalog channels`);
          kept.add(gid);
          into.add(gid, p.start, p.stop, programmeBody(p));
        },
        flush: () => into.flush(),
      });
      await guides.save(id, { fetchedAt: startedAt, channels: found, kept: [...kept] }, into);
    } catch (err) {
      await spool?.discard();
      log.warn({ err, sourceId: id, url }, 'guide refresh failed; keeping the last good guide');
      await record(id, (s) => Object.assign(s, { lastRefreshAt: startedAt, lastResult: 'error', lastError: (err as Error).message }));
      throw err;
    }
    const saved = await record(id, (s) =>
      Object.assign(s, { lastRefreshAt: startedAt, lastSuccessAt: startedAt, lastResult: 'ok', lastError: null, channelCount: found.length, programmeCount: count }),
    );
    log.info({ sourceId: id, channels: found.length, programmes: count }, 'guide refreshed');
    await channels.rematch();
    return saved ?? (source(id) as EpgSource);
  }

  function refresh(id: string): Promise<EpgSource> {
    const s = source(id);
    if (!s) return Promise.reject(notFound(`guide source ${id}`));
    const running = inFlight.get(id) ?? run(id, s.url).finally(() => inFlight.delete(id));
    inFlight.set(id, running);
    return running;
  }

  // A channel added after a refresh may map to a guide channel whose programmes were not kept.
  channels.onChange(() => {
    for (const c of channels.list()) {
      const m = c.epgMatch;
      if (!m || rescans.has(m.sourceId) || abort.signal.aborted || guides.keeps(m) !== false) continue;
      const timer = setTimeout(() => {
        refresh(m.sourceId).catch(() => undefined).finally(() => rescans.delete(m.sourceId));
      }, rescanDelayMs);
      rescans.set(m.sourceId, timer.unref());
    }
  });

  return {
    refresh,
    source,
    list: () => store.data().epgSources,

    /** Saves the source, then fetches it once; a failed first fetch is recorded on the source, not thrown. */
    async add(url: string): Promise<EpgSource> {
      const created = await store.update((data) => {
        if (data.epgSources.some((s) => s.url === url)) throw new AppError('DUPLICATE_SOURCE', `${url} is already a guide source`, 409);
        const s: EpgSource = {
          id: newId((id) => data.epgSources.some((x) => x.id === id)), url, createdAt: new Date(now()).toISOString(),
          lastRefreshAt: null, lastResult: null, lastError: null, lastSuccessAt: null, channelCount: 0, programmeCount: 0,
        };
        data.epgSources.push(s);
        return s;
      });
      return refresh(created.id).catch(() => source(created.id) ?? created);
    },

    async remove(id: string): Promise<void> {
      await store.update((data) => {
        const index = data.epgSources.findIndex((s) => s.id === id);
        if (index === -1) throw notFound(`guide source ${id}`);
        data.epgSources.splice(index, 1);
      });
      await inFlight.get(id)?.catch(() => undefined);
      await guides.remove(id);
      await channels.rematch();
    },
    /**
     * Refreshes every source last refreshed longer ago than `maxAgeMs`, and any whose last good guide is gone
     * (a guide file from an older version is dropped at start); failures are recorded, not thrown.
     */
    async refreshDue(maxAgeMs: number): Promise<void> {
      for (const s of store.data().epgSources) {
        const lost = s.lastResult === 'ok' && !guides.has(s.id);
        if (!lost && s.lastRefreshAt !== null && now() - Date.parse(s.lastRefreshAt) < maxAgeMs) continue;
        await refresh(s.id).catch(() => undefined);
      }
    },

    nowNext(channelId: string, at = now()): { now: Programme | null; next: Programme | null } {
      const m = channels.get(channelId)?.epgMatch;
      const file = m ? guides.file(m.sourceId) : undefined;
      const block = m && file?.block(m.guideChannelId);
      return file && block ? file.nowNext(block, at) : { now: null, next: null };
    },

    /** The guide as served: one <channel> per enabled channel (first of a shared tvg-id), then its programmes. */
    xmltv(): AsyncGenerator<Buffer> {
      const seen = new Set<string>();
      const unique = channels.list({ enabledOnly: true }).filter((c) => !seen.has(effectiveTvgId(c)) && seen.add(effectiveTvgId(c)));
      const out = unique.map((c) => ({
        channel: {
          id: effectiveTvgId(c),
          displayName: cleanName(c.name),
          icon: c.logo ?? (c.epgMatch ? (guides.guideChannel(c.epgMatch)?.icon ?? null) : null),
        },
        match: c.epgMatch,
      }));
      return exportXmltv(out, guides.file, windowAt(now()));
    },

    close(): void {
      abort.abort();
      for (const timer of rescans.values()) clearTimeout(timer);
      rescans.clear();
    },

    idle: () => Promise.allSettled([...inFlight.values()]).then(() => undefined),
  };
}

export type GuideService = ReturnType<typeof createGuideService>;
