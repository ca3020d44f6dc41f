// Reads the development text-message outbox, newest first.
import { desc } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { smsMessages } from '../../db/schema.ts';

export async function listSmsOutbox(db: Database, limit = 200) {
  const rows = await db
    .select()
    .from(smsMessages)
    .orderBy(desc(smsMessages.sentAt), desc(smsMessages.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, sentAt: row.sentAt.toISOString() }));
}
