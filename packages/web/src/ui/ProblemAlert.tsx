// An API failure shown to a person: the server's `detail` sentence, or for 429 how long to wait,
// counting down. The alert is announced once when it appears; the ticking number is not re-read.
import { Alert, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from './api-client.ts';
import { AlertIcon } from './icons.tsx';
import { useCountdown } from './use-countdown.ts';

export interface ProblemAlertProps {
  error: Error | null;
  /** Heading of the alert; the server's title when absent. */
  title?: string;
  /** Extra content under the message, such as a way forward. */
  children?: ReactNode;
}

export function ProblemAlert({ error, title, children }: ProblemAlertProps) {
  if (error === null) return null;
  if (error instanceof ApiError && error.status === 429) {
    return (
      <RateLimitAlert error={error} title={title}>
        {children}
      </RateLimitAlert>
    );
  }
  const heading = title ?? (error instanceof ApiError ? error.title : 'Something went wrong');
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} title={heading}>
      <Text size="sm">{error.message}</Text>
      {children}
    </Alert>
  );
}

function RateLimitAlert({
  error,
  title,
  children,
}: {
  error: ApiError;
  title: string | undefined;
  children: ReactNode;
}) {
  const left = useCountdown(error.retryAfterSeconds, error);
  const sentence = (seconds: number | undefined) =>
    seconds === undefined
      ? 'Too many attempts, try again in a little while.'
      : seconds === 0
        ? 'You can try again now.'
        : `Too many attempts, try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} title={title ?? 'Too many attempts'}>
      <Text size="sm" aria-hidden="true">
        {sentence(left)}
      </Text>
      <VisuallyHidden>{sentence(error.retryAfterSeconds)}</VisuallyHidden>
      {children}
    </Alert>
  );
}

/** True while a 429's wait is still running, to keep a submit button disabled. */
export function useRateLimited(error: Error | null): boolean {
  const apiError = error instanceof ApiError && error.status === 429 ? error : null;
  const left = useCountdown(apiError?.retryAfterSeconds, apiError);
  return apiError !== null && left !== undefined && left > 0;
}
