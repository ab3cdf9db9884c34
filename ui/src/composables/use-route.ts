import { computed, onScopeDispose, ref } from 'vue';

export const PAGES = ['channels', 'player', 'sessions', 'guide', 'setup'] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  page: Page;
  params: URLSearchParams;
}

/** `#/player?channel=abc` → {page: 'player', params}; anything unknown is the channel list. */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const page = (PAGES as readonly string[]).includes(path) ? (path as Page) : 'channels';
  return { page, params: new URLSearchParams(query) };
}

export function hrefOf(page: Page, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}

/** A hand-made hash router: the current route, and navigation that the browser's back button undoes. */
export function useRoute() {
  const hash = ref(location.hash);
  const onChange = () => (hash.value = location.hash);
  window.addEventListener('hashchange', onChange);
  onScopeDispose(() => window.removeEventListener('hashchange', onChange));
  const route = computed(() => parseHash(hash.value));
  return {
    route,
    navigate(page: Page, params: Record<string, string> = {}) {
      location.hash = hrefOf(page, params);
      hash.value = location.hash;
    },
  };
}
