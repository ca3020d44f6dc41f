// The mail MedConnect sends about accounts. Plain text, short, one link each; never health data.
// Links carry their token in the URL fragment, which browsers do not send to servers or log.
import type { MailMessage } from './mailer.ts';

const signature = '\n\n— MedConnect\n(This is an automatic message; replies are not read.)';

const link = (publicUrl: string, page: string, token: string) => `${publicUrl}/${page}#token=${token}`;

export const mail = {
  verifyEmail: (to: string, publicUrl: string, token: string): MailMessage => ({
    to,
    subject: 'Confirm your email address for MedConnect',
    text:
      `Welcome to MedConnect.\n\nTo finish signing up, confirm your email address by opening this link ` +
      `within 24 hours:\n\n${link(publicUrl, 'verify-email', token)}\n\n` +
      `If you did not sign up, ignore this message and no account will be activated.${signature}`,
  }),

  alreadyRegistered: (to: string, publicUrl: string): MailMessage => ({
    to,
    subject: 'Someone tried to sign up to MedConnect with your address',
    text:
      `Someone tried to create a MedConnect account with this email address, but you already have one.\n\n` +
      `If it was you, sign in at ${publicUrl}/sign-in. If you forgot your password, reset it at ` +
      `${publicUrl}/forgot-password.\n\nIf it was not you, you can ignore this message: nothing was changed.${signature}`,
  }),

  resetPassword: (to: string, publicUrl: string, token: string): MailMessage => ({
    to,
    subject: 'Reset your MedConnect password',
    text:
      `Someone asked to reset the password of your MedConnect account.\n\nTo choose a new password, open this ` +
      `link within 30 minutes:\n\n${link(publicUrl, 'reset-password', token)}\n\n` +
      `Choosing a new password signs you out everywhere. If you did not ask for this, ignore this message: ` +
      `your password stays as it is.${signature}`,
  }),

  setPassword: (to: string, publicUrl: string, token: string, role: string): MailMessage => ({
    to,
    subject: 'Your MedConnect account is ready',
    text:
      `A MedConnect ${role} account was created for this email address.\n\nTo choose your password, open this ` +
      `link within 24 hours:\n\n${link(publicUrl, 'reset-password', token)}\n\n` +
      `You will then set up two-step sign-in with an authenticator app.${signature}`,
  }),

  confirmNewEmail: (to: string, publicUrl: string, token: string): MailMessage => ({
    to,
    subject: 'Confirm your new email address for MedConnect',
    text:
      `Someone asked to use this address for a MedConnect account.\n\nTo confirm the change, open this link ` +
      `within 24 hours:\n\n${link(publicUrl, 'confirm-email', token)}\n\n` +
      `If you did not ask for this, ignore this message and nothing will change.${signature}`,
  }),

  newEmailTaken: (to: string, publicUrl: string): MailMessage => ({
    to,
    subject: 'This address is already used on MedConnect',
    text:
      `Someone asked to move a MedConnect account to this email address, but another account already uses it.\n\n` +
      `If that account is yours, sign in with this address at ${publicUrl}/sign-in.${signature}`,
  }),

  emailChanged: (to: string, newEmail: string): MailMessage => ({
    to,
    subject: 'Your MedConnect email address was changed',
    text:
      `The email address of your MedConnect account was changed to ${newEmail}. Mail about your account now ` +
      `goes there.\n\nIf you did not do this, contact your MedConnect administrator at once.${signature}`,
  }),

  passwordChanged: (to: string, publicUrl: string): MailMessage => ({
    to,
    subject: 'Your MedConnect password was changed',
    text:
      `The password of your MedConnect account was just changed, and your other sessions were signed out.\n\n` +
      `If you did not do this, reset your password at once at ${publicUrl}/forgot-password.${signature}`,
  }),
};
