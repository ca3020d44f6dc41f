// Picks the page for the current path and wraps it in the application shell. After an in-app
// navigation, focus moves to the new page's heading and the view scrolls to the top.
import { useEffect, useRef } from 'react';
import { routes } from './routes.ts';
import { AppFrame } from './ui/AppFrame.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { useLocation } from './ui/navigation.ts';
import { NotFoundPage } from './ui/NotFoundPage.tsx';
import { pageHeadingId } from './ui/PageHeader.tsx';

export function App() {
  const { pathname } = useLocation();
  const route = routes.find((candidate) => candidate.path === pathname);
  const Page = route?.page ?? NotFoundPage;
  usePageFocus(pathname);

  return (
    <AppFrame navItems={routes} currentPath={pathname}>
      <ErrorBoundary resetKey={pathname}>
        <Page />
      </ErrorBoundary>
    </AppFrame>
  );
}

function usePageFocus(pathname: string): void {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    window.scrollTo({ top: 0 });
    document.getElementById(pageHeadingId)?.focus({ preventScroll: true });
  }, [pathname]);
}
