// Outgoing text messages. No SMS provider is configured in this codebase: every message lands in the
// development outbox (the `sms_messages` table, readable at /api/dev/sms outside production). A
// provider (an HTTP gateway, say) plugs in inside `deliver`, behind the same `send`. Callers send
// after their transaction commits; a failure is logged, never thrown, and the person can ask again.
// Logs name the message and the last digits of the number, never its text: texts carry codes.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import { smsMessages } from '../../db/schema.ts';

export type SmsMessage = { to: string; text: string };

export type SmsSender = ReturnType<typeof createSmsSender>;

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** `+91••••••3210`: enough for an operator to tell numbers apart, not enough to call anyone. */
export const maskedNumber = (phone: string) => `${phone.slice(0, 3)}••••${phone.slice(-4)}`;

export function createSmsSender({ db, log }: { db: Database; log: Logger }) {
  const pending = new Set<Promise<void>>();

  async function deliver(message: SmsMessage): Promise<void> {
    const id = randomUUID();
    await db.insert(smsMessages).values({ id, to: message.to, text: message.text });
    log.info({ smsId: id, to: maskedNumber(message.to) }, 'text message stored in the development outbox');
  }

  return {
    /** Where texts go: only the development outbox exists for now. */
    kind: 'outbox' as const,

    /** Sends in the background; call it only after the transaction that decided to send has committed. */
    send(message: SmsMessage): void {
      const delivery: Promise<void> = deliver(message)
        .catch((error: unknown) => {
          log.warn(
            { to: maskedNumber(message.to), err: firstLine(error) },
            'text message not sent; it can be asked for again',
          );
        })
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    },

    /** Resolves once every text handed over so far is sent or has failed (shutdown, tests). */
    async drain(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },

    async close(): Promise<void> {
      await this.drain();
    },
  };
}
