// The public surface the server and web app are written against.
import { describe, expect, it } from 'vitest';
import * as core from './index.ts';

describe('@medconnect/core exports', () => {
  it('exports every function, class and constant of the API', () => {
    const expected = [
      'AppError',
      'Invalid',
      'Unauthorized',
      'Forbidden',
      'NotFound',
      'Conflict',
      'PayloadTooLarge',
      'TooManyRequests',
      'Unavailable',
      'Tampered',
      'DecryptionFailed',
      'canonicalJson',
      'SALT_BYTES',
      'newSalt',
      'contentHash',
      'recordLeaf',
      'buildMerkleTree',
      'verifyMerkleProof',
      'hashPair',
      'generateDataKey',
      'encryptRecord',
      'decryptRecord',
      'wrapDataKey',
      'unwrapDataKey',
      'sealWithMasterKey',
      'openWithMasterKey',
      'verhoeffCheckDigit',
      'verhoeffValid',
      'generateHealthId',
      'formatHealthId',
      'parseHealthId',
      'passwordProblems',
      'PASSWORD_MIN_LENGTH',
      'PASSWORD_MAX_LENGTH',
    ];
    for (const name of expected) expect(core, name).toHaveProperty(name);
    expect(core.SALT_BYTES).toBe(32);
  });
});
