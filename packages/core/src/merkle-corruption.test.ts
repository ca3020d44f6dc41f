// Proof verifier corruption set (RELIABILITY T21): for every tree size 1–64 and every leaf, the happy
// path verifies and every corrupted variant of leaf, proof or root is rejected.
import { keccak256, toHex } from 'viem';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { buildMerkleTree, verifyMerkleProof } from './merkle.ts';

const POOL: Hex[] = Array.from({ length: 64 }, (_, i) => keccak256(toHex(`leaf-${i}`)));
const ZERO: Hex = `0x${'00'.repeat(32)}`;

/** Flips one bit of a 32-byte hex word; `bit` 0 is the lowest bit of the last byte. */
function flipBit(word: Hex, bit: number): Hex {
  const byte = 31 - (bit >> 3);
  const at = 2 + 2 * byte;
  const value = parseInt(word.slice(at, at + 2), 16) ^ (1 << (bit & 7));
  return `${word.slice(0, at)}${value.toString(16).padStart(2, '0')}${word.slice(at + 2)}` as Hex;
}

type Probe = { name: string; leaf: Hex; proof: readonly Hex[]; root: Hex };

/**
 * The transparency-dev style probes, adapted to sorted-pair proofs (which carry no index or tree size, so
 * those probes become "another leaf's proof" and "a proof of the wrong length").
 */
function corruptions(leaves: readonly Hex[], proofs: readonly Hex[][], root: Hex, index: number): Probe[] {
  const leaf = leaves[index] as Hex;
  const proof = proofs[index] as Hex[];
  const probes: Probe[] = [
    { name: 'root with its low bit flipped', leaf, proof, root: flipBit(root, 0) },
    { name: 'zero root', leaf, proof, root: ZERO },
    { name: 'leaf with its low bit flipped', leaf: flipBit(leaf, 0), proof, root },
    { name: 'zero leaf', leaf: ZERO, proof, root },
    { name: 'leaf that is in no tree', leaf: keccak256(toHex('absent')), proof, root },
    { name: 'zero word appended', leaf, proof: [...proof, ZERO], root },
    { name: 'zero word prepended', leaf, proof: [ZERO, ...proof], root },
    { name: 'root appended', leaf, proof: [...proof, root], root },
    { name: 'leaf prepended', leaf, proof: [leaf, ...proof], root },
  ];
  if (leaves.length > 1) {
    const other = (index + 1) % leaves.length;
    probes.push(
      { name: 'empty proof', leaf, proof: [], root },
      { name: "another leaf with this leaf's proof", leaf: leaves[other] as Hex, proof, root },
      { name: "this leaf with another leaf's proof", leaf, proof: proofs[other] as Hex[], root },
      { name: 'root offered as the leaf', leaf: root, proof, root },
      { name: 'first element duplicated', leaf, proof: [...proof.slice(0, 1), ...proof], root },
    );
  }
  proof.forEach((element, k) => {
    const without = proof.filter((_, j) => j !== k);
    // Alternate between the lowest and the highest bit, so both ends of the word are exercised.
    const bit = k % 2 === 0 ? 0 : 255;
    probes.push(
      { name: `element ${k} bit ${bit} flipped`, leaf, proof: proof.with(k, flipBit(element, bit)), root },
      { name: `element ${k} removed`, leaf, proof: without, root },
    );
    const next = proof[k + 1];
    if (next !== undefined && next !== element) {
      probes.push({
        name: `elements ${k} and ${k + 1} swapped`,
        leaf,
        proof: proof.with(k, next).with(k + 1, element),
        root,
      });
    }
  });
  if (proof.length > 2) probes.push({ name: 'proof reversed', leaf, proof: [...proof].reverse(), root });
  return probes;
}

describe('verifyMerkleProof corruption set', () => {
  it('accepts every happy path and rejects every corruption, for every size 1–64 and every index', () => {
    let cases = 0;
    let probed = 0;
    const accepted: string[] = [];
    for (let n = 1; n <= 64; n++) {
      const leaves = POOL.slice(0, n);
      const { root, proofs } = buildMerkleTree(leaves);
      for (let i = 0; i < n; i++) {
        cases++;
        expect(verifyMerkleProof(leaves[i] as Hex, proofs[i] as Hex[], root), `size ${n} index ${i}`).toBe(
          true,
        );
        for (const probe of corruptions(leaves, proofs, root, i)) {
          probed++;
          if (verifyMerkleProof(probe.leaf, probe.proof, probe.root))
            accepted.push(`size ${n} index ${i}: ${probe.name}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(cases).toBe((64 * 65) / 2);
    // At least 12 probes per case on average, as the battery asks.
    expect(probed / cases).toBeGreaterThanOrEqual(12);
  });
});
