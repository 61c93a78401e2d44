/**
 * The read key of the dashboard session: kept in sessionStorage (gone when the tab closes), taken
 * from a login link `#key=<key>` (the fragment never reaches the server or its logs) or from the
 * login form. The fragment is stripped from the address bar and history at once.
 */

const STORAGE_KEY = 'modelwatch.apiKey';

/** The key in a fragment like `#key=mw_…` (optionally followed by `&…`), else undefined. */
export function keyFromHash(hash: string): string | undefined {
  const m = /^#?key=([^&]+)/.exec(hash);
  if (m === null) return undefined;
  const key = decodeURIComponent(m[1] as string).trim();
  return key === '' ? undefined : key;
}

export function storedKey(storage: Storage = sessionStorage): string | undefined {
  return storage.getItem(STORAGE_KEY) ?? undefined;
}

export function storeKey(key: string, storage: Storage = sessionStorage): void {
  storage.setItem(STORAGE_KEY, key);
}

export function forgetKey(storage: Storage = sessionStorage): void {
  storage.removeItem(STORAGE_KEY);
}

/**
 * Takes a login link's key out of the address bar: stores it and replaces the fragment with the
 * default view (history.replaceState, so Back does not bring the key back). Returns the key.
 */
export function adoptKeyFromLocation(): string | undefined {
  const key = keyFromHash(location.hash);
  if (key === undefined) return undefined;
  storeKey(key);
  history.replaceState(null, '', `${location.pathname}${location.search}#/executive`);
  return key;
}
