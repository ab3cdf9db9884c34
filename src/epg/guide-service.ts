import { cleanName } from '../catalog/m3u-write.js';
import { effectiveTvgId } from '../catalog/channel-view.js';
import type { ChannelService } from '../catalog/channel-service.js';
import { remoteBytes, type RemoteLimits } from '../catalog/fetch-remote.js';
import { newId } from '../catalog/ids.js';
import type { CatalogStore } from '../catalog/store.js';
import type { EpgSource } from '../catalog/types.js';
import { AppError, notFound } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { GuideStore } from './guide-store.js';
import { catalogWants } from './mapping.js';
import { guideInvalid, readXmltv } from './xmltv-read.js';
import type { GuideChannel, Programme } from './xmltv-types.js';
import { writeXmltv, type XmltvChannelOut, type XmltvProgrammeOut } from './xmltv-write.js';

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
  const inWindow = (p: Programme, w: { from: number; to: number }) => (p.stop ?? p.start) >= w.from && p.start <= w.to;
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
    const programmes = new Map<string, Programme[]>();
    let count = 0;
    const startedAt = new Date(now()).toISOString();
    try {
      await readXmltv(remoteBytes(url, { ...limits, signal: abort.signal }), {
        onChannel(c) {
          found.push(c);
          if (wants.channel(c)) kept.add(c.id);
        },
        wantProgramme: (gid, start, stop) => (kept.has(gid) || wants.byId(gid)) && inWindow({ start, stop } as Programme, w),
        onProgramme(gid, p) {
          if (++count > MAX_KEPT_PROGRAMMES) throw guideInvalid(`more than ${MAX_KEPT_PROGRAMMES} programmes for catalog channels`);
          kept.add(gid);
          const list = programmes.get(gid) ?? [];
          list.push(p);
          programmes.set(gid, list);
        },
      });
      for (const list of programmes.values()) list.sort((a, b) => a.start - b.start);
      await guides.save(id, { version: 1, fetchedAt: startedAt, channels: found, kept: [...kept], programmes: Object.fromEntries(programmes) });
    } catch (err) {
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
      if (!m || rescans.has(m.sourceId) || abort.signal.aborted || guides.get(m.sourceId)?.kept.includes(m.guideChannelId) !== false) continue;
      const timer = setTimeout(() => {
        refresh(m.sourceId).catch(() => undefined).finally(() => rescans.delete(m.sourceId));
      }, rescanDelayMs);
      rescans.set(m.sourceId, timer.unref());
    }
  });

  const programmesOf = (channelId: string): Programme[] => {
    const m = channels.get(channelId)?.epgMatch;
    return m ? guides.programmes(m) : [];
  };

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
    /** Refreshes every source last refreshed longer ago than `maxAgeMs`; failures are recorded, not thrown. */
    async refreshDue(maxAgeMs: number): Promise<void> {
      for (const s of store.data().epgSources) {
        if (s.lastRefreshAt !== null && now() - Date.parse(s.lastRefreshAt) < maxAgeMs) continue;
        await refresh(s.id).catch(() => undefined);
      }
    },

    nowNext(channelId: string, at = now()): { now: Programme | null; next: Programme | null } {
      const list = programmesOf(channelId);
      const i = list.findIndex((p) => p.start > at);
      const next = i === -1 ? null : (list[i] ?? null);
      const prev = list[(i === -1 ? list.length : i) - 1];
      const current = prev && (prev.stop ?? next?.start ?? Infinity) > at ? prev : null;
      return { now: current, next };
    },

    /** The guide as served: one <channel> per enabled channel (first of a shared tvg-id), then its programmes. */
    xmltv(): Generator<string> {
      const w = windowAt(now());
      const seen = new Set<string>();
      const unique = channels.list({ enabledOnly: true }).filter((c) => !seen.has(effectiveTvgId(c)) && seen.add(effectiveTvgId(c)));
      const out: XmltvChannelOut[] = unique.map((c) => ({
        id: effectiveTvgId(c),
        displayName: cleanName(c.name),
        icon: c.logo ?? (c.epgMatch ? (guides.guideChannel(c.epgMatch)?.icon ?? null) : null),
      }));
      function* programmes(): Generator<XmltvProgrammeOut> {
        for (const c of unique) {
          for (const programme of programmesOf(c.id)) if (inWindow(programme, w)) yield { channel: effectiveTvgId(c), programme };
        }
      }
      return writeXmltv(out, programmes());
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
