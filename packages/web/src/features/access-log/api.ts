// Who saw my record (GET /api/access-log): every read, write, refusal, consent step, emergency access
// and export on the signed-in person's record, newest first.
import { useQuery } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { isObject } from '../../ui/json-shape.ts';
import { parseAccessEvent, type AccessEvent } from './access-event.ts';

export const accessLogCsvPath = '/api/access-log.csv';

export function useAccessLog() {
  return useQuery({
    queryKey: ['access-log'],
    queryFn: async ({ signal }): Promise<AccessEvent[]> => {
      const body = await getJson('/api/access-log', { signal });
      const list = isObject(body) ? body['events'] : undefined;
      if (!Array.isArray(list)) throw malformedResponse('access log');
      const events = list.map(parseAccessEvent);
      if (events.some((event) => event === null)) throw malformedResponse('access log');
      return events as AccessEvent[];
    },
    staleTime: 10_000,
    retry: (failures, error) => !(error instanceof ApiError && error.isClientError) && failures < 2,
  });
}
