// The development mailbox: mail the server would have sent, kept in memory outside production. The
// list answering 200 is also how the app knows to offer the mailbox at all.
import { useQuery } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { isObject, isStringArray, isStringOrNull } from '../../ui/json-shape.ts';

export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  sentAt: string;
}

export interface MailMessage extends MailSummary {
  text: string;
  html: string | null;
  links: string[];
}

const mailboxKey = ['dev-mailbox'] as const;

export function useMailbox({ poll }: { poll: boolean }) {
  return useQuery({
    queryKey: mailboxKey,
    queryFn: ({ signal }) => fetchMailbox(signal),
    refetchInterval: poll ? 3_000 : false,
    retry: false,
  });
}

/** True only when the server has a development mailbox; false in production and while unknown. */
export function useMailboxAvailable(): boolean {
  const { data } = useQuery({
    queryKey: [...mailboxKey, 'available'],
    queryFn: async ({ signal }) => {
      try {
        await fetchMailbox(signal);
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

async function fetchMailbox(signal: AbortSignal): Promise<MailSummary[]> {
  const body = await getJson('/api/dev/mailbox', { signal });
  if (!Array.isArray(body) || !body.every(isMailSummary)) throw malformedResponse('mailbox');
  return (body as MailSummary[]).map((mail) => ({ ...mail, id: String(mail.id) }));
}

export function useMailMessage(id: string) {
  return useQuery({
    queryKey: [...mailboxKey, id],
    queryFn: async ({ signal }): Promise<MailMessage> => {
      const body = await getJson(`/api/dev/mailbox/${encodeURIComponent(id)}`, { signal });
      if (
        !isObject(body) ||
        !isMailSummary(body) ||
        typeof body['text'] !== 'string' ||
        !isStringOrNull(body['html'] ?? null)
      ) {
        throw malformedResponse('message');
      }
      return {
        id: String(body['id']),
        to: body['to'] as string,
        subject: body['subject'] as string,
        sentAt: body['sentAt'] as string,
        text: body['text'],
        html: typeof body['html'] === 'string' ? body['html'] : null,
        links: isStringArray(body['links']) ? body['links'] : [],
      };
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** Ids may come as numbers from an in-memory store; they are kept as strings here. */
function isMailSummary(value: unknown): boolean {
  return (
    isObject(value) &&
    (typeof value['id'] === 'string' || typeof value['id'] === 'number') &&
    typeof value['to'] === 'string' &&
    typeof value['subject'] === 'string' &&
    typeof value['sentAt'] === 'string'
  );
}
