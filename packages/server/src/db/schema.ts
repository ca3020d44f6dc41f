// The one Drizzle schema shared by PGlite (embedded) and PostgreSQL (production).
// Clinical content is stored only as ciphertext; plain columns hold what queries need.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
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

export const patients = pgTable('patients', {
  id: uuid('id').primaryKey(),
  healthId: text('health_id').notNull().unique(),
  createdAt: createdAt(),
  erasedAt: timestamp('erased_at', { withTimezone: true }),
});

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
