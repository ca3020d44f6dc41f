// The mail a professional receives about a registrar's decision. Plain text, no health data; a
// rejection or suspension carries the registrar's reason so the professional knows what to fix.
import type { MailMessage } from '../mail/mailer.ts';

const signature = '\n\n— MedConnect\n(This is an automatic message; replies are not read.)';

export const reviewMail = {
  approved: (to: string, publicUrl: string, practitionerId: string): MailMessage => ({
    to,
    subject: 'Your MedConnect licence is verified',
    text:
      `A MedConnect registrar has verified your licence.\n\nYour MedConnect practitioner identifier is ` +
      `${practitionerId}. It appears on your profile and on the documents you issue.\n\n` +
      `Sign in at ${publicUrl}/sign-in to start.${signature}`,
  }),

  rejected: (to: string, publicUrl: string, reason: string): MailMessage => ({
    to,
    subject: 'Your MedConnect licence could not be verified',
    text:
      `A MedConnect registrar could not verify the licence details you submitted.\n\nReason given: ${reason}\n\n` +
      `Sign in at ${publicUrl}/sign-in to see your account.${signature}`,
  }),

  suspended: (to: string, publicUrl: string, reason: string): MailMessage => ({
    to,
    subject: 'Your MedConnect licence verification is suspended',
    text:
      `A MedConnect registrar has suspended the verification of your licence. Until it is reinstated you ` +
      `cannot act clinically on MedConnect.\n\nReason given: ${reason}\n\n` +
      `Sign in at ${publicUrl}/sign-in to see your account.${signature}`,
  }),

  reinstated: (to: string, publicUrl: string): MailMessage => ({
    to,
    subject: 'Your MedConnect licence is verified again',
    text:
      `A MedConnect registrar has reinstated the verification of your licence.\n\n` +
      `Sign in at ${publicUrl}/sign-in to continue.${signature}`,
  }),
};
