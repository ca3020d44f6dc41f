// Sign-In with Ethereum (EIP-4361), verified with viem: the server issues a single-use nonce (10
// minutes), the wallet signs a message naming this site, and the server checks the message strictly
// (it must be exactly what a well-formed message with those fields looks like), that its domain and
// URI are this site, that the nonce is one it issued for this purpose and not used, and the signature
// (contract wallets through ERC-1271/6492 on the chain). Used to link a wallet and to sign in with it.
import { Conflict, Unauthorized } from '@medconnect/core';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { getAddress, isAddress, type Address, type Hex } from 'viem';
import {
  createSiweMessage,
  generateSiweNonce,
  parseSiweMessage,
  verifySiweMessage,
  type SiweMessage,
} from 'viem/siwe';
import { isUniqueViolation } from '../../db/client.ts';
import { siweNonces, users } from '../../db/schema.ts';
import { auditAccount } from './account-audit.ts';
import type { AccountDeps, RequestMeta } from './deps.ts';
import type { UserRow } from './repo.ts';

export type NoncePurpose = 'sign-in' | 'link';
const NONCE_MINUTES = 10;
const REFUSED = 'The wallet signature could not be verified. Ask for a new message and sign it again.';

export async function issueNonce(
  deps: AccountDeps,
  purpose: NoncePurpose,
  userId: string | null = null,
): Promise<string> {
  const nonce = generateSiweNonce();
  await deps.db.delete(siweNonces).where(lt(siweNonces.expiresAt, sql`now()`));
  await deps.db
    .insert(siweNonces)
    .values({ nonce, purpose, userId, expiresAt: sql`now() + make_interval(mins => ${NONCE_MINUTES})` });
  return nonce;
}

/**
 * Parses an EIP-4361 message and accepts it only if it is in canonical form: re-creating the message
 * from its fields must give back the same text, which refuses missing or out-of-order fields, a
 * non-checksummed address, malformed URIs and timestamps, and anything appended.
 */
export function parseStrictSiwe(message: string): SiweMessage | undefined {
  let parsed: ReturnType<typeof parseSiweMessage>;
  try {
    parsed = parseSiweMessage(message);
  } catch {
    return undefined;
  }
  const { address, chainId, domain, nonce, uri, version, issuedAt } = parsed;
  if (!address || !isAddress(address, { strict: true }) || address !== getAddress(address)) return undefined;
  if (
    !chainId ||
    !domain ||
    !nonce ||
    !uri ||
    version !== '1' ||
    !issuedAt ||
    Number.isNaN(issuedAt.getTime())
  )
    return undefined;
  for (const time of [parsed.expirationTime, parsed.notBefore])
    if (time && Number.isNaN(time.getTime())) return undefined;
  const fields = { ...parsed, address, chainId, domain, nonce, uri, version, issuedAt } as SiweMessage;
  try {
    const canonical = createSiweMessage(fields);
    // viem prints times as ISO strings with milliseconds; accept the same instant written without them.
    const withoutMillis = canonical.replace(/(\d{2}:\d{2}:\d{2})\.000Z/g, '$1Z');
    return canonical === message || withoutMillis === message ? fields : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a signed message for `purpose`; answers the checksummed address that signed it. */
export async function verifySignedMessage(
  deps: AccountDeps,
  input: { message: string; signature: string },
  { purpose, hosts, userId = null }: { purpose: NoncePurpose; hosts: string[]; userId?: string | null },
): Promise<Address> {
  const parsed = parseStrictSiwe(input.message);
  if (!parsed) throw new Unauthorized('That is not a valid Sign-In with Ethereum message.');
  let uriHost: string | undefined;
  try {
    uriHost = new URL(parsed.uri).host;
  } catch {
    uriHost = undefined;
  }
  if (!hosts.includes(parsed.domain))
    throw new Unauthorized(`The message was made for ${parsed.domain}, not for this site.`);
  if (uriHost !== parsed.domain) throw new Unauthorized('The address in the message is not on this site.');
  const consumed = await deps.db
    .update(siweNonces)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(siweNonces.nonce, parsed.nonce),
        eq(siweNonces.purpose, purpose),
        userId === null ? isNull(siweNonces.userId) : eq(siweNonces.userId, userId),
        isNull(siweNonces.usedAt),
        gt(siweNonces.expiresAt, sql`now()`),
      ),
    )
    .returning({ nonce: siweNonces.nonce });
  if (consumed.length === 0)
    throw new Unauthorized('That message has expired or was already used. Ask for a new one.');
  const valid = await verifySiweMessage(deps.publicClient, {
    message: input.message,
    signature: input.signature as Hex,
    domain: parsed.domain,
    nonce: parsed.nonce,
  }).catch(() => false);
  if (!valid) throw new Unauthorized(REFUSED);
  return parsed.address;
}

export async function linkWallet(
  deps: AccountDeps,
  user: UserRow,
  address: Address,
  meta: RequestMeta,
): Promise<void> {
  try {
    await deps.db.transaction(async (tx) => {
      await tx.update(users).set({ walletAddress: address }).where(eq(users.id, user.id));
      await auditAccount(tx, { user, action: 'wallet-link', ip: meta.ip });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict('That wallet is already linked to another MedConnect account.');
    throw error;
  }
}

export async function unlinkWallet(deps: AccountDeps, user: UserRow, meta: RequestMeta): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ walletAddress: null }).where(eq(users.id, user.id));
    await auditAccount(tx, { user, action: 'wallet-unlink', ip: meta.ip });
  });
}
