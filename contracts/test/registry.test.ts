// Registry on a real anvil node: registrar-only writes, status transitions, errors and views.
import { keccak256, parseEventLogs, toHex, zeroAddress, zeroHash, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryAbi, registryBytecode } from '../index.ts';
import {
  connect,
  deployer,
  deployRegistry,
  devAccount,
  registrar,
  relayer,
  startAnvil,
  type Anvil,
  type AnvilClients,
} from './anvil.ts';
import { expectRevert } from './expect-revert.ts';

// Mirrors of the Solidity enums.
const Kind = { Practitioner: 0, Pharmacy: 1, Organisation: 2 } as const;
const Status = { None: 0, Pending: 1, Verified: 2, Suspended: 3 } as const;
const REGISTRAR_ROLE = keccak256(toHex('REGISTRAR_ROLE'));

const doctor = devAccount(5).address;
const pharmacy = devAccount(6).address;
const licence = (label: string) => keccak256(toHex(`licence:${label}`));

let anvil: Anvil;
let node: AnvilClients;
let address: Address;

beforeAll(async () => {
  anvil = await startAnvil();
  node = connect(anvil);
  address = await deployRegistry(node);
});
afterAll(() => anvil?.stop());

const entryOf = (account: Address) =>
  node.publicClient.readContract({ address, abi: registryAbi, functionName: 'entryOf', args: [account] });
const isVerified = (account: Address) =>
  node.publicClient.readContract({ address, abi: registryAbi, functionName: 'isVerified', args: [account] });
const register = (as: typeof registrar, account: Address, licenceHash: `0x${string}`, kind: number) =>
  node.walletFor(as).writeContract({
    address,
    abi: registryAbi,
    functionName: 'register',
    args: [account, licenceHash, kind],
  });
const setStatus = (as: typeof registrar, account: Address, status: number) =>
  node
    .walletFor(as)
    .writeContract({ address, abi: registryAbi, functionName: 'setStatus', args: [account, status] });

async function blockTime(blockNumber: bigint): Promise<bigint> {
  return (await node.publicClient.getBlock({ blockNumber })).timestamp;
}

describe('Registry', () => {
  it('exposes REGISTRAR_ROLE and gives it only to whom the admin grants it', async () => {
    expect(
      await node.publicClient.readContract({ address, abi: registryAbi, functionName: 'REGISTRAR_ROLE' }),
    ).toBe(REGISTRAR_ROLE);
    const hasRole = (account: Address) =>
      node.publicClient.readContract({
        address,
        abi: registryAbi,
        functionName: 'hasRole',
        args: [REGISTRAR_ROLE, account],
      });
    expect(await hasRole(registrar.address)).toBe(true);
    expect(await hasRole(deployer.address)).toBe(false);
  });

  it('rejects a zero admin at deployment', async () => {
    await expectRevert(
      node.deploy(deployer, registryAbi, registryBytecode, [zeroAddress]),
      'Registry__ZeroAddress',
    );
  });

  it('reports an unknown account as unregistered and not verified', async () => {
    expect(await entryOf(doctor)).toEqual({
      licenceHash: zeroHash,
      kind: Kind.Practitioner,
      status: Status.None,
      updatedAt: 0n,
    });
    expect(await isVerified(doctor)).toBe(false);
  });

  it('lets only a registrar register or change status', async () => {
    for (const account of [deployer, relayer]) {
      await expectRevert(
        register(account, doctor, licence('doctor'), Kind.Practitioner),
        'AccessControlUnauthorizedAccount',
        [account.address, REGISTRAR_ROLE],
      );
      await expectRevert(setStatus(account, doctor, Status.Verified), 'AccessControlUnauthorizedAccount', [
        account.address,
        REGISTRAR_ROLE,
      ]);
    }
  });

  it('registers an account as Pending and emits EntryRegistered', async () => {
    const receipt = await node.mined(register(registrar, doctor, licence('doctor'), Kind.Practitioner));
    const [event] = parseEventLogs({ abi: registryAbi, logs: receipt.logs, eventName: 'EntryRegistered' });
    expect(event?.args).toEqual({ account: doctor, kind: Kind.Practitioner, licenceHash: licence('doctor') });
    expect(await entryOf(doctor)).toEqual({
      licenceHash: licence('doctor'),
      kind: Kind.Practitioner,
      status: Status.Pending,
      updatedAt: await blockTime(receipt.blockNumber),
    });
    expect(await isVerified(doctor)).toBe(false);
  });

  it('rejects registering twice or the zero address', async () => {
    await expectRevert(
      register(registrar, doctor, licence('other'), Kind.Pharmacy),
      'Registry__AlreadyRegistered',
      [doctor],
    );
    await expectRevert(
      register(registrar, zeroAddress, licence('zero'), Kind.Pharmacy),
      'Registry__ZeroAddress',
    );
  });

  it('verifies, suspends and reinstates, emitting StatusChanged each time', async () => {
    await node.mined(register(registrar, pharmacy, licence('pharmacy'), Kind.Pharmacy));
    for (const [status, verified] of [
      [Status.Verified, true],
      [Status.Suspended, false],
      [Status.Pending, false],
      [Status.Verified, true],
    ] as const) {
      const receipt = await node.mined(setStatus(registrar, pharmacy, status));
      const [event] = parseEventLogs({ abi: registryAbi, logs: receipt.logs, eventName: 'StatusChanged' });
      expect(event?.args).toEqual({ account: pharmacy, status });
      const entry = await entryOf(pharmacy);
      expect(entry).toMatchObject({ licenceHash: licence('pharmacy'), kind: Kind.Pharmacy, status });
      expect(entry.updatedAt).toBe(await blockTime(receipt.blockNumber));
      expect(await isVerified(pharmacy)).toBe(verified);
    }
  });

  it('rejects a status for an unregistered account, None, or the current status', async () => {
    const stranger = devAccount(7).address;
    await expectRevert(setStatus(registrar, stranger, Status.Verified), 'Registry__NotRegistered', [
      stranger,
    ]);
    await expectRevert(setStatus(registrar, pharmacy, Status.None), 'Registry__InvalidStatus');
    await expectRevert(setStatus(registrar, pharmacy, Status.Verified), 'Registry__InvalidStatus');
  });

  it('records the organisation kind', async () => {
    const organisation = devAccount(8).address;
    await node.mined(register(registrar, organisation, licence('org'), Kind.Organisation));
    expect((await entryOf(organisation)).kind).toBe(Kind.Organisation);
  });

  it('stops a registrar whose role the admin revoked', async () => {
    await node.mined(
      node.walletFor(deployer).writeContract({
        address,
        abi: registryAbi,
        functionName: 'revokeRole',
        args: [REGISTRAR_ROLE, registrar.address],
      }),
    );
    await expectRevert(
      register(registrar, devAccount(9).address, licence('late'), Kind.Practitioner),
      'AccessControlUnauthorizedAccount',
    );
  });
});
