// A minimal client-side router on the History API: the app has only a handful of pages, and the
// API server answers every unknown path with index.html, so plain paths and ?query work as links.
import { useMemo, useSyncExternalStore, type MouseEvent } from 'react';

const navigateEvent = 'medconnect:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(navigateEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(navigateEvent, onChange);
  };
}

const currentHref = () => window.location.pathname + window.location.search;

export interface AppLocation {
  /** Path without a trailing slash, `/` for the home page. */
  pathname: string;
  searchParams: URLSearchParams;
  /** Path and query together; changes whenever either does. */
  href: string;
}

export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, currentHref);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    return { pathname, searchParams: url.searchParams, href };
  }, [href]);
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(navigateEvent));
}

/**
 * Props for an anchor that navigates inside the app. A modified click (new tab, new window)
 * is left to the browser, so links keep behaving like links.
 */
export function linkProps(to: string, onNavigate?: () => void) {
  return {
    href: to,
    onClick(event: MouseEvent<HTMLAnchorElement>) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(to);
      onNavigate?.();
    },
  };
}
