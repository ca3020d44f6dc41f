// The development text-message outbox: texts the server would have sent, kept in the database outside
// production. The list answering 200 is also how the app knows to offer the page at all.
import { useQuery } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { isObject } from '../../ui/json-shape.ts';

export interface TextMessage {
  id: string;
  to: string;
  text: string;
  sentAt: string;
}

const outboxKey = ['dev-sms'] as const;

export function useSmsOutbox({ poll }: { poll: boolean }) {
  return useQuery({
    queryKey: outboxKey,
    queryFn: ({ signal }) => fetchOutbox(signal),
    refetchInterval: poll ? 3_000 : false,
    retry: false,
  });
}

/** True only when the server has a development text-message outbox; false in production and while unknown. */
export function useSmsOutboxAvailable(): boolean {
  const { data } = useQuery({
    queryKey: [...outboxKey, 'available'],
    queryFn: async ({ signal }) => {
      try {
        await fetchOutbox(signal);
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status !== 0) return false;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  return data === true;
}

async function fetchOutbox(signal: AbortSignal): Promise<TextMessage[]> {
  const body = await getJson('/api/dev/sms', { signal });
  if (!Array.isArray(body) || !body.every(isTextMessage)) throw malformedResponse('text-message outbox');
  return body as TextMessage[];
}

function isTextMessage(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['to'] === 'string' &&
    typeof value['text'] === 'string' &&
    typeof value['sentAt'] === 'string'
  );
}
