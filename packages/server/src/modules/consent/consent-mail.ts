// What the patient is told about access to their record: the one-time password with who asks and for
// what, and (at once) any emergency access. Never health data; the code itself only in the OTP mail.
import type { MailMessage } from '../mail/mailer.ts';

const signature = '\n\n— MedConnect\n(This is an automatic message; replies are not read.)';

export type Requester = { name: string; practitionerId: string | null };

const who = (r: Requester) => (r.practitionerId ? `${r.name} (MedConnect practitioner ${r.practitionerId})` : r.name);

export const consentMail = {
  otp: (
    to: string,
    publicUrl: string,
    r: Requester,
    request: { code: string; purpose: string; scope: string; duration: string },
  ): MailMessage => ({
    to,
    subject: `Your MedConnect code for ${r.name}: ${request.code}`,
    text:
      `${who(r)} asks to see your MedConnect record.\n\n` +
      `Purpose: ${request.purpose}\nWhat they would see: ${request.scope}\nFor how long: ${request.duration}\n\n` +
      `If you are with them and agree, read them this code:\n\n    ${request.code}\n\n` +
      `It works for 10 minutes. You can also approve or decline in the app: ${publicUrl}/consents\n\n` +
      `Never give this code to anyone on the phone or by message. If you did not expect this, decline the ` +
      `request in the app; nothing is shared without your code or your approval.${signature}`,
  }),

  emergencyAccess: (to: string, publicUrl: string, r: Requester, reason: string): MailMessage => ({
    to,
    subject: 'Your MedConnect record was opened in an emergency',
    text:
      `${who(r)} opened your MedConnect record without your consent, stating an emergency.\n\n` +
      `Reason given: ${reason}\n\nThe access lasts at most 60 minutes and a registrar reviews every such access. ` +
      `See who read what in your access log: ${publicUrl}/access-log${signature}`,
  }),
};
