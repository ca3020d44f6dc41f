// The doctor's side of a patient (docs/consent-api.md): what they may do now, the chart a grant or an
// emergency access opens, recording a consultation, break-the-glass, the ICD-10-CM code list, and the
// registrar's review of emergency accesses. Consent itself is checked by the repository on every read
// and write; these routes only turn "no consent" into a clear message for the doctor.
import { Forbidden } from '@medconnect/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta, requireUser, signedIn } from '../../plugins/auth.ts';
import { problemSchema } from '../../plugins/problem-schema.ts';
import type { Platform } from '../../platform.ts';
import type { Actor } from '../../repository/actor.ts';
import type { PatientAccess } from '../../repository/access-policy.ts';
import type { ConsentService } from '../consent/service.ts';
import type { ConsentView } from '../consent/schemas.ts';
import { authorsOf, withAuthors } from '../records/authors.ts';
import { recordVersion } from '../records/schemas.ts';
import { searchIcd10 } from '../terminology/icd10.ts';
import { chartSummary, demographics, newestFirst } from './chart.ts';
import { consultationBody, consultationResources } from './consultation.ts';
import type { EmergencyAccess } from './emergency-access.ts';
import {
  chart,
  emergencyBody,
  emergencyParams,
  emergencyReview,
  emergencyView,
  healthIdParams,
  icd10Query,
  patientLookup,
  reviewBody,
  reviewQuery,
} from './schemas.ts';

const doctorOnly = requireUser({ roles: ['doctor'] });
const registrarOnly = requireUser({ roles: ['registrar'] });
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

const NO_CONSENT =
  'You need this patient’s consent to see their record. Ask them for access, or use emergency access if their life or health is at risk now.';

function doctorActor(request: FastifyRequest): Actor {
  const { user } = signedIn(request);
  return { id: user.id, role: user.role, patientId: user.patientId ?? undefined, purpose: 'treatment', sourceIp: request.ip };
}

const opensChart = (access: PatientAccess) => access.basis === 'grant' || access.basis === 'emergency';

function accessSummary(access: PatientAccess, consents: ConsentView[], emergencyUntil: Date | undefined) {
  const active = consents.filter((c) => c.state === 'active');
  const scope = access.types === 'all' ? ['all'] : [...new Set(active.flatMap((c) => c.scope))].sort();
  const until =
    access.basis === 'emergency'
      ? (emergencyUntil?.toISOString() ?? null)
      : active.some((c) => c.expiresAt === null)
        ? null
        : (active.map((c) => c.expiresAt!).sort().at(-1) ?? null);
  return { basis: access.basis, scope: access.basis === 'grant' || access.basis === 'emergency' ? scope : [], expiresAt: until };
}

export const clinicRoutes =
  (platform: Platform, consent: ConsentService, emergency: EmergencyAccess): FastifyPluginAsyncZod =>
  async (app) => {
    async function situation(request: FastifyRequest, healthId: string) {
      const patient = await platform.patients.byHealthId(healthId);
      const actor = doctorActor(request);
      const [access, consents, open] = await Promise.all([
        platform.store.accessTo(actor, patient.id),
        consent.between(signedIn(request).user, patient.id),
        emergency.openFor(actor.id, patient.id),
      ]);
      return { patient, actor, access, consents, open, summary: accessSummary(access, consents, open?.expiresAt) };
    }

    app.get(
      '/api/clinic/patients/:healthId',
      {
        onRequest: doctorOnly,
        schema: { summary: 'What I may do with this patient now (no health data)', tags: ['clinic'], params: healthIdParams, response: { 200: patientLookup, ...errors } },
      },
      async (request) => {
        const s = await situation(request, request.params.healthId);
        return {
          healthId: s.patient.healthId,
          access: s.summary,
          consents: s.consents,
          emergency: s.open ? { id: s.open.id, startedAt: s.open.startedAt.toISOString(), expiresAt: s.open.expiresAt.toISOString() } : null,
        };
      },
    );

    app.get(
      '/api/clinic/patients/:healthId/chart',
      {
        onRequest: doctorOnly,
        schema: { summary: 'The chart a grant or emergency access opens: summary and timeline, within scope', tags: ['clinic'], params: healthIdParams, response: { 200: chart, ...errors } },
      },
      async (request) => {
        const s = await situation(request, request.params.healthId);
        if (!opensChart(s.access)) throw new Forbidden(NO_CONSENT);
        const versions = await platform.store.listForPatient(s.actor, s.patient.id);
        const summary = chartSummary(versions);
        const present = (list: typeof versions) => withAuthors(platform.db, list);
        return {
          patient: { healthId: s.patient.healthId, ...demographics(versions) },
          access: s.summary,
          summary: {
            allergies: await present(summary.allergies),
            problems: await present(summary.problems),
            medications: await present(summary.medications),
            vitals: await present(summary.vitals),
            results: await present(summary.results),
          },
          timeline: await present(newestFirst(versions.filter((v) => v.resourceType !== 'Patient'))),
        };
      },
    );

    app.post(
      '/api/clinic/patients/:healthId/consultations',
      {
        onRequest: doctorOnly,
        schema: {
          summary: 'Record a consultation: symptoms, findings, vital signs, ICD-10-CM diagnoses, notes and follow-up',
          tags: ['clinic'],
          params: healthIdParams,
          body: consultationBody,
          response: { 201: z.object({ encounterId: z.string(), entries: z.array(recordVersion) }), ...errors },
        },
      },
      async (request, reply) => {
        const s = await situation(request, request.params.healthId);
        if (!opensChart(s.access)) throw new Forbidden(NO_CONSENT);
        const { user } = signedIn(request);
        const profile = (await authorsOf(platform.db, [user.id])).get(user.id);
        const { encounterId, items } = consultationResources(request.body, {
          patientId: s.patient.id,
          doctor: { id: user.id, name: user.displayName, practitionerId: profile?.practitionerId ?? null },
          now: new Date().toISOString(),
        });
        const written = await platform.store.create(s.actor, s.patient.id, items, 'create');
        return reply.code(201).send({ encounterId, entries: await withAuthors(platform.db, written) });
      },
    );

    app.post(
      '/api/clinic/patients/:healthId/emergency-access',
      {
        onRequest: doctorOnly,
        schema: {
          summary: 'Break-the-glass: open this record for 60 minutes without consent, with a reason and your password',
          tags: ['clinic'],
          params: healthIdParams,
          body: emergencyBody,
          response: { 201: emergencyView, ...errors, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const patient = await platform.patients.byHealthId(request.params.healthId);
        const row = await emergency.start(signedIn(request).user, patient.id, request.body, requestMeta(request));
        return reply.code(201).send({ id: row.id, startedAt: row.startedAt.toISOString(), expiresAt: row.expiresAt.toISOString(), endedAt: null });
      },
    );

    app.post(
      '/api/clinic/emergency-access/:id/end',
      {
        onRequest: doctorOnly,
        schema: { summary: 'End my emergency access early', tags: ['clinic'], params: emergencyParams, response: { 200: emergencyView, ...errors } },
      },
      async (request) => {
        const row = await emergency.end(signedIn(request).user, request.params.id, requestMeta(request));
        return { id: row.id, startedAt: row.startedAt.toISOString(), expiresAt: row.expiresAt.toISOString(), endedAt: row.endedAt?.toISOString() ?? null };
      },
    );

    app.get(
      '/api/terminology/icd10',
      {
        onRequest: requireUser(),
        schema: {
          summary: 'ICD-10-CM codes by code or words, common diagnoses first',
          tags: ['clinic'],
          querystring: icd10Query,
          response: { 200: z.object({ results: z.array(z.object({ code: z.string(), display: z.string() })) }), ...errors },
        },
      },
      async (request) => ({ results: searchIcd10(request.query.q, request.query.limit).map(({ code, display }) => ({ code, display })) }),
    );

    app.get(
      '/api/registry/emergency-accesses',
      {
        onRequest: registrarOnly,
        schema: { summary: 'Emergency accesses awaiting review (or reviewed)', tags: ['registry'], querystring: reviewQuery, response: { 200: z.object({ accesses: z.array(emergencyReview) }), ...errors } },
      },
      async (request) => ({ accesses: await emergency.list(request.query.status) }),
    );

    app.post(
      '/api/registry/emergency-accesses/:id/review',
      {
        onRequest: registrarOnly,
        schema: { summary: 'Record whether an emergency access was justified', tags: ['registry'], params: emergencyParams, body: reviewBody, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        await emergency.review(signedIn(request).user, request.params.id, request.body, requestMeta(request));
        return reply.code(204).send(null);
      },
    );
  };
