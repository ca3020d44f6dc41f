// Merkle conformance (RELIABILITY T20): our tree against OpenZeppelin's SimpleMerkleTree as the second,
// independently written implementation, plus the duplication and interior-node-as-leaf attacks.
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import fc from 'fast-check';
import { bytesToHex, concat, keccak256, toHex } from 'viem';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { Invalid } from './errors.ts';
import { recordLeaf } from './leaf.ts';
import { buildMerkleTree, hashPair, verifyMerkleProof } from './merkle.ts';

const leafAt = (i: number): Hex => keccak256(toHex(i));
const leavesOf = (n: number, offset = 0): Hex[] => Array.from({ length: n }, (_, i) => leafAt(offset + i));
const POOL = leavesOf(256);
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => bytesToHex(bytes));

// OpenZeppelin's own proof for value i, read off its dumped array without re-hashing (getProof re-verifies
// every proof with its slower hashing, which would dominate the run time).
function ozProofs(tree: SimpleMerkleTree): Hex[][] {
  const { tree: nodes, values } = tree.dump();
  return values.map(({ treeIndex }) => {
    const proof: Hex[] = [];
    for (let k = treeIndex; k > 0; k = Math.floor((k - 1) / 2)) {
      proof.push(nodes[k % 2 === 1 ? k + 1 : k - 1] as Hex);
    }
    return proof;
  });
}

describe('hashPair', () => {
  it('is commutative keccak256 of the sorted pair', () => {
    fc.assert(
      fc.property(bytes32, bytes32, (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(hashPair(a, b)).toBe(keccak256(concat([lo, hi])));
        expect(hashPair(b, a)).toBe(hashPair(a, b));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects nodes that are not 32 bytes', () => {
    expect(() => hashPair('0x12', leafAt(0))).toThrow(Invalid);
  });
});

describe('buildMerkleTree against SimpleMerkleTree', () => {
  it('gives the same root and proofs for every size 1–256, and the proofs verify with both verifiers', () => {
    for (let n = 1; n <= 256; n++) {
      const leaves = POOL.slice(0, n);
      const ours = buildMerkleTree(leaves);
      const oz = SimpleMerkleTree.of(leaves);
      expect(ours.root, `size ${n}`).toBe(oz.root);
      expect(ours.proofs, `size ${n}`).toEqual(ozProofs(oz));
      // Every index up to 64 leaves; beyond that the proofs equal OpenZeppelin's (just checked), so the
      // edges and the middle are enough.
      const indices = n <= 64 ? leaves.keys() : [0, n >> 1, n - 1];
      for (const i of indices) {
        const leaf = leaves[i] as Hex;
        const proof = ours.proofs[i] as Hex[];
        expect(verifyMerkleProof(leaf, proof, ours.root), `size ${n} index ${i}`).toBe(true);
        expect(SimpleMerkleTree.verify(ours.root, leaf, proof), `size ${n} index ${i}`).toBe(true);
      }
    }
  });

  it('matches OpenZeppelin on 1,000 random lists of distinct leaves', () => {
    fc.assert(
      fc.property(fc.uniqueArray(bytes32, { minLength: 1, maxLength: 33 }), fc.nat(), (leaves, pick) => {
        const ours = buildMerkleTree(leaves);
        const oz = SimpleMerkleTree.of(leaves);
        expect(ours.root).toBe(oz.root);
        expect(ours.proofs).toEqual(ozProofs(oz));
        const i = pick % leaves.length;
        expect(verifyMerkleProof(leaves[i] as Hex, ours.proofs[i] as Hex[], ours.root)).toBe(true);
        expect(SimpleMerkleTree.verify(ours.root, leaves[i] as Hex, ours.proofs[i] as Hex[])).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('aligns proofs with the input order, whatever that order is', () => {
    const leaves = leavesOf(37);
    const shuffled = [...leaves].reverse();
    const a = buildMerkleTree(leaves);
    const b = buildMerkleTree(shuffled);
    expect(b.root).toBe(a.root);
    shuffled.forEach((leaf, i) => expect(b.proofs[i]).toEqual(a.proofs[leaves.indexOf(leaf)]));
  });

  it('treats upper- and lower-case hex as the same leaf', () => {
    const leaves = leavesOf(5);
    const upper = leaves.map((leaf) => `0x${leaf.slice(2).toUpperCase()}` satisfies Hex);
    expect(buildMerkleTree(upper).root).toBe(buildMerkleTree(leaves).root);
  });

  it('builds a 10,000-leaf tree well under a second', () => {
    const leaves = leavesOf(10_000);
    const started = performance.now();
    const { root, proofs } = buildMerkleTree(leaves);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
    expect(proofs).toHaveLength(10_000);
    expect(verifyMerkleProof(leaves[9_999] as Hex, proofs[9_999] as Hex[], root)).toBe(true);
  });
});

describe('buildMerkleTree input checks', () => {
  it('rejects an empty list', () => {
    expect(() => buildMerkleTree([])).toThrow(Invalid);
  });

  it('rejects leaves that are not 32 bytes of hex', () => {
    expect(() => buildMerkleTree([leafAt(0), '0x1234'])).toThrow(Invalid);
    expect(() => buildMerkleTree([`0x${'zz'.repeat(32)}`])).toThrow(Invalid);
  });

  it('rejects duplicate leaves, including ones that differ only in case', () => {
    const [a, b, c] = leavesOf(3) as [Hex, Hex, Hex];
    expect(() => buildMerkleTree([a, b, c, c])).toThrow(Invalid);
    expect(() => buildMerkleTree([a, a])).toThrow(Invalid);
    expect(() => buildMerkleTree([a, b, `0x${a.slice(2).toUpperCase()}`])).toThrow(Invalid);
  });
});

describe('no two distinct leaf sets share a root (CVE-2012-2459 class)', () => {
  it('gives a distinct root to each of the 8,191 non-empty subsets of 13 leaves', () => {
    // Subsets of one pool share prefixes, suffixes and odd tails, which is where a tree that pads odd
    // levels by duplicating a node (Bitcoin's) lets [a, b, c] and [a, b, c, c] collide.
    const pool = leavesOf(13);
    const roots = new Map<Hex, number>();
    for (let mask = 1; mask < 1 << pool.length; mask++) {
      const subset = pool.filter((_, i) => (mask >> i) & 1);
      const { root } = buildMerkleTree(subset);
      expect(roots.get(root), `subset ${mask} collides`).toBeUndefined();
      roots.set(root, mask);
    }
    expect(roots.size).toBe(8191);
  });

  it('does not give [a, b, c] the root of the padded [a, b, c, c]', () => {
    const [a, b, c] = leavesOf(3) as [Hex, Hex, Hex];
    const three = buildMerkleTree([a, b, c]).root;
    // What the root of [a, b, c, c] would be if it were built rather than rejected.
    const sorted = [a, b, c].sort();
    const padded = hashPair(hashPair(sorted[0] as Hex, sorted[1] as Hex), hashPair(c, c));
    expect(three).not.toBe(padded);
    expect(three).not.toBe(SimpleMerkleTree.of([a, b, c, hashPair(c, c)]).root);
  });
});

describe('an interior node offered as a leaf', () => {
  // `verifyMerkleProof` is OpenZeppelin's processProof and accepts any 32-byte node, so a bare interior
  // node with the rest of the proof does verify. What stops the second-preimage attack is that a verifier
  // only ever derives a leaf from data, as keccak256(keccak256(data)): an interior node is keccak256 of its
  // two 32-byte children, so passing it off as a leaf needs data whose keccak256 is those 64 bytes, which
  // a 32-byte digest can never be. A single-hashed leaf scheme, keccak256(data), would accept it.
  const leafOfData = (data: Hex): Hex => keccak256(keccak256(data));

  it('is rejected when the leaf is derived from data, for every interior node of trees of 2–64 leaves', () => {
    for (let n = 2; n <= 64; n++) {
      const leaves = Array.from({ length: n }, (_, i) =>
        recordLeaf({ kind: 'Observation', id: `obs-${n}-${i}`, version: 1, contentHash: leafAt(i) }),
      );
      const { root, proofs } = buildMerkleTree(leaves);
      const checked = new Set<Hex>();
      leaves.forEach((leaf, i) => {
        const proof = proofs[i] as Hex[];
        let node = leaf;
        for (let level = 0; level < proof.length; level++) {
          const sibling = proof[level] as Hex;
          const [lo, hi] = node < sibling ? [node, sibling] : [sibling, node];
          const forgedData = concat([lo, hi]);
          node = hashPair(node, sibling);
          if (checked.has(node)) continue;
          checked.add(node);
          const rest = proof.slice(level + 1);
          // The bare node verifies (processProof semantics) ...
          expect(verifyMerkleProof(node, rest, root)).toBe(true);
          // ... and would pass a single-hash scheme ...
          expect(keccak256(forgedData)).toBe(node);
          // ... but not once hashed as a leaf is.
          expect(verifyMerkleProof(leafOfData(forgedData), rest, root)).toBe(false);
          expect(leaves).not.toContain(node);
        }
      });
      expect(checked.size).toBe(n - 1);
    }
  });
});

describe('verifyMerkleProof input checks', () => {
  it('returns false, not an exception, for malformed input', () => {
    const leaves = leavesOf(4);
    const { root, proofs } = buildMerkleTree(leaves);
    const proof = proofs[0] as Hex[];
    expect(verifyMerkleProof('0x12', proof, root)).toBe(false);
    expect(verifyMerkleProof(leaves[0] as Hex, [...proof, '0x'], root)).toBe(false);
    expect(verifyMerkleProof(leaves[0] as Hex, proof, '0xnothex')).toBe(false);
  });

  it('accepts upper-case hex like the contract would', () => {
    const leaves = leavesOf(4);
    const { root, proofs } = buildMerkleTree(leaves);
    const upper = (hex: Hex): Hex => `0x${hex.slice(2).toUpperCase()}`;
    expect(verifyMerkleProof(upper(leaves[2] as Hex), (proofs[2] as Hex[]).map(upper), upper(root))).toBe(
      true,
    );
  });
});
