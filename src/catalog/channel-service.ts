import { refKey, type ContentRef } from '../engine/content-ref.js';
import { AppError, notFound } from '../http/errors.js';
import type { M3uProblem } from './m3u-parse.js';
import type { ImportRow } from './m3u-import.js';
import type { ChannelFields } from './channel-input.js';
import { newId } from './ids.js';
import { foldText } from './fold-text.js';
import type { CatalogStore } from './store.js';
import type { Channel, DbData, EpgMatch } from './types.js';

export interface ImportResult {
  added: number;
  updated: number;
  skipped: M3uProblem[];
}

export interface ChannelServiceDeps {
  store: CatalogStore;
  /** Finds the guide channel for a catalog channel; the guide supplies it once it is built. */
  match: (channel: Channel) => EpgMatch | null;
}

export const channelRef = (c: Pick<Channel, 'contentId' | 'infohash'>): ContentRef =>
  c.contentId !== null ? { kind: 'content_id', id: c.contentId } : { kind: 'infohash', id: c.infohash ?? '' };

// One collator for every comparison: localeCompare with options builds one per call, the bulk of a sort.
const baseCollator = new Intl.Collator(undefined, { sensitivity: 'base' });
const byNumberThenName = (a: Channel, b: Channel) =>
  (a.number ?? Infinity) - (b.number ?? Infinity) || baseCollator.compare(a.name, b.name) || a.id.localeCompare(b.id);

const conflict = (existing: Channel) =>
  new AppError('DUPLICATE_CONTENT', `channel "${existing.name}" (${existing.id}) already plays this content`, 409, { existingId: existing.id });

function applyFields(channel: Channel, fields: Partial<ChannelFields>) {
  const { ref, ...rest } = fields;
  Object.assign(channel, rest);
  if (ref) {
    channel.contentId = ref.kind === 'content_id' ? ref.id : null;
    channel.infohash = ref.kind === 'infohash' ? ref.id : null;
  }
}

export function createChannelService({ store, match }: ChannelServiceDeps) {
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());

  const findRef = (data: DbData, ref: ContentRef) => data.channels.find((c) => refKey(channelRef(c)) === refKey(ref));

  // Every committed change replaces the channels array, so views built from one array stay valid until then.
  let view: { of: readonly Channel[]; sorted: Channel[]; byId: Map<string, Channel> } | null = null;
  const views = () => {
    const of = store.data().channels;
    if (view?.of !== of) view = { of, sorted: [...of].sort(byNumberThenName), byId: new Map(of.map((c) => [c.id, c])) };
    return view;
  };

  // Every channel gets a number, so the playlist's tvg-chno, the tuner's GuideNumber and what a user sees
  // in Kodi or Plex always agree; a channel created without one goes after the highest.
  const nextNumber = (data: DbData) => data.channels.reduce((max, c) => Math.max(max, c.number ?? 0), 0) + 1;

  function build(data: DbData, fields: ChannelFields, now: string, taken = (id: string) => data.channels.some((c) => c.id === id)): Channel {
    const channel: Channel = {
      id: newId(taken),
      name: fields.name, contentId: null, infohash: null, group: fields.group, logo: fields.logo, tvgId: fields.tvgId,
      number: fields.number ?? nextNumber(data), enabled: fields.enabled, epgMatch: null, createdAt: now, updatedAt: now,
    };
    applyFields(channel, { ref: fields.ref });
    channel.epgMatch = match(channel);
    return channel;
  }

  async function mutate<T>(change: (data: DbData, now: string) => T): Promise<T> {
    const result = await store.update((data) => change(data, new Date().toISOString()));
    changed();
    return result;
  }

  return {
    list(filter: { group?: string; q?: string; enabledOnly?: boolean } = {}): Channel[] {
      const q = filter.q ? foldText(filter.q) : '';
      return views().sorted.filter(
        (c) =>
          (!filter.enabledOnly || c.enabled) &&
          (filter.group === undefined || (c.group ?? '') === filter.group) &&
          (q === '' || [c.name, c.group ?? '', c.tvgId ?? ''].some((t) => foldText(t).includes(q))),
      );
    },

    get: (id: string): Channel | undefined => views().byId.get(id),

    /** Changes identity whenever the channels may have changed: the key for caches of what is rendered from them. */
    revision: (): object => store.data().channels,

    create: (fields: ChannelFields) =>
      mutate((data, now) => {
        const existing = findRef(data, fields.ref);
        if (existing) throw conflict(existing);
        const channel = build(data, fields, now);
        data.channels.push(channel);
        return channel;
      }),

    update: (id: string, fields: Partial<ChannelFields>) =>
      mutate((data, now) => {
        const channel = data.channels.find((c) => c.id === id);
        if (!channel) throw notFound(`channel ${id}`);
        const existing = fields.ref && findRef(data, fields.ref);
        if (existing && existing.id !== id) throw conflict(existing);
        applyFields(channel, fields);
        if (channel.number === null) channel.number = nextNumber(data);
        channel.epgMatch = match(channel);
        channel.updatedAt = now;
        return channel;
      }),

    remove: (id: string) =>
      mutate((data) => {
        const index = data.channels.findIndex((c) => c.id === id);
        if (index === -1) throw notFound(`channel ${id}`);
        data.channels.splice(index, 1);
      }),

    /** All rows in one write: either every row lands or none does. Matched by content id, never duplicated. */
    importRows: (rows: ImportRow[], skipped: M3uProblem[]): Promise<ImportResult> =>
      mutate((data, now) => {
        let added = 0;
        let updated = 0;
        const byRef = new Map(data.channels.map((c) => [refKey(channelRef(c)), c]));
        const ids = new Set(data.channels.map((c) => c.id));
        // Kept as we go: numbering each new channel by rescanning the catalog would be quadratic.
        let highest = nextNumber(data) - 1;
        for (const row of rows) {
          highest = Math.max(highest, row.number ?? 0);
          const existing = byRef.get(refKey(row.ref));
          if (existing) {
            if (row.name !== null) existing.name = row.name;
            for (const key of ['group', 'logo', 'tvgId', 'number'] as const) {
              if (row[key] !== null) (existing as Record<typeof key, unknown>)[key] = row[key];
            }
            existing.epgMatch = match(existing);
            existing.updatedAt = now;
            updated++;
          } else {
            const number = row.number ?? ++highest;
            const channel = build(data, { ...row, number, name: row.name ?? `Ace ${row.ref.id.slice(0, 8)}`, enabled: true }, now, (id) => ids.has(id));
            data.channels.push(channel);
            ids.add(channel.id);
            byRef.set(refKey(row.ref), channel);
            added++;
          }
        }
        return { added, updated, skipped };
      }),

    /** Recomputes every automatic guide match (after a guide refresh); writes only when one moved. */
    async rematch(): Promise<void> {
      const current = store.data().channels;
      if (current.every((c) => JSON.stringify(match(c)) === JSON.stringify(c.epgMatch))) return;
      await mutate((data) => {
        for (const c of data.channels) c.epgMatch = match(c);
      });
    },

    /** Called after any committed change (the guide re-checks what it must keep). */
    onChange(listener: () => void) {
      listeners.push(listener);
    },
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;
