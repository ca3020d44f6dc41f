// How the doctor's pages describe their access to a patient: on what basis, to what, until when.
import { formatDateTime } from '../../ui/format-time.ts';
import { scopeInWords } from '../consents/consent-view.ts';
import type { Access } from './api.ts';

/** "14:05", the clock time an access ends, for banners. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function accessInWords(access: Access): string {
  const until = access.expiresAt === null ? 'until the patient revokes it' : `until ${formatDateTime(access.expiresAt)}`;
  const scope = access.scope.length === 0 ? 'the whole record' : scopeInWords(access.scope);
  switch (access.basis) {
    case 'grant':
      return `The patient consented: you can read ${scope}, ${until}.`;
    case 'emergency':
      return `Emergency access to the whole record until ${access.expiresAt ? clockTime(access.expiresAt) : 'it ends'}. The patient has been notified and a registrar will review it.`;
    case 'self':
      return 'This is your own record.';
    case 'author':
      return 'No consent yet: you can see only entries you wrote yourself, if any. Ask for access to read the record.';
    default:
      return 'You cannot read this patient’s record. Ask for access: the patient confirms with a code we send them.';
  }
}
