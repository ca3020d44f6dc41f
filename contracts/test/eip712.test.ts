// EIP-712 encoding: viem reproduces the specification's "Ether Mail" vector, and the ConsentLedger
// contract hashes Grant and Revoke messages exactly as viem does with consentDomain/consentTypes.
import {
  domainSeparator,
  encodeAbiParameters,
  hashStruct,
  hashTypedData,
  keccak256,
  parseSignature,
  toHex,
  type Address,
} from 'viem';
import { privateKeyToAccount, sign } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentDomain, consentLedgerAbi, consentTypes } from '../index.ts';
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
  ledgerViews,
  purposeHash,
  scopeHash,
  submitGrant,
  submitRevoke,
  type GrantMessage,
} from './consent.ts';

// The worked example of EIP-712 (ethereum/EIPs assets/eip-712/Example.js at
// f767a1e8078e17c9b381a91d35a09492189ede1b), with its expected hashes and signature.
const etherMail = {
  domain: {
    name: 'Ether Mail',
    version: '1',
    chainId: 1,
    verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC',
  },
  types: {
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
  expected: {
    typeHash: '0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2',
    structHash: '0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e',
    domainSeparator: '0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f',
    signingHash: '0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2',
    v: 28n,
    r: '0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d',
    s: '0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562',
  },
} as const;

describe('EIP-712 "Ether Mail" vector', () => {
  const cowKey = keccak256(toHex('cow'));

  it('hashes the type, message, domain and signing hash as the specification says', () => {
    expect(
      keccak256(toHex('Mail(Person from,Person to,string contents)Person(string name,address wallet)')),
    ).toBe(etherMail.expected.typeHash);
    expect(hashStruct({ types: etherMail.types, primaryType: 'Mail', data: etherMail.message })).toBe(
      etherMail.expected.structHash,
    );
    expect(domainSeparator({ domain: etherMail.domain })).toBe(etherMail.expected.domainSeparator);
    expect(hashTypedData(etherMail)).toBe(etherMail.expected.signingHash);
  });

  it('signs with the cow key to the expected v, r and s', async () => {
    const cow = privateKeyToAccount(cowKey);
    expect(cow.address).toBe(etherMail.message.from.wallet);
    const { v, r, s } = parseSignature(await cow.signTypedData(etherMail));
    expect({ v, r, s }).toEqual({
      v: etherMail.expected.v,
      r: etherMail.expected.r,
      s: etherMail.expected.s,
    });
  });
});

describe('ConsentLedger EIP-712 digest', () => {
  const patientKey = keccak256(toHex('medconnect test patient'));
  const patient = privateKeyToAccount(patientKey);
  let anvil: Anvil;
  let node: AnvilClients;
  let ledger: Address;

  beforeAll(async () => {
    anvil = await startAnvil();
    node = connect(anvil);
    ledger = await deployConsentLedger(node);
  });
  afterAll(() => anvil?.stop());

  it('has the domain separator viem computes from consentDomain', async () => {
    const separator = await node.publicClient.readContract({
      address: ledger,
      abi: consentLedgerAbi,
      functionName: 'DOMAIN_SEPARATOR',
    });
    expect(separator).toBe(domainSeparator({ domain: consentDomain(anvil.chainId, ledger) }));

    const [, name, version, chainId, verifyingContract] = await node.publicClient.readContract({
      address: ledger,
      abi: consentLedgerAbi,
      functionName: 'eip712Domain',
    });
    expect({ name, version, chainId: Number(chainId), verifyingContract }).toEqual(
      consentDomain(anvil.chainId, ledger),
    );
  });

  it('consentTypes encode the exact Grant and Revoke type strings', () => {
    const grant: GrantMessage = {
      patient: patient.address,
      grantee: devAccount(5).address,
      scopeHash: scopeHash('all'),
      purposeHash: purposeHash('care'),
      expiry: 2_000_000_000n,
      nonce: 7n,
      deadline: 1_900_000_000n,
    };
    const grantTypeHash = keccak256(
      toHex(
        'Grant(address patient,address grantee,bytes32 scopeHash,bytes32 purposeHash,uint64 expiry,uint256 nonce,uint256 deadline)',
      ),
    );
    expect(hashStruct({ types: consentTypes, primaryType: 'Grant', data: grant })).toBe(
      keccak256(
        encodeAbiParameters(
          ['bytes32', 'address', 'address', 'bytes32', 'bytes32', 'uint64', 'uint256', 'uint256'].map(
            (type) => ({ type }),
          ),
          [
            grantTypeHash,
            grant.patient,
            grant.grantee,
            grant.scopeHash,
            grant.purposeHash,
            grant.expiry,
            grant.nonce,
            grant.deadline,
          ],
        ),
      ),
    );

    const revoke = {
      patient: patient.address,
      grantId: keccak256('0x01'),
      nonce: 8n,
      deadline: 1_900_000_000n,
    };
    const revokeTypeHash = keccak256(
      toHex('Revoke(address patient,bytes32 grantId,uint256 nonce,uint256 deadline)'),
    );
    expect(hashStruct({ types: consentTypes, primaryType: 'Revoke', data: revoke })).toBe(
      keccak256(
        encodeAbiParameters(
          ['bytes32', 'address', 'bytes32', 'uint256', 'uint256'].map((type) => ({ type })),
          [revokeTypeHash, revoke.patient, revoke.grantId, revoke.nonce, revoke.deadline],
        ),
      ),
    );
  });

  it('accepts a signature over viem hashTypedData, so the contract digest is the same for Grant and Revoke', async () => {
    const now = await node.latestTimestamp();
    const grant: GrantMessage = {
      patient: patient.address,
      grantee: devAccount(5).address,
      scopeHash: scopeHash('all'),
      purposeHash: purposeHash('care'),
      expiry: now + 86_400n,
      nonce: 0n,
      deadline: now + 3_600n,
    };
    const domain = consentDomain(anvil.chainId, ledger);
    // Signing the raw digest (no typed-data helper in between) shows the contract computes exactly this hash.
    const grantDigest = hashTypedData({ domain, types: consentTypes, primaryType: 'Grant', message: grant });
    await node.mined(
      submitGrant(
        node,
        relayer,
        ledger,
        grant,
        await sign({ hash: grantDigest, privateKey: patientKey, to: 'hex' }),
      ),
    );
    const views = ledgerViews(node, ledger);
    const grantId = await views.grantIdOf(grant);
    expect(await views.isActive(grantId)).toBe(true);

    const revoke = { patient: patient.address, grantId, nonce: 1n, deadline: now + 3_600n };
    const revokeDigest = hashTypedData({
      domain,
      types: consentTypes,
      primaryType: 'Revoke',
      message: revoke,
    });
    await node.mined(
      submitRevoke(
        node,
        relayer,
        ledger,
        revoke,
        await sign({ hash: revokeDigest, privateKey: patientKey, to: 'hex' }),
      ),
    );
    expect(await views.isActive(grantId)).toBe(false);
  });
});
