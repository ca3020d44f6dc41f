// What desk registration and account claims run on: the accounts' dependencies plus the clinical
// store (the new record's Patient resource) and the text-message sender.
import type { Platform } from '../../platform.ts';
import type { AccountDeps } from '../accounts/deps.ts';

export type DeskDeps = AccountDeps & {
  store: Platform['store'];
  sms: Platform['sms'];
};

export const deskDeps = (platform: Pick<Platform, 'store' | 'sms'>, accounts: AccountDeps): DeskDeps => ({
  ...accounts,
  store: platform.store,
  sms: platform.sms,
});
