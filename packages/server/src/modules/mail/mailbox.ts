// Reads the development mailbox (mail kept in the database when no SMTP_URL is set).
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { mailMessages } from '../../db/schema.ts';

/** Every http(s) link in a message, in order, so a page can offer them as buttons. */
export const linksIn = (text: string): string[] => text.match(/https?:\/\/[^\s<>"]+/g) ?? [];

export async function listMailbox(db: Database, limit = 200) {
  const rows = await db
    .select({
      id: mailMessages.id,
      to: mailMessages.to,
      subject: mailMessages.subject,
      sentAt: mailMessages.sentAt,
    })
    .from(mailMessages)
    .orderBy(desc(mailMessages.sentAt), desc(mailMessages.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, sentAt: row.sentAt.toISOString() }));
}

export async function readMailboxMessage(db: Database, id: string) {
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  if (!row) return undefined;
  return { ...row, sentAt: row.sentAt.toISOString(), links: linksIn(row.text) };
}
