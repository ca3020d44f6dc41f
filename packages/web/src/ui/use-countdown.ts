// Seconds left of a wait the server asked for (Retry-After), ticking down once a second.
import { useEffect, useState } from 'react';

/**
 * Counts down from `seconds`, restarting whenever `restartKey` changes (pass the error object, so
 * a new 429 starts a new wait). Undefined when there is nothing to wait for.
 */
export function useCountdown(seconds: number | undefined, restartKey: unknown): number | undefined {
  const [left, setLeft] = useState(seconds);
  const [startedFor, setStartedFor] = useState<unknown>(restartKey);
  if (startedFor !== restartKey) {
    setStartedFor(restartKey);
    setLeft(seconds);
  }

  useEffect(() => {
    if (seconds === undefined || seconds <= 0) return;
    const deadline = Date.now() + seconds * 1000;
    const timer = window.setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [seconds, restartKey]);

  return left;
}
