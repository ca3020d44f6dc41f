// Record leaves match OpenZeppelin's StandardMerkleTree leaf hash byte for byte.
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import fc from 'fast-check';
import { bytesToHex, encodeAbiParameters, keccak256 } from 'viem';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { Invalid } from './errors.ts';
import { recordLeaf } from './leaf.ts';

const TYPES = ['string', 'string', 'uint256', 'bytes32'];
const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => bytesToHex(bytes));
const hash = ('0x' + 'ab'.repeat(32)) as Hex;

function ozLeaf(kind: string, id: string, version: number, contentHash: Hex): Hex {
  const tree = StandardMerkleTree.of([[kind, id, version, contentHash]], TYPES);
  return tree.leafHash([kind, id, version, contentHash]) as Hex;
}

describe('recordLeaf', () => {
  it('equals StandardMerkleTree.leafHash for the same values', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(), hash32, (kind, id, version, contentHash) => {
        fc.pre(!/\p{Cs}/u.test(kind + id));
        expect(recordLeaf({ kind, id, version, contentHash })).toBe(ozLeaf(kind, id, version, contentHash));
      }),
      { numRuns: 200 },
    );
  });

  it('is keccak256(keccak256(abi.encode(kind, id, version, contentHash)))', () => {
    const encoded = encodeAbiParameters(
      [{ type: 'string' }, { type: 'string' }, { type: 'uint256' }, { type: 'bytes32' }],
      ['Observation', 'obs-1', 3n, hash],
    );
    expect(recordLeaf({ kind: 'Observation', id: 'obs-1', version: 3, contentHash: hash })).toBe(
      keccak256(keccak256(encoded)),
    );
  });

  it('separates fields unambiguously', () => {
    const a = recordLeaf({ kind: 'ab', id: 'c', version: 1, contentHash: hash });
    const b = recordLeaf({ kind: 'a', id: 'bc', version: 1, contentHash: hash });
    const c = recordLeaf({ kind: 'ab', id: 'c', version: 2, contentHash: hash });
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('rejects malformed input', () => {
    const base = { kind: 'Observation', id: 'obs-1', version: 1, contentHash: hash };
    expect(() => recordLeaf({ ...base, version: -1 })).toThrow(Invalid);
    expect(() => recordLeaf({ ...base, version: 1.5 })).toThrow(Invalid);
    expect(() => recordLeaf({ ...base, contentHash: '0x1234' })).toThrow(Invalid);
    expect(() => recordLeaf({ ...base, id: 'a\ud800' })).toThrow(Invalid);
  });
});
