// Single-use links sent by email (verify an address, reset or set a password, confirm a new address).
// Only the token's hash is stored; a newer link of the same purpose replaces the older ones; using a
// link is one conditional update, so it works once even when two tabs race. Every time is the
// database's clock.
import { AppError } from '@medconnect/core';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { oneTimeTokens, type tokenPurposes } from '../../db/schema.ts';
import { newToken, sha256Hex } from './secrets.ts';

export type LinkPurpose = (typeof tokenPurposes)[number];

const lifetimeMinutes: Record<LinkPurpose, number> = {
  'verify-email': 24 * 60,
  'reset-password': 30,
  'change-email': 24 * 60,
  'set-password': 24 * 60,
};

/** A link problem: `type` tells the page which of "ask for a new link" or "sign in" to offer. */
export class LinkProblem extends AppError {
  constructor(code: 'link-expired' | 'link-used' | 'link-invalid', message: string) {
    super(400, code, message);
    this.name = 'LinkProblem';
  }
}

export async function issueLink(
  tx: Executor,
  userId: string,
  purpose: LinkPurpose,
  newEmail: string | null = null,
): Promise<string> {
  await tx
    .update(oneTimeTokens)
    .set({ supersededAt: sql`now()` })
    .where(
      and(
        eq(oneTimeTokens.userId, userId),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.supersededAt),
      ),
    );
  const token = newToken();
  await tx.insert(oneTimeTokens).values({
    id: sha256Hex(token),
    userId,
    purpose,
    newEmail,
    expiresAt: sql`now() + make_interval(mins => ${lifetimeMinutes[purpose]})`,
  });
  return token;
}

export type OpenedLink = { userId: string; purpose: LinkPurpose; newEmail: string | null };

const again: Record<LinkPurpose, string> = {
  'verify-email': 'Ask for a new one from the sign-in page.',
  'reset-password': 'Ask for a new one with "Forgot password".',
  'set-password': 'Ask for a new one with "Forgot password".',
  'change-email': 'Ask for a new one from your account settings.',
};

/** Checks a link without using it up (to read whose it is before the real work). */
export async function peekLink(db: Executor, token: string, purposes: LinkPurpose[]): Promise<OpenedLink> {
  const [row] = await db
    .select({ link: oneTimeTokens, expired: sql<boolean>`${oneTimeTokens.expiresAt} <= now()` })
    .from(oneTimeTokens)
    .where(eq(oneTimeTokens.id, sha256Hex(token)));
  if (!row || !purposes.includes(row.link.purpose)) {
    throw new LinkProblem(
      'link-invalid',
      'This link is not valid. Check that you opened the whole link from the email.',
    );
  }
  const { link } = row;
  if (link.usedAt) {
    const hint =
      link.purpose === 'verify-email' || link.purpose === 'change-email'
        ? 'You can sign in.'
        : again[link.purpose];
    throw new LinkProblem('link-used', `This link was already used. ${hint}`);
  }
  if (link.supersededAt) {
    throw new LinkProblem(
      'link-expired',
      `This link has expired because a newer one was sent. Use the newest email, or ${again[link.purpose].charAt(0).toLowerCase()}${again[link.purpose].slice(1)}`,
    );
  }
  if (row.expired) throw new LinkProblem('link-expired', `This link has expired. ${again[link.purpose]}`);
  return { userId: link.userId, purpose: link.purpose, newEmail: link.newEmail };
}

/** Uses a link up, once; throws the reason when it cannot be used. */
export async function useLink(tx: Executor, token: string, purposes: LinkPurpose[]): Promise<OpenedLink> {
  const opened = await peekLink(tx, token, purposes);
  const used = await tx
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(oneTimeTokens.id, sha256Hex(token)),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.supersededAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: oneTimeTokens.id });
  if (used.length === 0)
    throw new LinkProblem('link-used', `This link was already used. ${again[opened.purpose]}`);
  return opened;
}
