// Signature replay and front-running on ConsentLedger (RELIABILITY.md T31). Every negative case
// must revert; a third party submitting the patient's signature first must leave the same state,
// and the patient's own late submission must be recognisable as "already applied".
import {
  domainSeparator,
  encodeFunctionData,
  recoverTypedDataAddress,
  toHex,
  type Address,
  type Hex,
} from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentDomain, consentLedgerAbi, consentTypes, isAlreadyApplied } from '../index.ts';
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
  draftGrant,
  grantArgs,
  ledgerViews,
  newPatient,
  signGrant,
  signRevoke,
  submitGrant,
  submitRevoke,
  type GrantMessage,
  type Target,
} from './consent.ts';
import { expectRevert } from './expect-revert.ts';

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HOUR = 3600n;
const grantee = devAccount(5).address;
const frontRunner = devAccount(7);

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

/** The same signature with s replaced by n − s and the recovery bit flipped: valid for secp256k1, rejected by OZ ECDSA. */
function malleate(signature: Hex): { signature: Hex; s: Hex } {
  const r = signature.slice(2, 66);
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = parseInt(signature.slice(130, 132), 16);
  const highS = toHex(SECP256K1_N - s, { size: 32 });
  return { signature: `0x${r}${highS.slice(2)}${(v === 27 ? 28 : 27).toString(16)}`, s: highS };
}

describe('T31 negative cases: each reverts and changes nothing', () => {
  it('the same signature twice → AlreadyApplied', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    const signature = await signGrant(patient, target, message);
    await node.mined(submitGrant(node, relayer, ledger, message, signature));
    const grantId = await views.grantIdOf(message);

    const error = await expectRevert(
      submitGrant(node, relayer, ledger, message, signature),
      'ConsentLedger__AlreadyApplied',
      [grantId],
    );
    expect(isAlreadyApplied(error)).toBe(true);
    expect(await views.nonces(patient.address)).toBe(1n);
  });

  it('a signature replayed on a second deployment → InvalidSigner', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    const signature = await signGrant(patient, target, message);
    await node.mined(submitGrant(node, relayer, ledger, message, signature));

    const second = await deployConsentLedger(node);
    const error = await expectRevert(
      submitGrant(node, relayer, second, message, signature),
      'ConsentLedger__InvalidSigner',
    );
    expect(isAlreadyApplied(error)).toBe(false);
    expect(await ledgerViews(node, second).nonces(patient.address)).toBe(0n);
  });

  it('a signature for another chainId → InvalidSigner', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    for (const chainId of [1, anvil.chainId + 1]) {
      const signature = await signGrant(patient, { chainId, ledger }, message);
      await expectRevert(
        submitGrant(node, relayer, ledger, message, signature),
        'ConsentLedger__InvalidSigner',
      );
    }
    expect(await views.nonces(patient.address)).toBe(0n);
  });

  it('a signature submitted after its deadline → SignatureExpired', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address, { deadline: (await node.latestTimestamp()) + 30n });
    const signature = await signGrant(patient, target, message);
    await node.advanceTime(60);
    await expectRevert(
      submitGrant(node, relayer, ledger, message, signature),
      'ConsentLedger__SignatureExpired',
    );
    expect(await views.nonces(patient.address)).toBe(0n);
  });

  it('a grant whose expiry has passed → GrantExpired', async () => {
    const patient = newPatient();
    const now = await node.latestTimestamp();
    for (const expiry of [now - 1n, 0n]) {
      const message = await grantMessage(patient.address, { expiry });
      await expectRevert(
        submitGrant(node, relayer, ledger, message, await signGrant(patient, target, message)),
        'ConsentLedger__GrantExpired',
      );
    }
  });

  it('a high-s malleated signature → ECDSAInvalidSignatureS', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    const signature = await signGrant(patient, target, message);
    const malleated = malleate(signature);
    // Mathematically the malleated signature still recovers the patient: only the low-s rule stops it.
    expect(
      await recoverTypedDataAddress({
        domain: consentDomain(target.chainId, ledger),
        types: consentTypes,
        primaryType: 'Grant',
        message,
        signature: malleated.signature,
      }),
    ).toBe(patient.address);

    await expectRevert(
      submitGrant(node, relayer, ledger, message, malleated.signature),
      'ECDSAInvalidSignatureS',
      [malleated.s],
    );
    expect(await views.nonces(patient.address)).toBe(0n);
    // The original stays usable: the malleated attempt consumed nothing.
    await node.mined(submitGrant(node, relayer, ledger, message, signature));
  });

  it('a signature by someone other than the patient → InvalidSigner', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    await expectRevert(
      submitGrant(node, relayer, ledger, message, await signGrant(newPatient(), target, message)),
      'ConsentLedger__InvalidSigner',
    );
    // A signature over different fields fails the same way.
    const other = await signGrant(patient, target, { ...message, grantee: frontRunner.address });
    await expectRevert(submitGrant(node, relayer, ledger, message, other), 'ConsentLedger__InvalidSigner');
    expect(await views.nonces(patient.address)).toBe(0n);
  });

  it('a revocation replayed → AlreadyApplied', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    await node.mined(submitGrant(node, relayer, ledger, message, await signGrant(patient, target, message)));
    const grantId = await views.grantIdOf(message);
    const revoke = {
      patient: patient.address,
      grantId,
      nonce: 1n,
      deadline: (await node.latestTimestamp()) + HOUR,
    };
    const signature = await signRevoke(patient, target, revoke);
    await node.mined(submitRevoke(node, relayer, ledger, revoke, signature));

    const error = await expectRevert(
      submitRevoke(node, relayer, ledger, revoke, signature),
      'ConsentLedger__AlreadyApplied',
      [grantId],
    );
    expect(isAlreadyApplied(error)).toBe(true);
    expect(await views.nonces(patient.address)).toBe(2n);
  });
});

describe('T31 front-running', () => {
  it('a third party submitting the patient signature first leaves the same grant; the patient sees AlreadyApplied', async () => {
    const patient = newPatient();
    await node.testClient.setBalance({ address: patient.address, value: 10n ** 18n });
    const message = await grantMessage(patient.address);
    const signature = await signGrant(patient, target, message);
    const grantId = await views.grantIdOf(message);

    // The state the patient's own submission would have produced, on an identical deployment.
    const reference = await deployConsentLedger(node);
    const referenceSignature = await signGrant(
      patient,
      { chainId: anvil.chainId, ledger: reference },
      message,
    );
    const referenceReceipt = await node.mined(
      submitGrant(node, patient, reference, message, referenceSignature),
    );

    const receipt = await node.mined(submitGrant(node, frontRunner, ledger, message, signature));
    const stored = await views.grantOf(grantId);
    expect(stored).toMatchObject({
      patient: patient.address,
      grantee,
      scopeHash: message.scopeHash,
      purposeHash: message.purposeHash,
      expiry: message.expiry,
      revokedAt: 0n,
    });
    expect(stored.grantedAt).toBe(
      (await node.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp,
    );
    const referenceGrant = await ledgerViews(node, reference).grantOf(grantId);
    expect({ ...stored, grantedAt: 0n }).toEqual({ ...referenceGrant, grantedAt: 0n });
    expect(referenceGrant.grantedAt).toBe(
      (await node.publicClient.getBlock({ blockNumber: referenceReceipt.blockNumber })).timestamp,
    );
    expect(await views.nonces(patient.address)).toBe(1n);

    // The patient (or the relayer on their behalf) submits late: reverts, recognised as success, state unchanged.
    for (const submitter of [patient, relayer]) {
      const error = await expectRevert(
        submitGrant(node, submitter, ledger, message, signature),
        'ConsentLedger__AlreadyApplied',
        [grantId],
      );
      expect(isAlreadyApplied(error)).toBe(true);
    }
    expect(await views.grantOf(grantId)).toEqual(stored);
    expect(await views.isActive(grantId)).toBe(true);
  });

  it('a front-run revocation also ends revoked, with the late submission recognised as already applied', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    await node.mined(submitGrant(node, relayer, ledger, message, await signGrant(patient, target, message)));
    const grantId = await views.grantIdOf(message);
    const revoke = {
      patient: patient.address,
      grantId,
      nonce: 1n,
      deadline: (await node.latestTimestamp()) + HOUR,
    };
    const signature = await signRevoke(patient, target, revoke);

    await node.mined(submitRevoke(node, frontRunner, ledger, revoke, signature));
    const error = await expectRevert(
      submitRevoke(node, relayer, ledger, revoke, signature),
      'ConsentLedger__AlreadyApplied',
    );
    expect(isAlreadyApplied(error)).toBe(true);
    expect(await views.isActive(grantId)).toBe(false);
  });

  it('isAlreadyApplied also reads raw revert data, and is false for other reverts and other errors', async () => {
    const patient = newPatient();
    const message = await grantMessage(patient.address);
    const signature = await signGrant(patient, target, message);
    await node.mined(submitGrant(node, relayer, ledger, message, signature));
    // A plain transaction, without the ABI: viem cannot decode the revert, the selector still matches.
    const data = encodeFunctionData({
      abi: consentLedgerAbi,
      functionName: 'grant',
      args: grantArgs(message, signature),
    });
    const raw = await expectRevert(
      node.walletFor(relayer).sendTransaction({ to: ledger, data }),
      'ConsentLedger__AlreadyApplied',
    );
    expect(isAlreadyApplied(raw)).toBe(true);

    const other = await grantMessage(patient.address);
    const invalid = await expectRevert(
      submitGrant(node, relayer, ledger, other, await signGrant(newPatient(), target, other)),
      'ConsentLedger__InvalidSigner',
    );
    expect(isAlreadyApplied(invalid)).toBe(false);
    expect(isAlreadyApplied(new Error('ConsentLedger__AlreadyApplied'))).toBe(false);
    expect(isAlreadyApplied(undefined)).toBe(false);
  });
});

describe('T31 chain id change', () => {
  // Runs last in this file: it changes the node's chain id.
  it('recomputes the domain separator, so signatures for the old chain stop working', async () => {
    const patient = newPatient();
    const oldMessage = await grantMessage(patient.address);
    const oldSignature = await signGrant(patient, target, oldMessage);
    const read = (client: AnvilClients) =>
      client.publicClient.readContract({
        address: ledger,
        abi: consentLedgerAbi,
        functionName: 'DOMAIN_SEPARATOR',
      });
    expect(await read(node)).toBe(domainSeparator({ domain: consentDomain(anvil.chainId, ledger) }));

    const newChainId = anvil.chainId + 1000;
    await node.rpc('anvil_setChainId', [newChainId]);
    const forked = connect({ rpcUrl: anvil.rpcUrl, chainId: newChainId });
    expect(await read(forked)).toBe(domainSeparator({ domain: consentDomain(newChainId, ledger) }));

    await expectRevert(
      submitGrant(forked, relayer, ledger, oldMessage, oldSignature),
      'ConsentLedger__InvalidSigner',
    );
    const newSignature = await signGrant(patient, { chainId: newChainId, ledger }, oldMessage);
    await forked.mined(submitGrant(forked, relayer, ledger, oldMessage, newSignature));
    expect(await ledgerViews(forked, ledger).isActive(await views.grantIdOf(oldMessage))).toBe(true);
  });
});
