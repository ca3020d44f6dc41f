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
const registerPatient: NavItem = { path: '/desk/register', label: 'Register a patient' };
const consents: NavItem = { path: '/consents', label: 'Consents' };
const accessLog: NavItem = { path: '/access-log', label: 'Access log' };
const patients: NavItem = { path: '/clinic', label: 'Patients' };
const myRequests: NavItem = { path: '/clinic/requests', label: 'My requests' };

export function navigationFor(session: SessionInfo | null | undefined): readonly NavItem[] {
  if (!session) return [status, verify];
  if (session.mfaEnrolmentRequired) return [];
  // Professionals and registrars get their clinical pages with the record issue; until then, home.
  // Anyone with a Health ID (patients, and doctors as patients) has a record of their own.
  const own = session.user.healthId === null ? [] : [record, consents, accessLog];
  if (session.user.role === 'registrar') return [home, licenceReview];
  if (session.user.role === 'doctor') return [home, patients, myRequests, ...own, registerPatient];
  if (session.user.role === 'staff') return [home, ...own, registerPatient];
  return session.user.role === 'patient' ? [home, ...own, verify] : [home, ...own];
}

/** Where the word mark leads: the person's home when signed in, the public front page otherwise. */
export function homePathFor(session: SessionInfo | null | undefined): string {
  return session && !session.mfaEnrolmentRequired ? '/home' : session ? '/mfa-setup' : '/';
}
