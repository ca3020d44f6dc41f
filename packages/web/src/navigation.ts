// Which pages the main navigation offers, by who is looking. The status and verify pages are public;
// signed-in people get their home first. Someone who must still enrol MFA is offered nothing else.
import type { SessionInfo } from './features/account/session.ts';

export interface NavItem {
  path: string;
  label: string;
}

const status: NavItem = { path: '/', label: 'Status' };
const verify: NavItem = { path: '/verify', label: 'Verify a record' };
const home: NavItem = { path: '/home', label: 'Home' };
const record: NavItem = { path: '/record', label: 'My record' };
const licenceReview: NavItem = { path: '/registry', label: 'Licence review' };

export function navigationFor(session: SessionInfo | null | undefined): readonly NavItem[] {
  if (!session) return [status, verify];
  if (session.mfaEnrolmentRequired) return [];
  // Professionals and registrars get their clinical pages with the record issue; until then, home.
  // Anyone with a Health ID (patients, and doctors as patients) has a record of their own.
  const own = session.user.healthId === null ? [] : [record];
  if (session.user.role === 'registrar') return [home, licenceReview];
  return session.user.role === 'patient' ? [home, ...own, verify] : [home, ...own];
}

/** Where the word mark leads: the person's home when signed in, the public front page otherwise. */
export function homePathFor(session: SessionInfo | null | undefined): string {
  return session && !session.mfaEnrolmentRequired ? '/home' : session ? '/mfa-setup' : '/';
}
