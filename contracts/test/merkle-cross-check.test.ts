// Cross-checks AnchorLog.verify against OpenZeppelin's merkle-tree library on 1,000 random batches
// (1-64 random bytes32 leaves each): for valid proofs, wrong leaves, tampered proofs and proofs
// presented against another anchored root, the contract must give the library's answer.
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import fc from 'fast-check';
import { encodeFunctionData, toHex, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorLogAbi } from '../index.ts';
import { connect, deployAnchorLog, relayer, startAnvil, type Anvil, type AnvilClients } from './anvil.ts';

const BATCHES = 1_000;
const SEED = 20_240_601;

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => toHex(bytes));
const batchArb = fc.record({
  leaves: fc.array(bytes32, { minLength: 1, maxLength: 64 }),
  pick: fc.nat(),
  stranger: bytes32,
});

interface Batch {
  leaves: Hex[];
  tree: SimpleMerkleTree;
  root: Hex;
  pick: number;
  stranger: Hex;
}

/** Flips the lowest bit of the last byte of a bytes32. */
const tamper = (value: Hex): Hex =>
  (value.slice(0, -2) + (parseInt(value.slice(-2), 16) ^ 1).toString(16).padStart(2, '0')) as Hex;

let anvil: Anvil;
let node: AnvilClients;
let address: Address;
let batches: Batch[];

beforeAll(async () => {
  anvil = await startAnvil();
  node = connect(anvil);
  address = await deployAnchorLog(node);
  batches = fc.sample(batchArb, { numRuns: BATCHES, seed: SEED }).map(({ leaves, pick, stranger }) => {
    const tree = SimpleMerkleTree.of(leaves);
    return { leaves, tree, root: tree.root as Hex, pick: pick % leaves.length, stranger };
  });

  // Signed locally with explicit nonce, gas and fees, queued with mining paused, then mined a few
  // full blocks at a time: far faster than one block per transaction.
  const nonce = await node.publicClient.getTransactionCount({ address: relayer.address });
  const block = await node.publicClient.getBlock();
  const maxFeePerGas = (block.baseFeePerGas ?? 0n) * 4n + 1n;
  const signed = await Promise.all(
    batches.map((batch, i) =>
      relayer.signTransaction({
        type: 'eip1559',
        chainId: anvil.chainId,
        to: address,
        data: encodeFunctionData({
          abi: anchorLogAbi,
          functionName: 'anchor',
          args: [batch.root, BigInt(batch.leaves.length)],
        }),
        nonce: nonce + i,
        gas: 150_000n,
        maxFeePerGas,
        maxPriorityFeePerGas: 1n,
      }),
    ),
  );
  await node.testClient.setAutomine(false);
  const hashes = await Promise.all(
    signed.map((serializedTransaction) => node.publicClient.sendRawTransaction({ serializedTransaction })),
  );
  while ((await node.publicClient.getTransactionCount({ address: relayer.address })) < nonce + BATCHES) {
    await node.testClient.mine({ blocks: 1 });
  }
  await node.testClient.setAutomine(true);
  const receipts = await Promise.all(hashes.map((hash) => node.publicClient.getTransactionReceipt({ hash })));
  expect(receipts.filter((receipt) => receipt.status !== 'success')).toEqual([]);
});
afterAll(() => anvil?.stop());

const verifyOnChain = (root: Hex, leaf: Hex, proof: readonly Hex[]) =>
  node.publicClient.readContract({
    address,
    abi: anchorLogAbi,
    functionName: 'verify',
    args: [root, leaf, proof],
  });

describe(`AnchorLog.verify against SimpleMerkleTree on ${BATCHES} random batches`, () => {
  it('anchored every root with its leaf count', async () => {
    expect(
      await node.publicClient.readContract({ address, abi: anchorLogAbi, functionName: 'rootCount' }),
    ).toBe(BigInt(BATCHES));
    const infos = await Promise.all(
      batches.map((batch) =>
        node.publicClient.readContract({
          address,
          abi: anchorLogAbi,
          functionName: 'rootInfo',
          args: [batch.root],
        }),
      ),
    );
    for (const [i, info] of infos.entries()) {
      expect([info[0], info[1], info[4]], `batch ${i}`).toEqual([
        true,
        BigInt(i),
        BigInt(batches[i]!.leaves.length),
      ]);
    }
  });

  it('gives the library answer for valid proofs, wrong leaves, tampered proofs and foreign roots', async () => {
    const checks = batches.flatMap((batch, i) => {
      const leaf = batch.leaves[batch.pick]!;
      const proof = batch.tree.getProof(batch.pick) as Hex[];
      const tampered = proof.length > 0 ? [tamper(proof[0]!), ...proof.slice(1)] : [batch.stranger];
      const foreignRoot = batches[(i + 1) % batches.length]!.root;
      return [
        { i, kind: 'valid', root: batch.root, leaf, proof },
        { i, kind: 'wrong leaf', root: batch.root, leaf: batch.stranger, proof },
        { i, kind: 'tampered proof', root: batch.root, leaf, proof: tampered },
        { i, kind: 'foreign root', root: foreignRoot, leaf, proof },
      ];
    });
    const results = await Promise.all(checks.map((c) => verifyOnChain(c.root, c.leaf, c.proof)));

    let valid = 0;
    for (const [n, check] of checks.entries()) {
      const expected = SimpleMerkleTree.verify(check.root, check.leaf, check.proof);
      expect(results[n], `batch ${check.i}, ${check.kind}`).toBe(expected);
      if (check.kind === 'valid') expect(expected, `batch ${check.i} library self-check`).toBe(true);
      if (expected) valid++;
    }
    expect(valid).toBe(BATCHES);
  });

  it('accepts the proof of every leaf in the first 50 batches', async () => {
    const checks = batches
      .slice(0, 50)
      .flatMap((batch) =>
        batch.leaves.map((leaf, j) => ({ root: batch.root, leaf, proof: batch.tree.getProof(j) as Hex[] })),
      );
    const results = await Promise.all(checks.map((c) => verifyOnChain(c.root, c.leaf, c.proof)));
    expect(results.every(Boolean)).toBe(true);
  });
});
