// The licence document over HTTP: a professional uploads, replaces and checks it; a registrar sees it
// in the review queue and opens the exact file; everyone else is refused; the database holds the file
// only sealed.
import { createHash, randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { createTestUser, freshIp, openTestSession, type TestSession, type TestUser } from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { Application } from '../registry-review/schemas.ts';
import type { LicenceDocumentMetadata } from './schemas.ts';
import { licenceDocumentContext } from './service.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let registrarSession: TestSession;
let pdf: Buffer;
let png: Buffer;

async function buildPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([300, 200]);
  page.drawText('Medical Council licence LIC-1', { x: 20, y: 100, size: 12, font: await document.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

/** A 2×2 RGB PNG, chunk by chunk. */
function buildPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  const registrar = await createTestUser(t.platform, { role: 'registrar', totp: true });
  registrarSession = await openTestSession(t.platform, registrar.user);
  [pdf, png] = [await buildPdf(), buildPng()];
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const sessionOf = (person: TestUser) => openTestSession(t.platform, person.user);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const upload = (session: TestSession, body: Buffer | string, contentType: string, fileName?: string) =>
  app.inject({
    method: 'PUT',
    url: '/api/account/licence-document',
    remoteAddress: freshIp(),
    headers: { ...session.headers, 'content-type': contentType, ...(fileName ? { 'x-file-name': fileName } : {}) },
    payload: body,
  });

const get = (url: string, session?: TestSession) =>
  app.inject({ method: 'GET', url, remoteAddress: freshIp(), headers: session?.headers ?? {} });

const download = (userId: string, session = registrarSession) =>
  get(`/api/registry/applications/${userId}/licence-document`, session);

async function queued(userId: string, status = 'pending') {
  const response = await get(`/api/registry/applications?status=${status}`, registrarSession);
  expect(response.statusCode).toBe(200);
  return response.json<{ applications: Application[] }>().applications.find((a) => a.userId === userId);
}

async function auditActions(userId: string) {
  const rows = await queryRows<{ action: string; actor_role: string }>(
    t.platform.db,
    sql`select action, actor_role from audit_events where entity_id = ${userId} and entity_type = 'professional' order by seq`,
  );
  return rows.map((row) => `${row.actor_role}:${row.action}`);
}

async function expectProblem(response: Awaited<ReturnType<typeof get>>, status: number, detail?: RegExp) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  if (detail) expect(response.json<{ detail: string }>().detail).toMatch(detail);
}

describe('uploading, replacing and opening a licence document', () => {
  it('round-trips a PDF and then a PNG that replaces it, and shows it in the review queue', async () => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const session = await sessionOf(doctor);
    expect((await queued(doctor.user.id))?.licenceDocument).toBeNull();
    await expectProblem(await get('/api/account/licence-document', session), 404, /not uploaded a licence document/);

    const first = await upload(session, pdf, 'application/pdf', 'council-licence.pdf');
    expect(first.statusCode).toBe(200);
    const metadata = first.json<LicenceDocumentMetadata>();
    expect(metadata).toMatchObject({ fileName: 'council-licence.pdf', contentType: 'application/pdf', size: pdf.length });
    expect(Object.keys(metadata).sort()).toEqual(['contentType', 'fileName', 'size', 'uploadedAt']);
    expect((await get('/api/account/licence-document', session)).json()).toEqual(metadata);

    const opened = await download(doctor.user.id);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toBe('application/pdf');
    expect(opened.headers['content-disposition']).toBe(`inline; filename="council-licence.pdf"; filename*=UTF-8''council-licence.pdf`);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.headers['x-content-type-options']).toBe('nosniff');
    expect(opened.headers['content-security-policy']).toMatch(/^sandbox;/);
    expect(sha256(opened.rawPayload)).toBe(sha256(pdf));

    const second = await upload(session, png, 'image/png', 'scan.png');
    expect(second.statusCode).toBe(200);
    const replaced = second.json<LicenceDocumentMetadata>();
    expect(replaced).toMatchObject({ fileName: 'scan.png', contentType: 'image/png', size: png.length });
    expect((await queued(doctor.user.id))?.licenceDocument).toEqual(replaced);
    const reopened = await download(doctor.user.id);
    expect(reopened.headers['content-type']).toBe('image/png');
    expect(sha256(reopened.rawPayload)).toBe(sha256(png));

    const rows = await queryRows<{ n: number }>(t.platform.db, sql`select count(*)::int as n from licence_documents where user_id = ${doctor.user.id}`);
    expect(rows[0]!.n).toBe(1);
    expect(await auditActions(doctor.user.id)).toEqual([
      'doctor:licence-document-upload',
      'registrar:licence-document-view',
      'doctor:licence-document-upload',
      'registrar:licence-document-view',
    ]);
    expect((await queued(doctor.user.id))?.status).toBe('pending');
  });

  it('stores the file only sealed, bound to its owner', async () => {
    const pharmacist = await createTestUser(t.platform, { role: 'pharmacist', totp: true });
    expect((await upload(await sessionOf(pharmacist), pdf, 'application/pdf')).statusCode).toBe(200);
    const [row] = await queryRows<{ content: Uint8Array; sha256: string; file_name: string }>(
      t.platform.db,
      sql`select content, sha256, file_name from licence_documents where user_id = ${pharmacist.user.id}`,
    );
    const stored = Buffer.from(row!.content);
    expect(stored.includes(pdf.subarray(0, 32))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(stored.includes(pdf.subarray(pdf.length - 64))).toBe(false);
    expect(row!.sha256).toBe(sha256(pdf));
    expect(row!.file_name).toBe('licence-document.pdf');
    expect(Buffer.from(t.platform.sealer.open(row!.content, licenceDocumentContext(pharmacist.user.id))).equals(pdf)).toBe(true);
    expect(() => t.platform.sealer.open(row!.content, licenceDocumentContext(randomUUID()))).toThrow();
  });

  it('lets a verified professional replace the document without changing the status', async () => {
    const staff = await createTestUser(t.platform, { role: 'staff', totp: true, verified: true });
    const response = await upload(await sessionOf(staff), png, 'image/png; charset=binary', 'badge.png');
    expect(response.statusCode).toBe(200);
    const entry = await queued(staff.user.id, 'verified');
    expect(entry).toMatchObject({ status: 'verified', licenceDocument: { fileName: 'badge.png', contentType: 'image/png' } });
  });

  it.each([
    ['a folder path and quotes', '../../etc/pass"wd.pdf', 'pass_wd.pdf'],
    ['a percent-encoded non-ASCII name', encodeURIComponent('Approbation Müller.pdf'), 'Approbation Müller.pdf'],
    ['a name of only dots', '...', 'licence-document.pdf'],
  ])('cleans a file name with %s', async (_name, sent, kept) => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const response = await upload(await sessionOf(doctor), pdf, 'application/pdf', sent);
    expect(response.json<LicenceDocumentMetadata>().fileName).toBe(kept);
    const disposition = (await download(doctor.user.id)).headers['content-disposition'] as string;
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(kept)}`);
    expect(disposition).toMatch(/^inline; filename="[\x20-\x7e]+";/);
  });
});

describe('refusing an upload', () => {
  let doctor: TestUser;
  let session: TestSession;
  beforeAll(async () => {
    doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    session = await sessionOf(doctor);
  });

  it.each([
    ['a PNG declared as a PDF', () => png, 'application/pdf', /The file is not a PDF\./],
    ['a PDF declared as a PNG', () => pdf, 'image/png', /The file is not a PNG\./],
    ['text declared as a JPEG', () => Buffer.from('hello'), 'image/jpeg', /The file is not a JPEG\./],
  ])('answers 400 to %s', async (_name, body, type, detail) => {
    await expectProblem(await upload(session, body(), type), 400, detail);
  });

  it.each([
    ['text/plain', 'hello'],
    ['image/gif', 'GIF89a'],
    ['application/json', '{}'],
  ])('answers 415 to %s', async (type, body) => {
    await expectProblem(await upload(session, body, type), 415, /application\/pdf, image\/png, image\/jpeg/);
  });

  it('answers 413 to a file over 5 MiB', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    big.set(pdf.subarray(0, 8));
    await expectProblem(await upload(session, big, 'application/pdf'), 413);
  });

  it('records nothing for a refused upload', async () => {
    expect(await auditActions(doctor.user.id)).toEqual([]);
    expect((await get('/api/account/licence-document', session)).statusCode).toBe(404);
  });
});

describe('who may upload and open', () => {
  it('refuses uploads by anyone but doctors, pharmacists and staff', async () => {
    expect((await app.inject({ method: 'PUT', url: '/api/account/licence-document', payload: pdf, headers: { 'content-type': 'application/pdf' } })).statusCode).toBe(401);
    for (const role of ['patient', 'registrar', 'admin'] as const) {
      const person = await createTestUser(t.platform, { role, totp: role !== 'patient' });
      const session = await sessionOf(person);
      await expectProblem(await upload(session, pdf, 'application/pdf'), 403, /Your role does not allow this/);
      // The media type is checked first, for every route: a JSON body answers 415 before the role.
      await expectProblem(await upload(session, '{}', 'application/json'), 415);
      await expectProblem(await get('/api/account/licence-document', session), 404);
    }
  });

  it('opens the document for registrars only; 404 when there is none', async () => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    await expectProblem(await download(doctor.user.id), 404, /No licence document/);
    expect((await upload(await sessionOf(doctor), pdf, 'application/pdf')).statusCode).toBe(200);
    expect((await get(`/api/registry/applications/${doctor.user.id}/licence-document`)).statusCode).toBe(401);
    const other = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true });
    for (const person of [other, doctor]) await expectProblem(await download(doctor.user.id, await sessionOf(person)), 403);
    await expectProblem(await download('not-a-uuid'), 400, /params.userId: must be a user id/);
    expect(await auditActions(doctor.user.id)).toEqual(['doctor:licence-document-upload']);
  });
});
