// Sliding-window counters in the database (so every API instance sees the same counts): failed
// sign-ins per account and mail per address. Windows are measured on the database clock.
import { lt, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.ts';
import { throttleEvents } from '../../db/schema.ts';
import { sha256Hex } from './secrets.ts';

export type WindowCount = { count: number; retryAfterSeconds: number };

/** Events under `key` within the last `windowSeconds`, and when the oldest of them leaves the window. */
export async function countEvents(db: Executor, key: string, windowSeconds: number): Promise<WindowCount> {
  const [row] = await queryRows<{ n: number | string; retry_after: number | string | null }>(
    db,
    sql`select count(*)::int as n,
               ceil(extract(epoch from min(occurred_at) + make_interval(secs => ${windowSeconds}) - now()))::int as retry_after
          from throttle_events
         where key = ${key} and occurred_at > now() - make_interval(secs => ${windowSeconds})`,
  );
  return {
    count: Number(row?.n ?? 0),
    retryAfterSeconds: Math.max(1, Number(row?.retry_after ?? windowSeconds)),
  };
}

/** The longest window any counter uses; older events are deleted. */
const KEEP_SECONDS = 3600;

/** Records one event and forgets every event older than the longest window. */
export async function recordEvent(db: Executor, key: string): Promise<void> {
  await db.insert(throttleEvents).values({ key });
  await db
    .delete(throttleEvents)
    .where(lt(throttleEvents.occurredAt, sql`now() - make_interval(secs => ${KEEP_SECONDS})`));
}

const MAILS_PER_QUARTER_HOUR = 3;

/**
 * Whether another mail of this kind may go to this address now, counting it if so: at most three per
 * quarter hour, so nobody can use MedConnect to flood someone's inbox.
 */
export async function mayMail(db: Executor, kind: string, address: string): Promise<boolean> {
  const key = `mail:${kind}:${sha256Hex(address.trim().toLowerCase())}`;
  if ((await countEvents(db, key, 900)).count >= MAILS_PER_QUARTER_HOUR) return false;
  await recordEvent(db, key);
  return true;
}
