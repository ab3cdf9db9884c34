import { ref } from 'vue';

const STORAGE_KEY = 'acehub.adminToken';

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the token lasts until the tab closes
  }
}

/** The admin token this browser sends with every call (ADMIN_TOKEN on the server), null when signed out. */
export const adminToken = ref<string | null>(stored());

/** True while the sign-in form is asked for: a write answered 401, or the user chose to sign in. */
export const signInWanted = ref(false);

let waiting: { promise: Promise<boolean>; resolve: (signedIn: boolean) => void } | null = null;

export function signIn(token: string): void {
  adminToken.value = token;
  try {
    localStorage.setItem(STORAGE_KEY, token);
  } catch {
    // kept in memory only
  }
  signInWanted.value = false;
  waiting?.resolve(true);
  waiting = null;
}

export function signOut(): void {
  adminToken.value = null;
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

/** The user closed the form without signing in: the calls waiting for it fail with their 401. */
export function cancelSignIn(): void {
  signInWanted.value = false;
  waiting?.resolve(false);
  waiting = null;
}

/** Opens the sign-in form; resolves true once signed in (the caller retries), false when cancelled. */
export function waitForSignIn(): Promise<boolean> {
  signInWanted.value = true;
  if (!waiting) {
    let resolve!: (signedIn: boolean) => void;
    const promise = new Promise<boolean>((r) => (resolve = r));
    waiting = { promise, resolve };
  }
  return waiting.promise;
}

/**
 * The `/k/<key>` part of the address the UI was opened at (ACCESS_KEY), '' without one. API calls and
 * stream URLs go through it, so the server writes links that carry the key.
 */
export function linkPrefix(pathname: string = typeof location === 'undefined' ? '/' : location.pathname): string {
  return /^(.*?\/k\/[^/]+)/.exec(pathname)?.[1] ?? '';
}
