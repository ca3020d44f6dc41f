// Consent: a verified doctor asks to see a patient's record (found by Health ID) for a purpose, a
// scope and a duration; the patient gets a one-time password and an in-app request; access begins
// when the doctor enters the code the patient reads out, or when the patient approves in the app. The
// patient sees every grant and revokes any of them. Every step is audited on the patient's record, and
// grants and revocations carry the patient's EIP-712 signature to ConsentLedger through the call outbox.
//
// All clocks are the database's: expiry and OTP lifetime are compared with `now()` in SQL only.
import { randomUUID } from 'node:crypto';
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from '@medconnect/core';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Address, Hex } from 'viem';
import type { Database, Executor } from '../../db/client.ts';
import { chainCalls, consents, patients, professionalProfiles, users } from '../../db/schema.ts';
import type { Sealer } from '../../platform.ts';
import type { Actor } from '../../repository/actor.ts';
import { appendAudit, type AuditEntry } from '../../repository/audit-log.ts';
import type { RequestMeta } from '../accounts/deps.ts';
import type { UserRow } from '../accounts/repo.ts';
import { countEvents, recordEvent } from '../accounts/throttle.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PatientService } from '../patients/service.ts';
import type { SmsSender } from '../sms/sms-sender.ts';
import { consentMail, type Requester } from './consent-mail.ts';
import { signGrant, signRevoke, type SigningDeps } from './consent-signing.ts';
import { consentSms, otpRecipient, type OtpRecipient } from './otp-recipient.ts';
import {
  newOtp,
  normaliseOtp,
  OTP_LIFETIME_SECONDS,
  OTP_MAX_FAILURES,
  OTP_SEND_WINDOW_SECONDS,
  OTP_SENDS_PER_WINDOW,
  otpFingerprint,
  otpSendKey,
} from './otp.ts';
import { describeDuration, describeScope, type AccessRequestInput, type ConsentState, type ConsentView } from './schemas.ts';

export type ConsentDeps = SigningDeps & {
  db: Database;
  sealer: Sealer;
  mailer: Mailer;
  sms: SmsSender;
  patients: PatientService;
  publicUrl: string;
};

/** An unanswered request lapses after a day. */
const REQUEST_LIFETIME_HOURS = 24;
/** "One visit" lasts the rest of a clinic day. */
const VISIT_HOURS = 12;
/** New requests by one doctor for one patient per quarter hour (each sends the patient a code). */
const REQUESTS_PER_WINDOW = 3;

type ConsentRow = typeof consents.$inferSelect;

const actorOf = (user: UserRow, purpose: string, meta: RequestMeta): Actor => ({
  id: user.id,
  role: user.role,
  patientId: user.patientId ?? undefined,
  purpose,
  sourceIp: meta.ip,
});

const consentEvent = (row: Pick<ConsentRow, 'id' | 'patientId'>, action: string, outcome: AuditEntry['outcome'] = 'success'): AuditEntry => ({
  action,
  outcome,
  patientId: row.patientId,
  entityType: 'consent',
  entityId: row.id,
});

/** The state people see: a stored status, or expired/lapsed by the database clock. */
const stateSql = sql<ConsentState>`case
  when ${consents.status} = 'active' and ${consents.expiresAt} <= now() then 'expired'
  when ${consents.status} = 'requested' and ${consents.requestExpiresAt} <= now() then 'lapsed'
  else ${consents.status} end`;

export function createConsentService(deps: ConsentDeps) {
  const { db, sealer, mailer, publicUrl } = deps;

  async function verifiedDoctor(tx: Executor, user: UserRow): Promise<{ address: Address; requester: Requester }> {
    if (user.role !== 'doctor') throw new Forbidden('Only doctors can ask for access to a patient’s record.');
    const [profile] = await tx.select().from(professionalProfiles).where(eq(professionalProfiles.userId, user.id));
    if (profile?.status === 'suspended') throw new Forbidden('Your licence is suspended, so you cannot see patients’ records.');
    if (profile?.status !== 'verified') {
      throw new Forbidden('Your licence has not been verified yet. A registrar must approve it before you can see patients’ records.');
    }
    return { address: user.ethAddress as Address, requester: { name: user.displayName, practitionerId: profile.practitionerId } };
  }

  /** Locks one consent row, as its patient or its grantee sees it; anything else is "not found". */
  async function lockConsent(tx: Executor, id: string, as: { granteeId: string } | { patientId: string | null }) {
    if ('patientId' in as && as.patientId === null) throw new NotFound('No access request with that id.');
    const owner = 'granteeId' in as ? eq(consents.granteeId, as.granteeId) : eq(consents.patientId, as.patientId!);
    const [row] = await tx
      .select({
        consent: consents,
        state: stateSql,
        otpLive: sql<boolean>`coalesce(${consents.otpExpiresAt} > now(), false)`,
      })
      .from(consents)
      .where(and(eq(consents.id, id), owner))
      .for('update');
    if (!row) throw new NotFound('No access request with that id.');
    return row;
  }

  /** Issues a fresh code for a request (the old one stops working) and says where it will go. */
  async function issueOtp(tx: Executor, row: ConsentRow) {
    const sends = await countEvents(tx, otpSendKey(row.id), OTP_SEND_WINDOW_SECONDS);
    if (sends.count >= OTP_SENDS_PER_WINDOW) {
      throw new TooManyRequests(
        `A code was already sent ${sends.count} times for this request. Wait a few minutes before sending another.`,
        sends.retryAfterSeconds,
      );
    }
    await recordEvent(tx, otpSendKey(row.id));
    const code = newOtp();
    await tx
      .update(consents)
      .set({
        otpHash: otpFingerprint(sealer, row.id, code),
        otpExpiresAt: sql`now() + make_interval(secs => ${OTP_LIFETIME_SECONDS})`,
        otpFailures: 0,
      })
      .where(eq(consents.id, row.id));
    const to = await otpRecipient(tx, sealer, row.patientId);
    return { code, to };
  }

  function sendOtp(to: OtpRecipient | undefined, requester: Requester, row: ConsentRow, code: string) {
    if (to?.phone) deps.sms.send(consentSms(to.phone, requester, row.purpose, code));
    if (!to?.email) return;
    mailer.send(
      consentMail.otp(to.email, publicUrl, requester, {
        code,
        purpose: row.purpose,
        scope: describeScope(row.scope),
        duration: describeDuration(row.duration, row.days),
      }),
    );
  }

  /** Turns a request into a grant: its expiry, the patient's signature and the chain call. */
  async function activate(tx: Executor, row: ConsentRow, via: 'otp' | 'app'): Promise<void> {
    const hours = row.duration === 'visit' ? VISIT_HOURS : row.duration === 'days' ? (row.days ?? 1) * 24 : null;
    const [updated] = await tx
      .update(consents)
      .set({
        status: 'active',
        grantedAt: sql`now()`,
        grantedVia: via,
        expiresAt: hours === null ? null : sql`now() + make_interval(hours => ${hours})`,
        otpHash: null,
        otpExpiresAt: null,
      })
      .where(eq(consents.id, row.id))
      .returning();
    const [grantee] = await tx.select({ address: users.ethAddress }).from(users).where(eq(users.id, row.granteeId));
    const grantId = await signGrant(tx, deps, {
      consentId: row.id,
      patientId: row.patientId,
      grantee: grantee!.address as Address,
      scope: row.scope,
      purpose: row.purpose,
      expiresAt: updated!.expiresAt,
    });
    await tx.update(consents).set({ chainGrantId: grantId }).where(eq(consents.id, row.id));
  }

  async function views(where: ReturnType<typeof and>): Promise<ConsentView[]> {
    const rows = await db
      .select({
        consent: consents,
        state: stateSql,
        healthId: patients.healthId,
        granteeName: users.displayName,
        practitionerId: professionalProfiles.practitionerId,
        licenceStatus: professionalProfiles.status,
        specialization: professionalProfiles.specialization,
        organisation: professionalProfiles.organisation,
      })
      .from(consents)
      .innerJoin(patients, eq(patients.id, consents.patientId))
      .innerJoin(users, eq(users.id, consents.granteeId))
      .leftJoin(professionalProfiles, eq(professionalProfiles.userId, consents.granteeId))
      .where(where)
      .orderBy(desc(consents.requestedAt));
    const keys = rows.flatMap((r) => [`consent-grant:${r.consent.id}`, `consent-revoke:${r.consent.id}`]);
    const calls = keys.length
      ? await db
          .select({ key: chainCalls.idempotencyKey, status: chainCalls.status, txHash: chainCalls.txHash })
          .from(chainCalls)
          .where(inArray(chainCalls.idempotencyKey, keys))
      : [];
    const callByKey = new Map(calls.map((c) => [c.key, c]));
    const chainOf = (key: string) => {
      const call = callByKey.get(key);
      return call ? { status: call.status === 'done' ? ('recorded' as const) : call.status === 'failed' ? ('failed' as const) : ('pending' as const), transactionHash: call.txHash } : null;
    };
    return rows.map(({ consent: c, ...r }) => ({
      id: c.id,
      state: r.state,
      purpose: c.purpose,
      scope: c.scope,
      duration: c.duration,
      days: c.days,
      requestedAt: c.requestedAt.toISOString(),
      requestExpiresAt: c.requestExpiresAt.toISOString(),
      grantedAt: c.grantedAt?.toISOString() ?? null,
      grantedVia: c.grantedVia,
      expiresAt: c.expiresAt?.toISOString() ?? null,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      otpExpiresAt: c.status === 'requested' ? (c.otpExpiresAt?.toISOString() ?? null) : null,
      patient: { healthId: r.healthId },
      grantee: {
        id: c.granteeId,
        name: r.granteeName,
        practitionerId: r.practitionerId,
        verified: r.licenceStatus === 'verified',
        specialization: r.specialization,
        organisation: r.organisation,
      },
      onChain: {
        grantId: c.chainGrantId,
        grant: chainOf(`consent-grant:${c.id}`),
        revoke: chainOf(`consent-revoke:${c.id}`),
      },
    }));
  }

  const viewOf = async (id: string) => (await views(and(eq(consents.id, id))))[0]!;

  return {
    /** A doctor asks; the patient gets a code and an in-app request. */
    async request(doctor: UserRow, input: AccessRequestInput, meta: RequestMeta): Promise<ConsentView> {
      const patient = await deps.patients.byHealthId(input.healthId);
      if (patient.id === doctor.patientId) {
        throw new Invalid('This is your own Health ID: you already see your own record under My record.');
      }
      const sent = await db.transaction(async (tx) => {
        const { requester } = await verifiedDoctor(tx, doctor);
        const throttleKey = `consent-request:${doctor.id}:${patient.id}`;
        const recent = await countEvents(tx, throttleKey, OTP_SEND_WINDOW_SECONDS);
        if (recent.count >= REQUESTS_PER_WINDOW) {
          throw new TooManyRequests('You have asked this patient several times in the last minutes. Wait before asking again.', recent.retryAfterSeconds);
        }
        await recordEvent(tx, throttleKey);
        // An earlier unanswered request of the same doctor is replaced by this one.
        const replaced = await tx
          .update(consents)
          .set({ status: 'cancelled', otpHash: null })
          .where(and(eq(consents.granteeId, doctor.id), eq(consents.patientId, patient.id), eq(consents.status, 'requested')))
          .returning({ id: consents.id, patientId: consents.patientId });
        const [row] = await tx
          .insert(consents)
          .values({
            id: randomUUID(),
            patientId: patient.id,
            granteeId: doctor.id,
            purpose: input.purpose,
            scope: input.scope,
            duration: input.duration,
            days: input.duration === 'days' ? (input.days ?? null) : null,
            requestExpiresAt: sql`now() + make_interval(hours => ${REQUEST_LIFETIME_HOURS})`,
          })
          .returning();
        const { code, to } = await issueOtp(tx, row!);
        await appendAudit(tx, actorOf(doctor, input.purpose, meta), [
          ...replaced.map((r) => consentEvent(r, 'consent-request-cancel')),
          consentEvent(row!, 'consent-request'),
          consentEvent(row!, 'otp-issue'),
        ]);
        return { row: row!, code, to, requester };
      });
      sendOtp(sent.to, sent.requester, sent.row, sent.code);
      return viewOf(sent.row.id);
    },

    /** A new code for an open request (at most three a quarter hour). */
    async resendOtp(doctor: UserRow, id: string, meta: RequestMeta): Promise<ConsentView> {
      const sent = await db.transaction(async (tx) => {
        const { requester } = await verifiedDoctor(tx, doctor);
        const { consent, state } = await lockConsent(tx, id, { granteeId: doctor.id });
        if (state !== 'requested') throw new Conflict(`This request is ${state}; ask the patient again instead.`);
        const { code, to } = await issueOtp(tx, consent);
        await appendAudit(tx, actorOf(doctor, consent.purpose, meta), [consentEvent(consent, 'otp-issue')]);
        return { consent, code, to, requester };
      });
      sendOtp(sent.to, sent.requester, sent.consent, sent.code);
      return viewOf(id);
    },

    /**
     * The doctor enters the code the patient read out. A wrong code counts against the request (and
     * is audited) even though the call fails; the fifth wrong code kills the code.
     */
    async confirmOtp(doctor: UserRow, id: string, input: string, meta: RequestMeta): Promise<ConsentView> {
      const code = normaliseOtp(input);
      const outcome = await db.transaction(async (tx) => {
        await verifiedDoctor(tx, doctor);
        const { consent, state, otpLive } = await lockConsent(tx, id, { granteeId: doctor.id });
        const actor = actorOf(doctor, consent.purpose, meta);
        if (state !== 'requested') throw new Conflict(`This request is ${state}; there is nothing to confirm.`);
        if (consent.otpHash === null) {
          throw new Conflict('This code no longer works after too many wrong tries. Send the patient a new code.');
        }
        if (!otpLive) throw new Invalid('The code has expired (codes work for 10 minutes). Send the patient a new code.');
        if (otpFingerprint(sealer, consent.id, code) !== consent.otpHash) {
          const failures = consent.otpFailures + 1;
          const dead = failures >= OTP_MAX_FAILURES;
          await tx
            .update(consents)
            .set({ otpFailures: failures, ...(dead ? { otpHash: null, otpExpiresAt: null } : {}) })
            .where(eq(consents.id, consent.id));
          await appendAudit(tx, actor, [consentEvent(consent, 'otp-verify', 'failed')]);
          return { wrong: dead ? 0 : OTP_MAX_FAILURES - failures };
        }
        await activate(tx, consent, 'otp');
        await appendAudit(tx, actor, [consentEvent(consent, 'otp-verify'), consentEvent(consent, 'consent-grant')]);
        return { wrong: undefined };
      });
      if (outcome.wrong === 0) throw new Invalid('That code is wrong, and it has now stopped working after 5 wrong tries. Send the patient a new code.');
      if (outcome.wrong !== undefined) {
        throw new Invalid(`That code is wrong. ${outcome.wrong} ${outcome.wrong === 1 ? 'try' : 'tries'} left.`);
      }
      return viewOf(id);
    },

    /** The doctor withdraws an unanswered request. */
    async cancel(doctor: UserRow, id: string, meta: RequestMeta): Promise<ConsentView> {
      await db.transaction(async (tx) => {
        const { consent, state } = await lockConsent(tx, id, { granteeId: doctor.id });
        if (state !== 'requested') throw new Conflict(`This request is ${state} and can no longer be withdrawn.`);
        await tx.update(consents).set({ status: 'cancelled', otpHash: null, otpExpiresAt: null }).where(eq(consents.id, id));
        await appendAudit(tx, actorOf(doctor, consent.purpose, meta), [consentEvent(consent, 'consent-request-cancel')]);
      });
      return viewOf(id);
    },

    /** The patient approves a request in the app. */
    async approve(patient: UserRow, id: string, meta: RequestMeta): Promise<ConsentView> {
      await db.transaction(async (tx) => {
        const { consent, state } = await lockConsent(tx, id, { patientId: patient.patientId });
        if (state !== 'requested') throw new Conflict(`This request is ${state} and can no longer be approved.`);
        await activate(tx, consent, 'app');
        await appendAudit(tx, actorOf(patient, 'patient-request', meta), [consentEvent(consent, 'consent-grant')]);
      });
      return viewOf(id);
    },

    /** The patient declines a request. */
    async decline(patient: UserRow, id: string, meta: RequestMeta): Promise<ConsentView> {
      await db.transaction(async (tx) => {
        const { consent, state } = await lockConsent(tx, id, { patientId: patient.patientId });
        if (state !== 'requested') throw new Conflict(`This request is ${state} and can no longer be declined.`);
        await tx.update(consents).set({ status: 'declined', otpHash: null, otpExpiresAt: null }).where(eq(consents.id, id));
        await appendAudit(tx, actorOf(patient, 'patient-request', meta), [consentEvent(consent, 'consent-decline')]);
      });
      return viewOf(id);
    },

    /** The patient revokes a grant: the doctor's next request is refused, and the ledger follows. */
    async revoke(patient: UserRow, id: string, meta: RequestMeta): Promise<ConsentView> {
      await db.transaction(async (tx) => {
        const { consent, state } = await lockConsent(tx, id, { patientId: patient.patientId });
        if (state === 'expired') throw new Conflict('This grant has already expired; nobody can use it any more.');
        if (state !== 'active') throw new Conflict(`This is ${state === 'requested' ? 'a request, not a grant: decline it instead' : `a ${state} grant`}.`);
        await tx.update(consents).set({ status: 'revoked', revokedAt: sql`now()` }).where(eq(consents.id, id));
        if (consent.chainGrantId) {
          await signRevoke(tx, deps, { consentId: id, patientId: consent.patientId, grantId: consent.chainGrantId as Hex });
        }
        await appendAudit(tx, actorOf(patient, 'patient-request', meta), [consentEvent(consent, 'consent-revoke')]);
      });
      return viewOf(id);
    },

    /** Every request and grant on the patient's own record, newest first. */
    forPatient: (patient: UserRow): Promise<ConsentView[]> =>
      patient.patientId ? views(and(eq(consents.patientId, patient.patientId))) : Promise.resolve([]),

    /** The requests and grants a professional asked for, newest first. */
    forGrantee: (user: UserRow): Promise<ConsentView[]> => views(and(eq(consents.granteeId, user.id))),

    /** The open grant or request of a doctor for one patient, if any (for the doctor's patient page). */
    async between(doctor: UserRow, patientId: string): Promise<ConsentView[]> {
      return views(and(eq(consents.granteeId, doctor.id), eq(consents.patientId, patientId)));
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;

