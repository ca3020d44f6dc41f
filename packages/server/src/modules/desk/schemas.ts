// Request and response schemas of desk registration and account claims. Request objects are strict,
// so an unknown field is a 400; responses are allow-lists, so nothing unlisted leaks.
import { parseHealthId } from '@medconnect/core';
import { z } from 'zod';
import { email } from '../accounts/schemas.ts';
import { normalisePhone, PHONE_HINT } from './contact.ts';

const namePart = z.string().trim().min(1, 'is required').max(100);

const phone = z
  .string()
  .max(40)
  .transform((value, context) => {
    const normalised = normalisePhone(value);
    if (!normalised) {
      context.addIssue({ code: 'custom', message: PHONE_HINT });
      return z.NEVER;
    }
    return normalised;
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real date')
  .refine((value) => value >= '1900-01-01', 'must be after 1900')
  .refine((value) => value <= new Date().toISOString().slice(0, 10), 'cannot be in the future');

export const deskRegistrationBody = z
  .object({
    name: z.object({ given: namePart, family: namePart }).strict(),
    birthDate: isoDate.optional(),
    age: z.number().int('must be whole years').min(0).max(125).optional(),
    sex: z.enum(['female', 'male', 'other', 'unknown']),
    phone,
    email: email.optional(),
    /** The clinician checked that a flagged likely duplicate is a different person. */
    confirmDuplicate: z.boolean().optional(),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.birthDate === undefined && body.age === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: 'give the date of birth, or the age when it is not known',
      });
    }
    if (body.birthDate !== undefined && body.age !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['age'],
        message: 'give either the date of birth or the age, not both',
      });
    }
  });
export type DeskRegistrationInput = z.infer<typeof deskRegistrationBody>;

export const deskRegistration = z.object({
  patientId: z.string(),
  healthId: z.string(),
  name: z.string(),
  /** YYYY-MM-DD, or only YYYY when estimated from an age. */
  birthDate: z.string(),
  birthDateEstimated: z.boolean(),
  /** The masked Health ID of the likely duplicate the clinician confirmed is someone else. */
  duplicateOf: z.string().nullable(),
});
export type DeskRegistration = z.infer<typeof deskRegistration>;

const healthId = z
  .string()
  .max(40)
  .transform((value, context) => {
    try {
      return parseHealthId(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/** A phone number (normalised) or an email address (lowercased). */
const phoneOrEmail = z
  .string()
  .trim()
  .max(254)
  .transform((value, context) => {
    if (value.includes('@')) {
      const parsed = email.safeParse(value);
      if (parsed.success) return { email: parsed.data };
    } else {
      const normalised = normalisePhone(value);
      if (normalised) return { phone: normalised };
    }
    context.addIssue({
      code: 'custom',
      message: 'must be the phone number (with its country code) or the email address given at registration',
    });
    return z.NEVER;
  });

export const claimStartBody = z.object({ healthId, phoneOrEmail }).strict();
export type ClaimStartInput = z.infer<typeof claimStartBody>;

export const claimFinishBody = z
  .object({
    healthId,
    code: z.string().trim().min(1, 'is required').max(20),
    email,
    password: z.string().max(1024),
  })
  .strict();
export type ClaimFinishInput = z.infer<typeof claimFinishBody>;

export const claimResult = z.object({
  status: z.enum(['active', 'pending-verification']),
  message: z.string(),
});
export type ClaimResult = z.infer<typeof claimResult>;

export const message = z.object({ message: z.string() });
