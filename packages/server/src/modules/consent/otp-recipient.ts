// Where a consent code goes. A patient with an active account gets it by mail; a patient registered at
// a clinic desk who has not claimed their account yet gets it by text to the registered phone, and by
// mail too when the clinic recorded an email address. Anyone else (a disabled account, an address not
// confirmed yet) gets no code, only the in-app request.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { patients, users } from '../../db/schema.ts';
import type { Sealer } from '../../platform.ts';
import { openContact } from '../desk/contact.ts';
import type { SmsMessage } from '../sms/sms-sender.ts';
import type { Requester } from './consent-mail.ts';

export type OtpRecipient = { email?: string | undefined; phone?: string | undefined };

export async function otpRecipient(
  tx: Executor,
  sealer: Sealer,
  patientId: string,
): Promise<OtpRecipient | undefined> {
  const [account] = await tx
    .select({ email: users.email, status: users.status, contact: patients.contact })
    .from(users)
    .innerJoin(patients, eq(patients.id, users.patientId))
    .where(eq(users.patientId, patientId));
  if (account?.status === 'active') return { email: account.email };
  if (account?.status === 'unclaimed' && account.contact) {
    const contact = openContact(sealer, patientId, account.contact);
    return { phone: contact.phone, email: contact.email };
  }
  return undefined;
}

/** The text with the code: short enough for one message, with who asks, why, and a warning. */
export const consentSms = (to: string, r: Requester, purpose: string, code: string): SmsMessage => ({
  to,
  text: `MedConnect: ${r.name} asks to see your record for ${purpose}. Code ${code}, valid 10 min. Never share it by phone.`,
});
