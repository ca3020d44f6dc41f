// The signed-in user and session as GET /api/auth/session describes them (docs/accounts-api.md),
// with shape checks so a page fails with a clear message rather than a crash on a surprising answer.
import { isObject, isStringOrNull, type JsonObject } from '../../ui/json-shape.ts';

export type Role = 'patient' | 'doctor' | 'pharmacist' | 'staff' | 'registrar' | 'admin';
export type ProfessionalKind = 'doctor' | 'pharmacist' | 'staff';
export type ProfessionalStatus = 'pending' | 'verified' | 'rejected' | 'suspended';

export interface Professional {
  kind: ProfessionalKind;
  status: ProfessionalStatus;
  licenceNumber: string;
  council: string;
  registrationYear: number | null;
  qualification: string;
  specialization: string;
  organisation: string | null;
  /** The MedConnect practitioner identifier, once a registrar has verified the licence. */
  practitionerId: string | null;
  /** The registrar's reason while the registration is rejected or suspended. */
  reviewReason: string | null;
}

export interface AccountUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  emailVerified: boolean;
  healthId: string | null;
  ethAddress: string;
  walletAddress: string | null;
  professional: Professional | null;
}

export interface SessionInfo {
  user: AccountUser;
  csrfToken: string;
  mfa: { enabled: boolean; required: boolean };
  /** The role requires MFA and it is not enrolled yet: only MFA setup and sign-out work. */
  mfaEnrolmentRequired: boolean;
  expiresAt: string;
  idleExpiresAt: string;
}

export const roleLabels: Record<Role, string> = {
  patient: 'Patient',
  doctor: 'Doctor',
  pharmacist: 'Pharmacist',
  staff: 'Hospital staff',
  registrar: 'Registrar',
  admin: 'Administrator',
};

const roles: readonly string[] = [
  'patient',
  'doctor',
  'pharmacist',
  'staff',
  'registrar',
  'admin',
] satisfies Role[];
const kinds: readonly string[] = ['doctor', 'pharmacist', 'staff'] satisfies ProfessionalKind[];
const statuses: readonly string[] = [
  'pending',
  'verified',
  'rejected',
  'suspended',
] satisfies ProfessionalStatus[];

export function isAccountUser(value: unknown): value is AccountUser {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['email'] === 'string' &&
    typeof value['displayName'] === 'string' &&
    typeof value['role'] === 'string' &&
    roles.includes(value['role']) &&
    typeof value['emailVerified'] === 'boolean' &&
    isStringOrNull(value['healthId']) &&
    typeof value['ethAddress'] === 'string' &&
    isStringOrNull(value['walletAddress']) &&
    (value['professional'] === null || isProfessional(value['professional']))
  );
}

function isProfessional(value: unknown): value is Professional {
  return (
    isObject(value) &&
    typeof value['kind'] === 'string' &&
    kinds.includes(value['kind']) &&
    typeof value['status'] === 'string' &&
    statuses.includes(value['status']) &&
    optionalText(value, 'licenceNumber') &&
    optionalText(value, 'council') &&
    optionalText(value, 'qualification') &&
    optionalText(value, 'specialization') &&
    isStringOrNull(value['organisation'] ?? null) &&
    isStringOrNull(value['practitionerId'] ?? null) &&
    isStringOrNull(value['reviewReason'] ?? null)
  );
}

/** Pharmacists and staff have no council or qualification; the server may send null or omit them. */
function optionalText(value: JsonObject, key: string): boolean {
  const field = value[key];
  return field === undefined || field === null || typeof field === 'string';
}

/** Normalises a professional block so absent texts read as empty strings. */
function normaliseProfessional(value: JsonObject): Professional {
  const text = (key: string) => (typeof value[key] === 'string' ? value[key] : '');
  const year = value['registrationYear'];
  return {
    kind: value['kind'] as ProfessionalKind,
    status: value['status'] as ProfessionalStatus,
    licenceNumber: text('licenceNumber'),
    council: text('council'),
    registrationYear: typeof year === 'number' ? year : null,
    qualification: text('qualification'),
    specialization: text('specialization'),
    organisation: typeof value['organisation'] === 'string' ? value['organisation'] : null,
    practitionerId: typeof value['practitionerId'] === 'string' ? value['practitionerId'] : null,
    reviewReason: typeof value['reviewReason'] === 'string' ? value['reviewReason'] : null,
  };
}

export function parseAccountUser(value: unknown): AccountUser | null {
  if (!isAccountUser(value)) return null;
  const professional =
    value.professional === null ? null : normaliseProfessional(value.professional as unknown as JsonObject);
  return { ...value, professional };
}

export function parseSessionInfo(value: unknown): SessionInfo | null {
  if (!isObject(value)) return null;
  const user = parseAccountUser(value['user']);
  const mfa = value['mfa'];
  if (
    user === null ||
    typeof value['csrfToken'] !== 'string' ||
    !isObject(mfa) ||
    typeof mfa['enabled'] !== 'boolean' ||
    typeof mfa['required'] !== 'boolean' ||
    typeof value['mfaEnrolmentRequired'] !== 'boolean'
  ) {
    return null;
  }
  return {
    user,
    csrfToken: value['csrfToken'],
    mfa: { enabled: mfa['enabled'], required: mfa['required'] },
    mfaEnrolmentRequired: value['mfaEnrolmentRequired'],
    expiresAt: typeof value['expiresAt'] === 'string' ? value['expiresAt'] : '',
    idleExpiresAt: typeof value['idleExpiresAt'] === 'string' ? value['idleExpiresAt'] : '',
  };
}

/** `XX-XXXX-XXXX-XXXX`, as on the patient's card; anything unexpected is shown as it came. */
export function formatHealthId(id: string): string {
  const digits = id.replace(/[\s-]/g, '');
  if (!/^\d{14}$/.test(digits)) return id;
  return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10)}`;
}
