// Request and response schemas of the accounts routes (docs/accounts-api.md). Request objects are
// strict, so an unknown field is a 400; responses are allow-lists, so nothing unlisted leaks.
import { PASSWORD_MAX_LENGTH, passwordProblems } from '@medconnect/core';
import { z } from 'zod';
import { professionalKinds, professionalStatuses, userRoles } from '../../db/schema.ts';

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((value) => value.toLowerCase());

/** A password as typed at sign-in: anything up to a bound (the policy applies when one is chosen). */
const typedPassword = z.string().min(1, 'is required').max(1024);
/** A password being chosen: the policy's own length bound plus room for multi-byte characters. */
const newPassword = z.string().max(PASSWORD_MAX_LENGTH * 4);
const displayName = z.string().trim().min(1, 'is required').max(100);
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const token = z.string().min(20, 'is not a valid link token').max(200);
const code = z.string().trim().min(1, 'is required').max(64);
const thisYear = () => new Date().getUTCFullYear();

export const registerBody = z
  .object({
    role: z.enum(['patient', 'doctor', 'pharmacist', 'staff']),
    email,
    password: newPassword,
    displayName,
    professional: z
      .object({
        licenceNumber: text(64),
        council: text(200),
        registrationYear: z
          .number()
          .int()
          .min(1900)
          .refine((year) => year <= thisYear(), 'cannot be in the future'),
        qualification: text(200),
        specialization: text(200),
      })
      .strict()
      .optional(),
    organisation: z
      .object({ name: text(200), licenceNumber: text(64) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.role === 'doctor' && !body.professional) {
      context.addIssue({ code: 'custom', path: ['professional'], message: 'is required for doctors' });
    }
    if ((body.role === 'pharmacist' || body.role === 'staff') && !body.organisation) {
      context.addIssue({
        code: 'custom',
        path: ['organisation'],
        message: `is required for ${body.role === 'staff' ? 'hospital staff' : 'pharmacists'}`,
      });
    }
    if (body.role === 'patient' && (body.professional || body.organisation)) {
      context.addIssue({
        code: 'custom',
        path: [body.professional ? 'professional' : 'organisation'],
        message: 'is only for doctors, pharmacists and hospital staff',
      });
    }
    for (const problem of passwordProblems(body.password, {
      email: body.email,
      displayName: body.displayName,
    })) {
      context.addIssue({ code: 'custom', path: ['password'], message: problem });
    }
  });
export type RegisterInput = z.infer<typeof registerBody>;

export const tokenBody = z.object({ token }).strict();
export const emailBody = z.object({ email }).strict();
export const loginBody = z.object({ email, password: typedPassword }).strict();
export const codeBody = z.object({ code }).strict();
export const resetPasswordBody = z.object({ token, password: newPassword }).strict();
export const siweBody = z
  .object({
    message: z.string().min(1).max(4096),
    signature: z
      .string()
      .regex(/^0x[0-9a-fA-F]+$/)
      .max(4096),
  })
  .strict();
export const profileBody = z.object({ displayName }).strict();
export const changePasswordBody = z.object({ currentPassword: typedPassword, newPassword }).strict();
export const changeEmailBody = z.object({ newEmail: email, password: typedPassword }).strict();
export const disableTotpBody = z.object({ password: typedPassword, code }).strict();
export const sessionParams = z.object({ id: z.uuid({ message: 'must be a session id' }) }).strict();

/** 204 answers carry no body. */
export const noContent = z.null().describe('No content');
export const message = z.object({ message: z.string() });
export const nonce = z.object({ nonce: z.string() });

export const professional = z.object({
  kind: z.enum(professionalKinds),
  status: z.enum(professionalStatuses),
  licenceNumber: z.string().nullable(),
  council: z.string().nullable(),
  registrationYear: z.number().int().nullable(),
  qualification: z.string().nullable(),
  specialization: z.string().nullable(),
  organisation: z.string().nullable(),
  /** The MedConnect practitioner identifier, once a registrar has approved the licence. */
  practitionerId: z.string().nullable(),
  /** Why a registrar rejected or suspended the licence (null otherwise). */
  reviewReason: z.string().nullable(),
});

export const accountUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(userRoles),
  emailVerified: z.boolean(),
  healthId: z.string().nullable(),
  ethAddress: z.string(),
  walletAddress: z.string().nullable(),
  professional: professional.nullable(),
});
export type AccountUser = z.infer<typeof accountUser>;

export const sessionInfo = z.object({
  user: accountUser,
  csrfToken: z.string(),
  mfa: z.object({ enabled: z.boolean(), required: z.boolean() }),
  mfaEnrolmentRequired: z.boolean(),
  expiresAt: z.string(),
  idleExpiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const signInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), session: sessionInfo }),
  z.object({ status: z.literal('mfa-required') }),
]);
export const signedIn = z.object({ status: z.literal('signed-in'), session: sessionInfo });

export const sessionList = z.array(
  z.object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    userAgent: z.string().nullable(),
    ipAddress: z.string().nullable(),
    current: z.boolean(),
  }),
);

export const totpSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeDataUrl: z.string() });
export const recoveryCodesAnswer = z.object({ recoveryCodes: z.array(z.string()) });
export const passwordPolicy = z.object({ minLength: z.number().int(), maxLength: z.number().int() });
