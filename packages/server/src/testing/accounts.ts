// Test support for accounts: people created straight through the accounts module (no mail round
// trip), sessions opened for them, and the headers a browser would send with that session.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { professionalProfiles, users } from '../db/schema.ts';
import { createAccount, type NewAccount, type ProfessionalKind } from '../modules/accounts/create-account.ts';
import { newPractitionerId } from '../modules/registry-review/practitioner-id.ts';
import { hashPassword } from '../modules/accounts/passwords.ts';
import type { UserRow } from '../modules/accounts/repo.ts';
import { createSession } from '../modules/accounts/sessions.ts';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import type { Platform } from '../platform.ts';

export const TEST_PASSWORD = 'grapefruit-harbour-lantern';

export type TestUser = { user: UserRow; email: string; password: string; totpSecret?: string };

const professional = {
  licenceNumber: 'LIC-1',
  council: 'Medical Council',
  registrationYear: 2010,
  qualification: 'MBBS',
  specialization: 'GP',
};
const organisation = { name: 'Corner Pharmacy', licenceNumber: 'PH-9' };

/**
 * An active account of `role` with a confirmed address, optionally with TOTP turned on, and for a
 * professional optionally with a licence a registrar has verified (practitioner id included).
 */
export async function createTestUser(
  platform: Platform,
  {
    role,
    email,
    totp = false,
    status = 'active',
    verified = false,
    displayName,
  }: { role: NewAccount['role']; email?: string; totp?: boolean; status?: UserRow['status']; verified?: boolean; displayName?: string },
): Promise<TestUser> {
  const address = email ?? `${role}-${randomUUID().slice(0, 8)}@example.org`;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const user = await platform.db.transaction((tx) =>
    createAccount(tx, platform, {
      email: address,
      role,
      displayName: displayName ?? `Test ${role}`,
      passwordHash,
      status,
      emailVerified: status !== 'pending-verification',
      ...(role === 'doctor' ? { professional } : {}),
      ...(role === 'pharmacist' || role === 'staff' ? { organisation } : {}),
    }),
  );
  if (verified) {
    await platform.db
      .update(professionalProfiles)
      .set({ status: 'verified', practitionerId: newPractitionerId(role as ProfessionalKind), reviewedAt: sql`now()` })
      .where(eq(professionalProfiles.userId, user.id));
  }
  if (!totp) return { user, email: address, password: TEST_PASSWORD };
  const secret = new Secret({ size: 20 });
  const [updated] = await platform.db
    .update(users)
    .set({
      totpSecret: platform.sealer.seal(new Uint8Array(secret.bytes), `totp:${user.id}`),
      totpEnabledAt: sql`now()`,
    })
    .where(eq(users.id, user.id))
    .returning();
  return { user: updated!, email: address, password: TEST_PASSWORD, totpSecret: secret.base32 };
}

/** The TOTP code of `secret` at now + `steps` × 30 s. */
export const totpCode = (secret: string, steps = 0) =>
  TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: Date.now() + steps * 30_000,
  });

export type TestSession = {
  token: string;
  csrfToken: string;
  /** Cookie and CSRF header, as the browser sends them. */
  headers: { cookie: string; 'x-csrf-token': string };
};

/** A session opened directly (no sign-in route, so no rate limit), fully signed in unless told otherwise. */
export async function openTestSession(
  platform: Platform,
  user: UserRow,
  { mfaSatisfied = true } = {},
): Promise<TestSession> {
  const created = await createSession(platform.db, {
    userId: user.id,
    mfaSatisfied,
    meta: { ip: '127.0.0.1', userAgent: 'vitest' },
  });
  return {
    token: created.token,
    csrfToken: created.csrfToken,
    headers: { cookie: `${SESSION_COOKIE}=${created.token}`, 'x-csrf-token': created.csrfToken },
  };
}

let lastIp = 0;
/** A fresh client address, so rate limits of one test do not spill into the next. */
export const freshIp = () => {
  lastIp++;
  return `10.${(lastIp >> 16) & 255}.${(lastIp >> 8) & 255}.${lastIp & 255}`;
};

/** The token in the first link of a mail text (the part after `#token=`). */
export const tokenFromMail = (text: string): string => {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error('no link with a token in this mail');
  return match[1]!;
};
