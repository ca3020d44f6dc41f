// ConsentLedger on a real anvil node: signed grants and revocations submitted by the relayer,
// direct wallet calls, the views, and expiry enforced by block time.
import {
  encodeAbiParameters,
  keccak256,
  parseEventLogs,
  zeroAddress,
  type Address,
  type LocalAccount,
} from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentLedgerAbi } from '../index.ts';
import {
  connect,
  deployConsentLedger,
  devAccount,
  relayer,
  startAnvil,
  type Anvil,
  type AnvilClients,
} from './anvil.ts';
import {
  directCalls,
  draftGrant,
  grantArgs,
  ledgerViews,
  newPatient,
  purposeHash,
  scopeHash,
  signGrant,
  signRevoke,
  submitGrant,
  submitRevoke,
  type GrantMessage,
  type Target,
} from './consent.ts';
import { expectRevert } from './expect-revert.ts';

const grantee = devAccount(5).address;
const HOUR = 3600n;

let anvil: Anvil;
let node: AnvilClients;
let ledger: Address;
let target: Target;
let views: ReturnType<typeof ledgerViews>;

beforeAll(async () => {
  anvil = await startAnvil();
  node = connect(anvil);
  ledger = await deployConsentLedger(node);
  target = { chainId: anvil.chainId, ledger };
  views = ledgerViews(node, ledger);
});
afterAll(() => anvil?.stop());

const grantMessage = (patient: Address, overrides: Partial<GrantMessage> = {}) =>
  draftGrant(node, ledger, patient, grantee, overrides);

/** Signs a grant as `patient` and submits it through the relayer. */
async function signedGrant(patient: LocalAccount = newPatient(), overrides: Partial<GrantMessage> = {}) {
  const message = await grantMessage(patient.address, overrides);
  const signature = await signGrant(patient, target, message);
  const receipt = await node.mined(submitGrant(node, relayer, ledger, message, signature));
  return { patient, message, receipt, grantId: await views.grantIdOf(message) };
}

async function revokeMessage(patient: LocalAccount, grantId: `0x${string}`, deadlineIn = HOUR) {
  const nonce = await views.nonces(patient.address);
  return { patient: patient.address, grantId, nonce, deadline: (await node.latestTimestamp()) + deadlineIn };
}

const blockTime = async (blockNumber: bigint) =>
  (await node.publicClient.getBlock({ blockNumber })).timestamp;

describe('ConsentLedger signed grants', () => {
  it('stores a patient-signed grant submitted by the relayer, and it is active', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    const signature = await signGrant(patient, target, message);
    const { result: grantId } = await node.publicClient.simulateContract({
      account: relayer,
      address: ledger,
      abi: consentLedgerAbi,
      functionName: 'grant',
      args: grantArgs(message, signature),
    });

    const receipt = await node.mined(submitGrant(node, relayer, ledger, message, signature));

    const { patient: p, grantee: g, scopeHash: s, purposeHash: u, expiry, nonce } = message;
    const idTypes = ['address', 'address', 'bytes32', 'bytes32', 'uint64', 'uint256'].map((type) => ({
      type,
    }));
    expect(grantId).toBe(keccak256(encodeAbiParameters(idTypes, [p, g, s, u, expiry, nonce])));
    expect(await views.grantIdOf(message)).toBe(grantId);
    const [event] = parseEventLogs({
      abi: consentLedgerAbi,
      logs: receipt.logs,
      eventName: 'ConsentGranted',
    });
    expect(event?.args).toEqual({ grantId, patient: p, grantee: g, scopeHash: s, purposeHash: u, expiry });
    expect(await views.grantOf(grantId)).toEqual({
      patient: p,
      grantee: g,
      scopeHash: s,
      purposeHash: u,
      expiry,
      grantedAt: await blockTime(receipt.blockNumber),
      revokedAt: 0n,
    });
    expect(await views.isActive(grantId)).toBe(true);
    expect(await views.nonces(patient.address)).toBe(1n);
  });

  it('takes one grant per nonce, in order, and rejects a stale or skipped nonce', async () => {
    const { patient } = await signedGrant();
    const second = await signedGrant(patient, { scopeHash: scopeHash('imaging') });
    expect(second.message.nonce).toBe(1n);
    expect(await views.nonces(patient.address)).toBe(2n);

    for (const nonce of [1n, 5n]) {
      const message = await grantMessage(patient.address, { nonce, scopeHash: scopeHash(`nonce-${nonce}`) });
      await expectRevert(
        submitGrant(node, relayer, ledger, message, await signGrant(patient, target, message)),
        'InvalidAccountNonce',
        [patient.address, 2n],
      );
    }
  });

  it('rejects a zero grantee', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address, { grantee: zeroAddress });
    await expectRevert(
      submitGrant(node, relayer, ledger, message, await signGrant(patient, target, message)),
      'ConsentLedger__ZeroAddress',
    );
  });

  it('answers unknown grants with zeros and inactive', async () => {
    const unknown = keccak256('0x1234');
    expect(await views.isActive(unknown)).toBe(false);
    expect((await views.grantOf(unknown)).patient).toBe(zeroAddress);
  });
});

describe('ConsentLedger signed revocations', () => {
  it('revokes with the patient signature: inactive, revokedAt set, ConsentRevoked emitted', async () => {
    const { patient, grantId } = await signedGrant();
    const revoke = await revokeMessage(patient, grantId);
    const signature = await signRevoke(patient, target, revoke);
    const receipt = await node.mined(submitRevoke(node, relayer, ledger, revoke, signature));

    const [event] = parseEventLogs({
      abi: consentLedgerAbi,
      logs: receipt.logs,
      eventName: 'ConsentRevoked',
    });
    expect(event?.args).toEqual({ grantId, patient: patient.address });
    expect((await views.grantOf(grantId)).revokedAt).toBe(await blockTime(receipt.blockNumber));
    expect(await views.isActive(grantId)).toBe(false);
    expect(await views.nonces(patient.address)).toBe(2n);
  });

  it('rejects an unknown grant, another patient, an expired deadline and a wrong signer', async () => {
    const { patient, grantId } = await signedGrant();
    const other = newPatient();

    const unknown = await revokeMessage(patient, keccak256('0xdead'));
    await expectRevert(
      submitRevoke(node, relayer, ledger, unknown, await signRevoke(patient, target, unknown)),
      'ConsentLedger__UnknownGrant',
      [unknown.grantId],
    );

    const notTheirs = await revokeMessage(other, grantId);
    await expectRevert(
      submitRevoke(node, relayer, ledger, notTheirs, await signRevoke(other, target, notTheirs)),
      'ConsentLedger__NotPatient',
    );

    const forged = await revokeMessage(patient, grantId);
    await expectRevert(
      submitRevoke(node, relayer, ledger, forged, await signRevoke(other, target, forged)),
      'ConsentLedger__InvalidSigner',
    );

    const late = await revokeMessage(patient, grantId, 10n);
    const lateSignature = await signRevoke(patient, target, late);
    await node.advanceTime(60);
    await expectRevert(
      submitRevoke(node, relayer, ledger, late, lateSignature),
      'ConsentLedger__SignatureExpired',
    );

    expect(await views.isActive(grantId)).toBe(true);
  });
});

describe('ConsentLedger direct wallet calls', () => {
  const walletPatient = devAccount(6);
  const own = () => directCalls(node, ledger, walletPatient);

  it('grants as the caller using its nonce, and revokes', async () => {
    const nonce = await views.nonces(walletPatient.address);
    const expiry = (await node.latestTimestamp()) + 7n * 24n * HOUR;
    const fields = { grantee, scopeHash: scopeHash('prescriptions'), purposeHash: purposeHash('dispensing') };
    const args = [fields.grantee, fields.scopeHash, fields.purposeHash, expiry] as const;
    const { result: grantId } = await node.publicClient.simulateContract({
      account: walletPatient,
      address: ledger,
      abi: consentLedgerAbi,
      functionName: 'grantDirect',
      args,
    });
    const receipt = await node.mined(own().grantDirect(...args));

    expect(grantId).toBe(await views.grantIdOf({ patient: walletPatient.address, ...fields, expiry, nonce }));
    const [event] = parseEventLogs({
      abi: consentLedgerAbi,
      logs: receipt.logs,
      eventName: 'ConsentGranted',
    });
    expect(event?.args).toEqual({ grantId, patient: walletPatient.address, ...fields, expiry });
    expect(await views.isActive(grantId)).toBe(true);
    expect(await views.nonces(walletPatient.address)).toBe(nonce + 1n);

    await expectRevert(
      directCalls(node, ledger, devAccount(7)).revokeDirect(grantId),
      'ConsentLedger__NotPatient',
    );
    const revoked = await node.mined(own().revokeDirect(grantId));
    const [revokedEvent] = parseEventLogs({
      abi: consentLedgerAbi,
      logs: revoked.logs,
      eventName: 'ConsentRevoked',
    });
    expect(revokedEvent?.args).toEqual({ grantId, patient: walletPatient.address });
    expect(await views.isActive(grantId)).toBe(false);
    await expectRevert(own().revokeDirect(grantId), 'ConsentLedger__AlreadyApplied', [grantId]);
    await expectRevert(own().revokeDirect(keccak256('0xbeef')), 'ConsentLedger__UnknownGrant');
  });

  it('rejects a past expiry or a zero grantee', async () => {
    const now = await node.latestTimestamp();
    await expectRevert(
      own().grantDirect(grantee, scopeHash('a'), purposeHash('b'), now),
      'ConsentLedger__GrantExpired',
    );
    await expectRevert(
      own().grantDirect(zeroAddress, scopeHash('a'), purposeHash('b'), now + HOUR),
      'ConsentLedger__ZeroAddress',
    );
  });

  it('shares the nonce with signed messages, so a direct call voids an unsubmitted signature', async () => {
    const message = await grantMessage(walletPatient.address);
    const signature = await signGrant(walletPatient, target, message);
    await node.mined(own().grantDirect(grantee, scopeHash('other'), purposeHash('other'), message.expiry));
    await expectRevert(submitGrant(node, relayer, ledger, message, signature), 'InvalidAccountNonce');
  });

  it('lets the patient revoke a relayed grant directly', async () => {
    const { grantId } = await signedGrant(walletPatient);
    await node.mined(own().revokeDirect(grantId));
    expect(await views.isActive(grantId)).toBe(false);
  });
});

describe('ConsentLedger expiry', () => {
  it('is active until block time reaches expiry, then inactive without any transaction', async () => {
    const start = await node.latestTimestamp();
    const { grantId, message } = await signedGrant(newPatient(), { expiry: start + 100n });
    expect(await views.isActive(grantId)).toBe(true);

    await node.mineAt(message.expiry - 1n);
    expect(await views.isActive(grantId)).toBe(true);

    await node.mineAt(message.expiry);
    expect(await views.isActive(grantId)).toBe(false);
    expect((await views.grantOf(grantId)).revokedAt).toBe(0n);

    await node.advanceTime(3600);
    expect(await views.isActive(grantId)).toBe(false);
  });

  it('still accepts a revocation of an expired grant, so the record says it was withdrawn', async () => {
    const expiry = (await node.latestTimestamp()) + 50n;
    const { patient, grantId } = await signedGrant(newPatient(), { expiry });
    await node.advanceTime(100);
    expect(await views.isActive(grantId)).toBe(false);
    const revoke = await revokeMessage(patient, grantId);
    await node.mined(submitRevoke(node, relayer, ledger, revoke, await signRevoke(patient, target, revoke)));
    expect((await views.grantOf(grantId)).revokedAt).toBeGreaterThan(0n);
  });
});
