// Creates an account inside the caller's transaction: the user row with its custodial Ethereum key
// (sealed under the master key), the patient record a patient or doctor gets, and for a doctor,
// pharmacist or staff member the declared licence and the Registry entry queued for the chain. All
// or nothing: the caller's transaction commits every row or none.
import { randomBytes, randomUUID } from 'node:crypto';
import { bytesToHex, encodeAbiParameters, hexToBytes, keccak256, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Transaction } from '../../db/client.ts';
import { professionalProfiles, users, type professionalKinds } from '../../db/schema.ts';
import { enqueueChainCall } from '../../repository/outbox.ts';
import type { Sealer } from '../../platform.ts';
import type { PatientService } from '../patients/service.ts';
import type { UserRole, UserRow } from './repo.ts';

export type ProfessionalKind = (typeof professionalKinds)[number];

export type ProfessionalDetails = {
  licenceNumber: string;
  council: string;
  registrationYear: number;
  qualification: string;
  specialization: string;
};
export type OrganisationDetails = { name: string; licenceNumber: string };

export type NewAccount = {
  email: string;
  role: UserRole;
  displayName: string;
  passwordHash: string | null;
  status: UserRow['status'];
  emailVerified: boolean;
  /** An existing patient record to link (demo patients imported before their accounts). */
  patientId?: string;
  professional?: ProfessionalDetails | undefined;
  organisation?: OrganisationDetails | undefined;
};

/** Registry.Kind: Practitioner, Pharmacy, Organisation. */
const registryKind: Record<ProfessionalKind, number> = { doctor: 0, pharmacist: 1, staff: 2 };

export const custodialKeyContext = (userId: string) => `eth-key:${userId}`;

/**
 * keccak256(abi.encode(bytes32 salt, string issuer, string licenceNumber)). The random salt is kept
 * off chain, so the hash on chain cannot be matched against a public licence register.
 */
export function licenceHash(salt: Uint8Array, issuer: string, licenceNumber: string): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'string' }, { type: 'string' }],
      [bytesToHex(salt), issuer, licenceNumber],
    ),
  );
}

/**
 * The licence a Registry entry stands for: a doctor's own (council and number), a pharmacist's
 * pharmacy and a staff member's organisation (name and licence number).
 */
function registeredLicence(kind: ProfessionalKind, account: NewAccount): { issuer: string; number: string } {
  if (kind === 'doctor') {
    if (!account.professional) throw new Error('a doctor needs professional details');
    return { issuer: account.professional.council, number: account.professional.licenceNumber };
  }
  if (!account.organisation) throw new Error(`a ${kind} needs an organisation`);
  return { issuer: account.organisation.name, number: account.organisation.licenceNumber };
}

export async function createAccount(
  tx: Transaction,
  { sealer, patients }: { sealer: Sealer; patients: PatientService },
  account: NewAccount,
): Promise<UserRow> {
  const id = randomUUID();
  const privateKey = generatePrivateKey();
  const ethAddress = privateKeyToAccount(privateKey).address;
  const needsPatient = account.role === 'patient' || account.role === 'doctor';
  const patientId = account.patientId ?? (needsPatient ? (await patients.registerIn(tx)).id : null);
  const [user] = await tx
    .insert(users)
    .values({
      id,
      email: account.email.trim().toLowerCase(),
      emailVerifiedAt: account.emailVerified ? new Date() : null,
      passwordHash: account.passwordHash,
      role: account.role,
      status: account.status,
      displayName: account.displayName,
      patientId,
      ethAddress,
      custodialKey: sealer.seal(hexToBytes(privateKey), custodialKeyContext(id)),
    })
    .returning();
  const kind =
    account.role === 'doctor' || account.role === 'pharmacist' || account.role === 'staff'
      ? account.role
      : undefined;
  if (kind) {
    const salt = new Uint8Array(randomBytes(32));
    const licence = registeredLicence(kind, account);
    const hash = licenceHash(salt, licence.issuer, licence.number);
    await tx.insert(professionalProfiles).values({
      userId: id,
      kind,
      licenceNumber: account.professional?.licenceNumber ?? null,
      council: account.professional?.council ?? null,
      registrationYear: account.professional?.registrationYear ?? null,
      qualification: account.professional?.qualification ?? null,
      specialization: account.professional?.specialization ?? null,
      organisation: account.organisation?.name ?? null,
      organisationLicenceNumber: account.organisation?.licenceNumber ?? null,
      licenceSalt: salt,
      licenceHash: hash,
    });
    await enqueueChainCall(tx, {
      contract: 'registry',
      functionName: 'register',
      args: [ethAddress, hash, String(registryKind[kind])],
      idempotencyKey: `registry.register:${id}`,
    });
  }
  return user!;
}
