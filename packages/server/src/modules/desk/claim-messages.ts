// What a patient registered at a desk receives when claiming their account: the code, by text to the
// registered phone or by mail to the registered address. Short, no health data.
import type { MailMessage } from '../mail/mailer.ts';
import type { SmsMessage } from '../sms/sms-sender.ts';

const signature = '\n\n— MedConnect\n(This is an automatic message; replies are not read.)';

export const claimMessages = {
  sms: (to: string, code: string): SmsMessage => ({
    to,
    text: `MedConnect: your code to take over your account is ${code}, valid 10 min. Never share it, not even with clinic staff.`,
  }),

  mail: (to: string, publicUrl: string, code: string): MailMessage => ({
    to,
    subject: `Your MedConnect code: ${code}`,
    text:
      `Someone asked to take over the MedConnect account a clinic registered for you.\n\n` +
      `If it was you, enter this code at ${publicUrl}/claim within 10 minutes:\n\n    ${code}\n\n` +
      `Never give this code to anyone, not even clinic staff. If it was not you, ignore this message: ` +
      `nothing changes without the code.${signature}`,
  }),
};
