// AnchorLog on a real anvil node: relayer-only anchoring, its errors, the views and proof checks.
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256, parseEventLogs, toHex, zeroAddress, zeroHash, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorLogAbi } from '../index.ts';
import {
  connect,
  deployAnchorLog,
  deployer,
  devAccount,
  relayer,
  startAnvil,
  type Anvil,
  type AnvilClients,
} from './anvil.ts';
import { expectRevert } from './expect-revert.ts';

const outsider = devAccount(5);
const leavesOf = (label: string, count: number): Hex[] =>
  Array.from({ length: count }, (_, i) => keccak256(toHex(`${label}-${i}`)));

let anvil: Anvil;
let node: AnvilClients;
let address: Address;

beforeAll(async () => {
  anvil = await startAnvil();
  node = connect(anvil);
  address = await deployAnchorLog(node);
});
afterAll(() => anvil?.stop());

const read = {
  rootCount: () => node.publicClient.readContract({ address, abi: anchorLogAbi, functionName: 'rootCount' }),
  rootAt: (index: bigint) =>
    node.publicClient.readContract({ address, abi: anchorLogAbi, functionName: 'rootAt', args: [index] }),
  rootInfo: (root: Hex) =>
    node.publicClient.readContract({ address, abi: anchorLogAbi, functionName: 'rootInfo', args: [root] }),
  verify: (root: Hex, leaf: Hex, proof: readonly Hex[]) =>
    node.publicClient.readContract({
      address,
      abi: anchorLogAbi,
      functionName: 'verify',
      args: [root, leaf, proof],
    }),
};

function anchorAs(account: typeof relayer, root: Hex, leafCount: bigint) {
  return node
    .walletFor(account)
    .writeContract({ address, abi: anchorLogAbi, functionName: 'anchor', args: [root, leafCount] });
}

describe('AnchorLog', () => {
  it('gives the admin and relayer roles from the constructor', async () => {
    const [adminRole, relayerRole] = await Promise.all([
      node.publicClient.readContract({ address, abi: anchorLogAbi, functionName: 'DEFAULT_ADMIN_ROLE' }),
      node.publicClient.readContract({ address, abi: anchorLogAbi, functionName: 'RELAYER_ROLE' }),
    ]);
    expect(relayerRole).toBe(keccak256(toHex('RELAYER_ROLE')));
    const hasRole = (role: Hex, account: Address) =>
      node.publicClient.readContract({
        address,
        abi: anchorLogAbi,
        functionName: 'hasRole',
        args: [role, account],
      });
    expect(await hasRole(adminRole, deployer.address)).toBe(true);
    expect(await hasRole(relayerRole, relayer.address)).toBe(true);
    expect(await hasRole(relayerRole, deployer.address)).toBe(false);
  });

  it('rejects a zero admin or relayer at deployment', async () => {
    await expectRevert(deployAnchorLog(node, zeroAddress), 'AnchorLog__ZeroAddress');
    await expectRevert(deployAnchorLog(node, deployer.address, zeroAddress), 'AnchorLog__ZeroAddress');
  });

  it('lets only the relayer anchor', async () => {
    const root = keccak256(toHex('unauthorised'));
    const relayerRole = keccak256(toHex('RELAYER_ROLE'));
    for (const account of [outsider, deployer]) {
      await expectRevert(anchorAs(account, root, 1n), 'AccessControlUnauthorizedAccount', [
        account.address,
        relayerRole,
      ]);
    }
    expect((await read.rootInfo(root))[0]).toBe(false);
  });

  it('anchors a root, emits RootAnchored and records where and when', async () => {
    const tree = SimpleMerkleTree.of(leavesOf('batch-a', 5));
    const root = tree.root as Hex;
    const countBefore = await read.rootCount();

    const receipt = await node.mined(anchorAs(relayer, root, 5n));

    const [event] = parseEventLogs({ abi: anchorLogAbi, logs: receipt.logs, eventName: 'RootAnchored' });
    expect(event?.args).toEqual({ index: countBefore, root, leafCount: 5n });
    const block = await node.publicClient.getBlock({ blockNumber: receipt.blockNumber });
    expect(await read.rootInfo(root)).toEqual([true, countBefore, receipt.blockNumber, block.timestamp, 5n]);
    expect(await read.rootCount()).toBe(countBefore + 1n);
    expect(await read.rootAt(countBefore)).toBe(root);
  });

  it('keeps roots in anchoring order', async () => {
    const start = await read.rootCount();
    const roots = ['order-1', 'order-2', 'order-3'].map((label) => keccak256(toHex(label)));
    for (const root of roots) await node.mined(anchorAs(relayer, root, 1n));
    expect(await read.rootCount()).toBe(start + 3n);
    for (const [i, root] of roots.entries()) {
      expect(await read.rootAt(start + BigInt(i))).toBe(root);
      expect((await read.rootInfo(root))[1]).toBe(start + BigInt(i));
    }
  });

  it('rejects a duplicate root, a zero root and an empty batch', async () => {
    const root = keccak256(toHex('duplicate'));
    await node.mined(anchorAs(relayer, root, 2n));
    const count = await read.rootCount();
    await expectRevert(anchorAs(relayer, root, 2n), 'AnchorLog__AlreadyAnchored', [root]);
    await expectRevert(anchorAs(relayer, zeroHash, 1n), 'AnchorLog__EmptyRoot');
    await expectRevert(anchorAs(relayer, keccak256(toHex('empty')), 0n), 'AnchorLog__EmptyBatch');
    expect(await read.rootCount()).toBe(count);
  });

  it('reports an unknown root as not anchored and an index past the end as out of bounds', async () => {
    expect(await read.rootInfo(keccak256(toHex('never anchored')))).toEqual([false, 0n, 0n, 0n, 0n]);
    const count = await read.rootCount();
    await expectRevert(read.rootAt(count), 'AnchorLog__IndexOutOfBounds', [count]);
  });

  it('verifies every leaf of an anchored batch and rejects wrong leaves, proofs and roots', async () => {
    const leaves = leavesOf('batch-b', 7);
    const tree = SimpleMerkleTree.of(leaves);
    const root = tree.root as Hex;
    await node.mined(anchorAs(relayer, root, BigInt(leaves.length)));

    for (const [i, leaf] of leaves.entries()) {
      expect(await read.verify(root, leaf, tree.getProof(i) as Hex[])).toBe(true);
    }
    const proof0 = tree.getProof(0) as Hex[];
    expect(await read.verify(root, keccak256(toHex('not in the batch')), proof0)).toBe(false);
    expect(await read.verify(root, leaves[0]!, tree.getProof(1) as Hex[])).toBe(false);
    expect(await read.verify(root, leaves[0]!, [])).toBe(false);

    // A correct proof against a root that was never anchored proves nothing.
    const unanchored = SimpleMerkleTree.of(leavesOf('batch-c', 4));
    expect(
      await read.verify(unanchored.root as Hex, leavesOf('batch-c', 4)[2]!, unanchored.getProof(2) as Hex[]),
    ).toBe(false);
  });

  it('verifies a single-leaf batch, whose root is the leaf and whose proof is empty', async () => {
    const [leaf] = leavesOf('single', 1);
    const tree = SimpleMerkleTree.of([leaf!]);
    expect(tree.root).toBe(leaf);
    await node.mined(anchorAs(relayer, leaf!, 1n));
    expect(await read.verify(leaf!, leaf!, [])).toBe(true);
  });

  it('lets the admin add a relayer', async () => {
    const relayerRole = keccak256(toHex('RELAYER_ROLE'));
    await node.mined(
      node.walletFor(deployer).writeContract({
        address,
        abi: anchorLogAbi,
        functionName: 'grantRole',
        args: [relayerRole, outsider.address],
      }),
    );
    await node.mined(anchorAs(outsider, keccak256(toHex('second relayer')), 3n));
  });
});
