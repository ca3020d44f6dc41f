// Who may call each route. Every registered route must appear here (the matrix test fails on an
// unlisted one), so a new route is denied until someone decides who may use it.
//   public         anyone, no credentials (no health data in the answer)
//   second-factor  a half-signed-in session (password accepted, second factor pending) only
//   any-session    any session, half-signed-in or not (signing out)
//   enrolling      a signed-in user, even one whose role requires MFA that is not set up yet
//   signed-in      a signed-in user who has the second factor their role requires
//   patient        a signed-in patient who has a health record (everyone else 403)
//   admin          a signed-in administrator
//   registrar      a signed-in registrar (licence review)
//   professional   a signed-in doctor, pharmacist or staff member, in any licence status (everyone else 403)
//   doctor         a signed-in doctor (verified licence checked by the route: unverified ones get 403)
//   clinician      a signed-in doctor or staff member with a verified licence (everyone else 403)
//   operator       only a caller holding the operator token of this server (local tools)
//   docs           API documentation, development only
//   dev            development helpers (the mailbox), absent in production
//   demo           demo mode only (started with --demo), absent otherwise
export type Access =
  | 'public'
  | 'second-factor'
  | 'any-session'
  | 'enrolling'
  | 'signed-in'
  | 'patient'
  | 'admin'
  | 'registrar'
  | 'professional'
  | 'doctor'
  | 'clinician'
  | 'operator'
  | 'docs'
  | 'dev'
  | 'demo';

export const authorizationMatrix: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  // A patient's own record; anyone else's answers 404 (records.routes.test.ts).
  'GET /api/records': 'signed-in',
  'GET /api/records/:id': 'signed-in',
  'GET /api/records/:id/history': 'signed-in',
  // A correction: a new version by the patient or a doctor with consent; anyone else 404.
  'POST /api/records/:id/versions': 'signed-in',
  // Patient-reported history, into the patient's own record only.
  'POST /api/records': 'patient',
  // A patient's own record out (FHIR Bundle, PDF summary) and history from another system in.
  'GET /api/records/export/fhir': 'patient',
  'GET /api/records/export/pdf': 'patient',
  'POST /api/records/import': 'patient',
  // Hashes, positions and the anchoring transaction only: no health data.
  'GET /api/records/:id/proof': 'public',
  'GET /api/operator/integrity': 'operator',

  // Accounts: signing up, links from mail and signing in (docs/accounts-api.md).
  'POST /api/auth/register': 'public',
  'POST /api/auth/verify-email': 'public',
  'POST /api/auth/resend-verification': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/login/totp': 'second-factor',
  'POST /api/auth/login/recovery': 'second-factor',
  'POST /api/auth/forgot-password': 'public',
  'POST /api/auth/reset-password': 'public',
  'POST /api/auth/confirm-email-change': 'public',
  // Claiming an account a clinic registered (docs/desk-registration.md); the same answer whether or not it matches.
  'POST /api/auth/claim/start': 'public',
  'POST /api/auth/claim/finish': 'public',
  'GET /api/auth/siwe/nonce': 'public',
  'POST /api/auth/siwe': 'public',
  'GET /api/auth/password-policy': 'public',
  'GET /api/auth/session': 'enrolling',
  'POST /api/auth/logout': 'any-session',

  // The signed-in person's own account.
  'GET /api/account': 'signed-in',
  'PATCH /api/account': 'signed-in',
  'POST /api/account/password': 'signed-in',
  'POST /api/account/email': 'signed-in',
  'GET /api/account/sessions': 'signed-in',
  'DELETE /api/account/sessions/:id': 'signed-in',
  'DELETE /api/account/sessions': 'signed-in',
  'POST /api/account/mfa/totp/setup': 'enrolling',
  'POST /api/account/mfa/totp/enable': 'enrolling',
  'POST /api/account/mfa/totp/disable': 'signed-in',
  'POST /api/account/wallet/nonce': 'signed-in',
  'POST /api/account/wallet': 'signed-in',
  'DELETE /api/account/wallet': 'signed-in',
  // The holder's Health ID card (name, Health ID, a QR code to find them); 404 without a Health ID.
  'GET /api/account/health-id-card.pdf': 'signed-in',
  // Erasure by crypto-shredding: patients only (professionals are refused with a reason).
  'POST /api/account/erase': 'patient',
  // The licence document a professional uploads for review (any licence status); their own only.
  'PUT /api/account/licence-document': 'professional',
  'GET /api/account/licence-document': 'signed-in',

  'POST /api/admin/registrars': 'admin',

  // Licence review (docs/registry-review-api.md).
  'GET /api/registry/applications': 'registrar',
  'POST /api/registry/applications/:userId/approve': 'registrar',
  'POST /api/registry/applications/:userId/reject': 'registrar',
  'POST /api/registry/applications/:userId/suspend': 'registrar',
  'POST /api/registry/applications/:userId/reinstate': 'registrar',
  'GET /api/registry/applications/:userId/licence-document': 'registrar',
  // Tombstones of erased patients (no health data).
  'GET /api/registry/erasures': 'registrar',

  // Consent (docs/consent-api.md): doctors ask and confirm; patients approve, decline and revoke on
  // their own record (anyone else's request answers 404).
  'GET /api/consents': 'signed-in',
  'GET /api/consents/requested': 'doctor',
  'POST /api/consents': 'doctor',
  'POST /api/consents/:id/otp': 'doctor',
  'POST /api/consents/:id/confirm': 'doctor',
  'POST /api/consents/:id/cancel': 'doctor',
  'POST /api/consents/:id/approve': 'signed-in',
  'POST /api/consents/:id/decline': 'signed-in',
  'POST /api/consents/:id/revoke': 'signed-in',

  // A verified doctor or staff member registers a patient who has no account (docs/desk-registration.md).
  'POST /api/desk/patients': 'clinician',
  // The doctor's side: consent is enforced by the repository; no consent answers 403 with a reason.
  'GET /api/clinic/patients/:healthId': 'doctor',
  'GET /api/clinic/patients/:healthId/chart': 'doctor',
  'POST /api/clinic/patients/:healthId/consultations': 'doctor',
  'POST /api/clinic/patients/:healthId/emergency-access': 'doctor',
  'POST /api/clinic/emergency-access/:id/end': 'doctor',
  'GET /api/terminology/icd10': 'signed-in',
  'GET /api/registry/emergency-accesses': 'registrar',
  'POST /api/registry/emergency-accesses/:id/review': 'registrar',
  // Who saw my record (the signed-in person's own record only).
  'GET /api/access-log': 'signed-in',
  'GET /api/access-log.csv': 'signed-in',

  'GET /api/dev/mailbox': 'dev',
  'GET /api/dev/mailbox/:id': 'dev',
  'GET /api/dev/sms': 'dev',
  'GET /api/demo/accounts': 'demo',
  'POST /api/demo/sign-in': 'demo',

  'GET /api/docs': 'docs',
  'GET /api/docs/json': 'docs',
  'GET /api/docs/yaml': 'docs',
  'GET /api/docs/static/*': 'docs',
  'GET /api/docs/static/index.html': 'docs',
  'GET /api/docs/static/swagger-initializer.js': 'docs',
  // The web app's files (the built single-page app, no data).
  'GET /*': 'public',
};
