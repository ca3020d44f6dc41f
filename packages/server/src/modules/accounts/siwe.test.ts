// Sign-In with Ethereum (EIP-4361): strict parsing against the reference vectors, linking a wallet in
// account settings, and signing in with it, signed by a real key (viem local account) and verified
// through the chain client.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { createSiweMessage, parseSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { createTestUser, freshIp, openTestSession, type TestSession } from '../../testing/accounts.ts';
import { sharedData } from '../../testing/fixtures.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { parseStrictSiwe } from './siwe.ts';

const vectors = `${sharedData}eip712-siwe/siwe-test-vectors/`;
const host = 'medconnect.example';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const request = (method: 'GET' | 'POST' | 'DELETE', url: string, session?: TestSession, payload?: object) =>
  app.inject({
    method,
    url,
    headers: { host, ...session?.headers },
    remoteAddress: freshIp(),
    ...(payload ? { payload } : {}),
  });

async function signed(
  wallet: PrivateKeyAccount,
  nonce: string,
  overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {},
) {
  const issuedAt = new Date();
  const message = createSiweMessage({
    domain: host,
    address: wallet.address,
    statement: 'Sign in to MedConnect.',
    uri: `https://${host}`,
    version: '1',
    chainId: 31337,
    nonce,
    issuedAt,
    expirationTime: new Date(issuedAt.getTime() + 600_000),
    ...overrides,
  });
  return { message, signature: await wallet.signMessage({ message }) };
}

const signInNonce = async () =>
  (await request('GET', '/api/auth/siwe/nonce')).json<{ nonce: string }>().nonce;

async function link(session: TestSession, wallet: PrivateKeyAccount) {
  const { nonce } = (await request('POST', '/api/account/wallet/nonce', session)).json<{ nonce: string }>();
  return request(
    'POST',
    '/api/account/wallet',
    session,
    await signed(wallet, nonce, { statement: 'Link this wallet to my MedConnect account.' }),
  );
}

describe('EIP-4361 messages', () => {
  const positive = JSON.parse(readFileSync(`${vectors}parsing_positive.json`, 'utf8')) as Record<
    string,
    { message: string; fields: Record<string, unknown> }
  >;
  const negative = JSON.parse(readFileSync(`${vectors}parsing_negative.json`, 'utf8')) as Record<
    string,
    string
  >;

  it.each([
    'couple of optional fields',
    'no optional field',
    'timestamp without microseconds',
    'domain is RFC 3986 authority with port',
    'uri ipv4 query params and fragment',
    'chainId not 1',
  ])('parses the positive vector "%s" into its fields', (name) => {
    const { message, fields } = positive[name]!;
    const parsed = parseSiweMessage(message);
    for (const key of ['domain', 'address', 'uri', 'version', 'chainId', 'nonce', 'statement'] as const) {
      if (key in fields) expect(parsed[key], key).toEqual(fields[key]);
    }
    expect(parsed.issuedAt?.getTime()).toBe(Date.parse(fields.issuedAt as string));
    expect(parseStrictSiwe(message)).toBeDefined();
  });

  it.each(Object.keys(negative))('refuses the negative vector "%s"', (name) => {
    expect(parseStrictSiwe(negative[name]!)).toBeUndefined();
  });

  it('refuses a message with anything appended', async () => {
    const { message } = await signed(privateKeyToAccount(generatePrivateKey()), 'abcdefgh12345678');
    expect(parseStrictSiwe(message)).toBeDefined();
    expect(parseStrictSiwe(`${message}\nExtra: field`)).toBeUndefined();
  });
});

describe('a linked wallet', () => {
  it('is linked with a signed message, then signs its owner in', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const wallet = privateKeyToAccount(generatePrivateKey());
    const linked = await link(await openTestSession(t.platform, person.user), wallet);
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({
      id: person.user.id,
      walletAddress: wallet.address,
      ethAddress: person.user.ethAddress,
    });
    const proof = await signed(wallet, await signInNonce());
    const answer = await request('POST', '/api/auth/siwe', undefined, proof);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      status: 'signed-in',
      session: { user: { id: person.user.id, walletAddress: wallet.address } },
    });
    expect(answer.cookies.find((c) => c.name === '__Host-mc_session')).toBeDefined();
    const replay = await request('POST', '/api/auth/siwe', undefined, proof);
    expect(replay.statusCode).toBe(401);
    expect(replay.json<{ detail: string }>().detail).toMatch(/expired or was already used/);
    const [audit] = await queryRows(
      t.platform.db,
      sql`select outcome, purpose from audit_events where action = 'sign-in' and actor_id = ${person.user.id}`,
    );
    expect(audit).toEqual({ outcome: 'success', purpose: 'wallet' });
  });

  it('still needs the TOTP code of a role that requires it', async () => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const wallet = privateKeyToAccount(generatePrivateKey());
    expect((await link(await openTestSession(t.platform, doctor.user), wallet)).statusCode).toBe(200);
    const answer = await request(
      'POST',
      '/api/auth/siwe',
      undefined,
      await signed(wallet, await signInNonce()),
    );
    expect(answer.json()).toEqual({ status: 'mfa-required' });
  });

  it.each([
    ['another site', { domain: 'evil.example', uri: 'https://evil.example' }, /made for evil\.example/],
    [
      'a URI of another site',
      { uri: 'https://evil.example/login' },
      /address in the message is not on this site/,
    ],
    ['an expired message', { expirationTime: new Date(Date.now() - 1000) }, /could not be verified/],
    ['a message not valid yet', { notBefore: new Date(Date.now() + 600_000) }, /could not be verified/],
  ])('refuses a message for %s', async (_name, overrides, detail) => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    const answer = await request(
      'POST',
      '/api/auth/siwe',
      undefined,
      await signed(wallet, await signInNonce(), overrides),
    );
    expect(answer.statusCode).toBe(401);
    expect(answer.json<{ detail: string }>().detail).toMatch(detail);
  });

  it('refuses a signature by another key, a nonce it did not issue, and a wallet nobody linked', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const wallet = privateKeyToAccount(generatePrivateKey());
    await link(await openTestSession(t.platform, person.user), wallet);
    const { message } = await signed(wallet, await signInNonce());
    const forged = await privateKeyToAccount(generatePrivateKey()).signMessage({ message });
    expect(
      (await request('POST', '/api/auth/siwe', undefined, { message, signature: forged })).statusCode,
    ).toBe(401);
    expect(
      (await request('POST', '/api/auth/siwe', undefined, await signed(wallet, 'madeUpNonce12345')))
        .statusCode,
    ).toBe(401);
    const stranger = await request(
      'POST',
      '/api/auth/siwe',
      undefined,
      await signed(privateKeyToAccount(generatePrivateKey()), await signInNonce()),
    );
    expect(stranger.statusCode).toBe(401);
    expect(stranger.json<{ detail: string }>().detail).toMatch(
      /No MedConnect account is linked to this wallet/,
    );
  });

  it('cannot be linked with a sign-in nonce or another person’s nonce, nor to two accounts', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const other = await createTestUser(t.platform, { role: 'patient' });
    const session = await openTestSession(t.platform, person.user);
    const wallet = privateKeyToAccount(generatePrivateKey());
    expect(
      (await request('POST', '/api/account/wallet', session, await signed(wallet, await signInNonce())))
        .statusCode,
    ).toBe(401);
    const { nonce } = (
      await request('POST', '/api/account/wallet/nonce', await openTestSession(t.platform, other.user))
    ).json<{ nonce: string }>();
    expect(
      (await request('POST', '/api/account/wallet', session, await signed(wallet, nonce))).statusCode,
    ).toBe(401);
    expect((await link(session, wallet)).statusCode).toBe(200);
    const twice = await link(await openTestSession(t.platform, other.user), wallet);
    expect(twice.statusCode).toBe(409);
  });

  it('is unlinked in settings and then signs nobody in', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const session = await openTestSession(t.platform, person.user);
    const wallet = privateKeyToAccount(generatePrivateKey());
    await link(session, wallet);
    const unlinked = await request('DELETE', '/api/account/wallet', session);
    expect(unlinked.json()).toMatchObject({ walletAddress: null });
    expect(
      (await request('POST', '/api/auth/siwe', undefined, await signed(wallet, await signInNonce())))
        .statusCode,
    ).toBe(401);
  });
});
