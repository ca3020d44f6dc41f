// Single-use tokens from email links travel in the URL fragment (`#token=…`), which browsers never
// send to a server. The page reads the token once and removes it from the address bar and history.
import { useEffect, useState } from 'react';

export function readFragmentToken(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token === null || token.trim() === '' ? null : token.trim();
}

export function useFragmentToken(): string | null {
  const [token] = useState(() => readFragmentToken(window.location.hash));
  useEffect(() => {
    if (window.location.hash === '') return;
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);
  return token;
}
