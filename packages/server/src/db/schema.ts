// The one Drizzle schema shared by PGlite (embedded) and PostgreSQL (production).
// Clinical content is stored only as ciphertext; plain columns hold what queries need.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Key/value facts about this installation, e.g. the chain identity it anchors to. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: createdAt(),
});

export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey(),
    healthId: text('health_id').notNull().unique(),
    createdAt: createdAt(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /** A patient registered at a clinic desk: who registered them (null for self sign-up). */
    registeredBy: uuid('registered_by'),
    /** Keyed hash (HMAC under the master key) of normalised phone + date of birth, to flag likely duplicates. */
    lookupHash: text('lookup_hash'),
    /** Contact details of a patient without an account (phone, optional email), sealed under the master key. */
    contact: bytea('contact'),
    /** When the patient claimed the desk-registered record with an account of their own. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
  },
  (t) => [index('patients_lookup_idx').on(t.lookupHash)],
);

/** One AES-256 data key per patient, wrapped by the master key. Destroying it erases the patient. */
export const patientKeys = pgTable('patient_keys', {
  patientId: uuid('patient_id')
    .primaryKey()
    .references(() => patients.id),
  wrappedKey: bytea('wrapped_key'),
  createdAt: createdAt(),
  destroyedAt: timestamp('destroyed_at', { withTimezone: true }),
});

/** Append-only, versioned FHIR resources. A new version is a new row; rows are never updated. */
export const resources = pgTable(
  'resources',
  {
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    resourceType: text('resource_type').notNull(),
    authorId: text('author_id').notNull(),
    source: text('source').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    ciphertext: bytea('ciphertext').notNull(),
    contentHash: text('content_hash').notNull(),
    leaf: text('leaf').notNull().unique(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.version] }),
    index('resources_patient_type_idx').on(t.patientId, t.resourceType),
  ],
);

/** Orders audit events; the sequence number is part of each event's anchored leaf. */
export const auditSeq = pgSequence('audit_seq');

/** Who did what to which record, when, why, and whether it was allowed. Anchored like records. */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    purpose: text('purpose').notNull(),
    patientId: uuid('patient_id'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    entityVersion: integer('entity_version'),
    sourceIp: text('source_ip'),
    salt: bytea('salt').notNull(),
    contentHash: text('content_hash').notNull(),
    leaf: text('leaf').notNull().unique(),
  },
  (t) => [index('audit_events_patient_idx').on(t.patientId, t.seq)],
);

/** Transactional outbox: one row per leaf, written in the same transaction as its record or audit event. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leaf: text('leaf').notNull().unique(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    entityVersion: integer('entity_version').notNull(),
    createdAt: createdAt(),
    batchId: bigint('batch_id', { mode: 'number' }),
  },
  (t) => [index('outbox_pending_idx').on(t.id).where(sql`${t.batchId} is null`)],
);

/** A Merkle batch of outbox leaves and the life of its anchoring transaction. */
export const batches = pgTable('batches', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  root: text('root').notNull().unique(),
  leafCount: integer('leaf_count').notNull(),
  status: text('status', { enum: ['built', 'submitted', 'anchored'] }).notNull(),
  chainId: integer('chain_id').notNull(),
  txHash: text('tx_hash'),
  blockNumber: bigint('block_number', { mode: 'number' }),
  chainIndex: bigint('chain_index', { mode: 'number' }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
  anchoredAt: timestamp('anchored_at', { withTimezone: true }),
});

/** Each leaf's position and Merkle proof in its batch. */
export const leafProofs = pgTable(
  'leaf_proofs',
  {
    leaf: text('leaf').primaryKey(),
    batchId: bigint('batch_id', { mode: 'number' }).notNull(),
    leafIndex: integer('leaf_index').notNull(),
    proof: jsonb('proof').$type<string[]>().notNull(),
  },
  (t) => [index('leaf_proofs_batch_idx').on(t.batchId)],
);

/**
 * Outbox of state-changing contract calls (registry entries, consent grants), written in the same
 * transaction as the change they mirror and sent by the relayer in order, idempotently.
 */
export const chainCalls = pgTable('chain_calls', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  contract: text('contract', { enum: ['registry', 'consentLedger'] }).notNull(),
  functionName: text('function_name').notNull(),
  args: jsonb('args').$type<unknown[]>().notNull(),
  /** One call per key: enqueuing the same change twice is a no-op. */
  idempotencyKey: text('idempotency_key').notNull().unique(),
  status: text('status', { enum: ['pending', 'submitted', 'done', 'failed'] }).notNull().default('pending'),
  txHash: text('tx_hash'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
  doneAt: timestamp('done_at', { withTimezone: true }),
});

// ---------------------------------------------------------------------------------------------------
// Accounts: people who sign in, their sessions and single-use links. Operational data, not clinical:
// nothing here is health data, and secrets are stored only as hashes or sealed under the master key.

export const userRoles = ['patient', 'doctor', 'pharmacist', 'staff', 'registrar', 'admin'] as const;
/** `unclaimed`: a patient registered at a clinic desk who has not yet claimed the account (no sign-in). */
export const accountStatuses = ['pending-verification', 'active', 'disabled', 'unclaimed'] as const;

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  /** Lowercased on the way in, so the unique constraint is case-insensitive. */
  email: text('email').notNull().unique(),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  /** argon2id PHC string; null until an invited registrar or admin sets a password. */
  passwordHash: text('password_hash'),
  role: text('role', { enum: userRoles }).notNull(),
  status: text('status', { enum: accountStatuses }).notNull(),
  displayName: text('display_name').notNull(),
  /** The patient record of a patient or doctor (a doctor is a patient too). */
  patientId: uuid('patient_id')
    .unique()
    .references(() => patients.id),
  /** The custodial account's address; its key is sealed under the master key below. */
  ethAddress: text('eth_address').notNull().unique(),
  custodialKey: bytea('custodial_key').notNull(),
  /** A wallet the user linked with Sign-In with Ethereum (checksummed address). */
  walletAddress: text('wallet_address').unique(),
  /** TOTP secret sealed under the master key; enabled once a first code was verified. */
  totpSecret: bytea('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /** The next ConsentLedger nonce of this user's custodial key (grants and revocations are signed in order). */
  consentNonce: integer('consent_nonce').notNull().default(0),
  createdAt: createdAt(),
});

export const professionalKinds = ['doctor', 'pharmacist', 'staff'] as const;
export const professionalStatuses = ['pending', 'verified', 'rejected', 'suspended'] as const;

/** What a doctor, pharmacist or staff member declared at registration, pending a registrar's review. */
export const professionalProfiles = pgTable('professional_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  kind: text('kind', { enum: professionalKinds }).notNull(),
  licenceNumber: text('licence_number'),
  council: text('council'),
  registrationYear: integer('registration_year'),
  qualification: text('qualification'),
  specialization: text('specialization'),
  organisation: text('organisation'),
  organisationLicenceNumber: text('organisation_licence_number'),
  /** Random salt of the licence hash on chain, so the hash cannot be matched to a licence register. */
  licenceSalt: bytea('licence_salt').notNull(),
  licenceHash: text('licence_hash').notNull(),
  status: text('status', { enum: professionalStatuses }).notNull().default('pending'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  /** The MedConnect practitioner identifier, assigned at the first approval (e.g. `MC-PR-123456789`). */
  practitionerId: text('practitioner_id').unique(),
  /** The last registrar decision: when, by whom, and the reason given (rejections and suspensions). */
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewedBy: uuid('reviewed_by').references(() => users.id),
  reviewReason: text('review_reason'),
});

/**
 * The licence document a professional uploaded for review: one per professional, a new upload replaces
 * it. The file is sealed under the master key (bound to the user); plain columns hold what the review
 * queue shows.
 */
export const licenceDocuments = pgTable('licence_documents', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  /** SHA-256 of the file as uploaded, hex. */
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side sessions. The id is the SHA-256 of the cookie's token; the token itself is never stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    /** The id people and pages see (the list of sessions, signing one out); never the token's hash. */
    handle: uuid('handle').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    /** False between a correct password and the second factor. */
    mfaSatisfied: boolean('mfa_satisfied').notNull(),
    /** Wrong second-factor codes tried in this half-signed-in session. */
    secondFactorFailures: integer('second_factor_failures').notNull().default(0),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ipAddress: text('ip_address'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const tokenPurposes = ['verify-email', 'reset-password', 'change-email', 'set-password'] as const;

/** Single-use links sent by email, stored as SHA-256 of the token. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose', { enum: tokenPurposes }).notNull(),
    newEmail: text('new_email'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** A newer link of the same purpose replaced this one. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [index('one_time_tokens_user_idx').on(t.userId, t.purpose)],
);

/** MFA recovery codes, SHA-256 hashed (80 random bits each); each works once. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * Events counted over a sliding window per key: failed sign-ins per account (keyed by a hash of the
 * address, known or not) and mail sent per address. Rows older than an hour (the longest window) are
 * deleted as new ones arrive, so nothing here lasts.
 */
export const throttleEvents = pgTable(
  'throttle_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('throttle_events_key_idx').on(t.key, t.occurredAt), index('throttle_events_time_idx').on(t.occurredAt)],
);

/** Sign-In with Ethereum nonces: single use, short-lived, for signing in or for linking a wallet. */
export const siweNonces = pgTable('siwe_nonces', {
  nonce: text('nonce').primaryKey(),
  purpose: text('purpose', { enum: ['sign-in', 'link'] }).notNull(),
  userId: uuid('user_id').references(() => users.id),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** The development mailbox: mail kept in the database when no SMTP_URL is set. Never health data. */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mail_messages_sent_idx').on(t.sentAt)],
);

// ---------------------------------------------------------------------------------------------------
// Consent: a professional's request to see a patient's record, confirmed by a one-time password or by
// the patient in the app, and the grant it becomes. Scope and purpose are plain (they are not health
// data); the OTP is stored only as a hash. Expiry is compared with the database clock only.

export const consentStatuses = ['requested', 'active', 'declined', 'cancelled', 'revoked'] as const;

export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    granteeId: uuid('grantee_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    /** Kinds of entries the grant covers (`all`, or e.g. `allergies`, `medications`). */
    scope: jsonb('scope').$type<string[]>().notNull(),
    /** How long the grant lasts once given: one visit, a number of days, or until revoked. */
    duration: text('duration', { enum: ['visit', 'days', 'until-revoked'] }).notNull(),
    days: integer('days'),
    status: text('status', { enum: consentStatuses }).notNull().default('requested'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** A request not answered by then lapses. */
    requestExpiresAt: timestamp('request_expires_at', { withTimezone: true }).notNull(),
    otpHash: text('otp_hash'),
    otpExpiresAt: timestamp('otp_expires_at', { withTimezone: true }),
    otpFailures: integer('otp_failures').notNull().default(0),
    grantedAt: timestamp('granted_at', { withTimezone: true }),
    grantedVia: text('granted_via', { enum: ['otp', 'app'] }),
    /** Null: until revoked. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The grant's id on ConsentLedger, once signed. */
    chainGrantId: text('chain_grant_id'),
  },
  (t) => [
    index('consents_patient_idx').on(t.patientId, t.requestedAt),
    index('consents_grantee_idx').on(t.granteeId, t.patientId),
  ],
);

/** Break-the-glass: a verified doctor's emergency access to one patient, for at most an hour, reviewed by a registrar. */
export const emergencyAccesses = pgTable(
  'emergency_accesses',
  {
    id: uuid('id').primaryKey(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewOutcome: text('review_outcome', { enum: ['justified', 'unjustified'] }),
    reviewNote: text('review_note'),
  },
  (t) => [index('emergency_accesses_doctor_idx').on(t.doctorId, t.patientId)],
);

/** The development text-message outbox: SMS kept in the database when no SMS provider is configured. */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey(),
    to: text('to').notNull(),
    text: text('text').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sms_messages_sent_idx').on(t.sentAt)],
);
