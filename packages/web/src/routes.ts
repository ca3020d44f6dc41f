// The app's pages, in navigation order. Paths are plain (history API); the server falls back to
// index.html for any path it does not serve itself.
import type { ComponentType } from 'react';
import { StatusPage } from './features/status/StatusPage.tsx';
import { VerifyPage } from './features/verify/VerifyPage.tsx';

export interface AppRoute {
  path: string;
  label: string;
  page: ComponentType;
}

export const routes: readonly AppRoute[] = [
  { path: '/', label: 'Status', page: StatusPage },
  { path: '/verify', label: 'Verify a record', page: VerifyPage },
];
