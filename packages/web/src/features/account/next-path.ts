// The `next` parameter carries where to go after signing in. Only paths inside this app are
// followed, so a crafted link cannot send someone to another site after they sign in.

export function safeNextPath(next: string | null, fallback = '/home'): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return fallback;
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return fallback;
    return url.pathname + url.search;
  } catch {
    return fallback;
  }
}

/** `path?next=…`, leaving `next` out when it would just lead home. */
export function withNext(path: string, next: string): string {
  if (next === '' || next === '/' || next === '/home') return path;
  return `${path}?${new URLSearchParams({ next }).toString()}`;
}
