// Merkle trees over record leaves, laid out exactly like OpenZeppelin's SimpleMerkleTree (leaves sorted,
// array-form complete binary tree, sorted-pair keccak256 nodes), so roots anchored by the relayer verify
// on chain with OpenZeppelin `MerkleProof.verify` and match `SimpleMerkleTree.of(leaves).root`.
import { bytesToHex, hexToBytes, keccak256 } from 'viem';
import type { Hex } from 'viem';
import { Invalid } from './errors.ts';

export type MerkleTree = { root: Hex; proofs: Hex[][] };

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

// Commutative keccak256 (OpenZeppelin `Hashes.commutativeKeccak256`): the smaller word goes first, so a
// proof needs no left/right flags.
function hashPairBytes(a: Uint8Array, b: Uint8Array, scratch: Uint8Array): Uint8Array {
  const [lo, hi] = compareBytes(a, b) <= 0 ? [a, b] : [b, a];
  scratch.set(lo, 0);
  scratch.set(hi, 32);
  return keccak256(scratch, 'bytes');
}

/** Interior node of two children, `keccak256(min(a, b) ‖ max(a, b))`. */
export function hashPair(a: Hex, b: Hex): Hex {
  if (!BYTES32.test(a) || !BYTES32.test(b)) throw new Invalid('Merkle nodes must be 32 bytes of hex');
  return bytesToHex(hashPairBytes(hexToBytes(a), hexToBytes(b), new Uint8Array(64)));
}

/**
 * Builds the tree and one proof per leaf, `proofs[i]` proving `leaves[i]`. The root commits to the set of
 * leaves (their order does not matter, since they are sorted first). Duplicate leaves are rejected: a
 * tree that holds a leaf twice gives two valid proofs for one value and invites the CVE-2012-2459 class of
 * confusion between different lists with one root.
 */
export function buildMerkleTree(leaves: readonly Hex[]): MerkleTree {
  const n = leaves.length;
  if (n === 0) throw new Invalid('A Merkle tree needs at least one leaf');

  const normalised = leaves.map((leaf, index) => {
    if (typeof leaf !== 'string' || !BYTES32.test(leaf)) {
      throw new Invalid('Merkle leaves must be 32 bytes of hex', { index });
    }
    return leaf.toLowerCase() as Hex;
  });
  const seen = new Map<Hex, number>();
  for (const [index, leaf] of normalised.entries()) {
    const first = seen.get(leaf);
    if (first !== undefined)
      throw new Invalid('Merkle leaves must be distinct', { index, duplicateOf: first });
    seen.set(leaf, index);
  }

  // Lowercase hex of equal length sorts like the bytes it encodes.
  const order = normalised
    .map((_, index) => index)
    .sort((i, j) => {
      const a = normalised[i] as Hex;
      const b = normalised[j] as Hex;
      return a < b ? -1 : a > b ? 1 : 0;
    });

  // Array form: node k has children 2k+1 and 2k+2; the i-th smallest leaf sits at index size-1-i.
  const size = 2 * n - 1;
  const nodes = new Array<Uint8Array>(size);
  const hex = new Array<Hex>(size);
  const treeIndexOf = new Array<number>(n);
  for (const [rank, input] of order.entries()) {
    const k = size - 1 - rank;
    const leaf = normalised[input] as Hex;
    hex[k] = leaf;
    nodes[k] = hexToBytes(leaf);
    treeIndexOf[input] = k;
  }
  const scratch = new Uint8Array(64);
  for (let k = size - 1 - n; k >= 0; k--) {
    const node = hashPairBytes(nodes[2 * k + 1] as Uint8Array, nodes[2 * k + 2] as Uint8Array, scratch);
    nodes[k] = node;
    hex[k] = bytesToHex(node);
  }

  const proofs = treeIndexOf.map((start) => {
    const proof: Hex[] = [];
    for (let k = start; k > 0; k = (k - 1) >> 1) {
      proof.push(hex[k % 2 === 1 ? k + 1 : k - 1] as Hex);
    }
    return proof;
  });
  return { root: hex[0] as Hex, proofs };
}

/**
 * OpenZeppelin `MerkleProof.verify`: folds the proof over the leaf with `hashPair` and compares with the
 * root. Malformed input verifies as false rather than throwing. Like the contract, it accepts any 32-byte
 * node as `leaf`; callers must derive the leaf from record data with `recordLeaf`, never take a leaf hash
 * from an untrusted party, which is what closes the interior-node-as-leaf second preimage.
 */
export function verifyMerkleProof(leaf: Hex, proof: readonly Hex[], root: Hex): boolean {
  if (!isBytes32(leaf) || !isBytes32(root) || !proof.every(isBytes32)) return false;
  const scratch = new Uint8Array(64);
  let computed = hexToBytes(leaf);
  for (const sibling of proof) computed = hashPairBytes(computed, hexToBytes(sibling), scratch);
  return compareBytes(computed, hexToBytes(root)) === 0;
}

function isBytes32(value: unknown): value is Hex {
  return typeof value === 'string' && BYTES32.test(value);
}
