// Entry point: Mantine theme and styles, notifications, the TanStack Query client, the router and
// the app. Any call answered 401 makes the session be checked again, so a session that expired or
// was signed out elsewhere sends the person to sign in instead of leaving a page half-working.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { sessionQueryKey } from './features/account/api.ts';
import { cssVariablesResolver, theme } from './theme.ts';
import { ApiError } from './ui/api-client.ts';

const recheckSessionOn401 = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) {
    void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  }
};

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 2_000 },
  },
  queryCache: new QueryCache({ onError: recheckSessionOn401 }),
  mutationCache: new MutationCache({ onError: recheckSessionOn401 }),
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
