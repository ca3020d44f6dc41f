// MFA recovery codes: ten per enrolment, 80 random bits each, shown once and stored as SHA-256 (their
// entropy makes a slow hash unnecessary). Each works once; enrolling again replaces them all.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { recoveryCodes } from '../../db/schema.ts';
import { sha256Hex } from './secrets.ts';

export const RECOVERY_CODE_COUNT = 10;
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols, no 0/o or 1/l to misread

const normalise = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const codeHash = (userId: string, code: string) => sha256Hex(`recovery:${userId}:${normalise(code)}`);

function newCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (let i = 0; i < 16; i++) code += alphabet[bytes[i]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

export async function replaceRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ codeHash: codeHash(userId, code), userId })));
  return codes;
}

/** Uses up one recovery code; false when it is unknown or was used before. */
export async function useRecoveryCode(tx: Executor, userId: string, code: string): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.codeHash, codeHash(userId, code)),
        eq(recoveryCodes.userId, userId),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ userId: recoveryCodes.userId });
  return used.length > 0;
}

export async function deleteRecoveryCodes(tx: Executor, userId: string): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
