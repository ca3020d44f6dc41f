// Outgoing mail: through SMTP_URL when it is set, otherwise into the development mailbox (a table
// readable at /api/dev/mailbox outside production). Callers send after their transaction commits;
// a failure is logged, never thrown, and the person can ask for the mail again. Logs name the
// message, never its body: bodies carry single-use links.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import { mailMessages } from '../../db/schema.ts';

export type MailMessage = { to: string; subject: string; text: string; html?: string };

export type Mailer = ReturnType<typeof createMailer>;

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

export function createMailer({
  db,
  smtpUrl,
  from,
  log,
}: {
  db: Database;
  smtpUrl: string | undefined;
  from: string;
  log: Logger;
}) {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  const pending = new Set<Promise<void>>();

  async function deliver(message: MailMessage): Promise<void> {
    if (transport) {
      const info = await transport.sendMail({ from, ...message });
      log.info({ messageId: info.messageId, to: message.to, subject: message.subject }, 'mail sent');
      return;
    }
    const id = randomUUID();
    await db
      .insert(mailMessages)
      .values({
        id,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
      });
    log.info(
      { mailId: id, to: message.to, subject: message.subject },
      'mail stored in the development mailbox',
    );
  }

  return {
    /** Whether mail leaves the machine (SMTP) or stays in the development mailbox. */
    kind: transport ? ('smtp' as const) : ('mailbox' as const),

    /** Sends in the background; call it only after the transaction that decided to send has committed. */
    send(message: MailMessage): void {
      const delivery: Promise<void> = deliver(message)
        .catch((error: unknown) => {
          log.warn(
            { to: message.to, subject: message.subject, err: firstLine(error) },
            'mail not sent; it can be asked for again',
          );
        })
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    },

    /** Resolves once every mail handed over so far is sent or has failed (shutdown, tests). */
    async drain(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },

    async close(): Promise<void> {
      await this.drain();
      transport?.close();
    },
  };
}
