// Merkle leaf of a record version, byte-for-byte the OpenZeppelin StandardMerkleTree leaf for the types
// ['string', 'string', 'uint256', 'bytes32'], so Solidity can rebuild it with
// keccak256(bytes.concat(keccak256(abi.encode(kind, id, version, contentHash)))).
import { encodeAbiParameters, keccak256 } from 'viem';
import type { Hex } from 'viem';
import { Invalid } from './errors.ts';

export type LeafInput = { kind: string; id: string; version: number; contentHash: Hex };

const LEAF_TYPES = [
  { type: 'string' },
  { type: 'string' },
  { type: 'uint256' },
  { type: 'bytes32' },
] as const;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
// A lone surrogate encodes to U+FFFD in UTF-8, so two different ids could share one leaf.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The double hash is what makes a leaf impossible to confuse with an interior node: an interior node is
 * keccak256 of 64 bytes, while a leaf is keccak256 of a 32-byte digest.
 */
export function recordLeaf(input: LeafInput): Hex {
  const { kind, id, version, contentHash } = input;
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new Invalid('Leaf version must be a non-negative integer');
  }
  if (LONE_SURROGATE.test(kind) || LONE_SURROGATE.test(id)) {
    throw new Invalid('Leaf kind and id must be well-formed Unicode');
  }
  if (!BYTES32.test(contentHash)) throw new Invalid('Leaf content hash must be 32 bytes of hex');
  const encoded = encodeAbiParameters(LEAF_TYPES, [kind, id, BigInt(version), contentHash]);
  return keccak256(keccak256(encoded, 'bytes'));
}
