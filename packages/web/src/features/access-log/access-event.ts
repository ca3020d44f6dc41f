// One event of "who saw my record" (docs/consent-api.md, GET /api/access-log), shape-checked, with
// the plain words for what happened. Unknown actions show as the server names them.
import { isObject, isStringOrNull } from '../../ui/json-shape.ts';

export interface AccessEvent {
  id: string;
  at: string;
  actor: { id: string; name: string | null; role: string; practitionerId: string | null };
  action: string;
  outcome: string;
  purpose: string | null;
  entityType: string | null;
  entityId: string | null;
  anchored: boolean;
}

/** Groups for the filter: what a patient wants to look for, not the server's action names. */
export type ActionGroup = 'reads' | 'writes' | 'consent' | 'codes' | 'emergency' | 'exports' | 'denied';

const actions: Record<string, { label: string; group: ActionGroup }> = {
  read: { label: 'Read an entry', group: 'reads' },
  'read-record': { label: 'Read your record', group: 'reads' },
  'read-history': { label: 'Read the versions of an entry', group: 'reads' },
  'read-chart': { label: 'Opened your chart', group: 'reads' },
  create: { label: 'Added an entry', group: 'writes' },
  update: { label: 'Changed an entry', group: 'writes' },
  import: { label: 'Imported history', group: 'writes' },
  'consent-request': { label: 'Asked for access', group: 'consent' },
  'consent-request-cancel': { label: 'Withdrew a request', group: 'consent' },
  'consent-grant': { label: 'Access granted', group: 'consent' },
  'consent-decline': { label: 'Request declined', group: 'consent' },
  'consent-revoke': { label: 'Access revoked', group: 'consent' },
  'otp-issue': { label: 'Code sent to you', group: 'codes' },
  'otp-verify': { label: 'Code entered', group: 'codes' },
  'emergency-override-started': { label: 'Emergency access started', group: 'emergency' },
  'emergency-override-stopped': { label: 'Emergency access ended', group: 'emergency' },
  'emergency-review-justified': { label: 'Emergency access reviewed: justified', group: 'emergency' },
  'emergency-review-unjustified': { label: 'Emergency access reviewed: not justified', group: 'emergency' },
  export: { label: 'Exported', group: 'exports' },
};

export const actionGroups: readonly { value: ActionGroup; label: string }[] = [
  { value: 'reads', label: 'Reads' },
  { value: 'writes', label: 'Entries added or changed' },
  { value: 'consent', label: 'Requests and consents' },
  { value: 'codes', label: 'One-time codes' },
  { value: 'emergency', label: 'Emergency access' },
  { value: 'exports', label: 'Exports' },
  { value: 'denied', label: 'Refused attempts' },
];

export function actionLabel(event: AccessEvent): string {
  const known = actions[event.action]?.label ?? event.action.replace(/-/g, ' ');
  if (event.outcome === 'denied') return `${known} — refused`;
  if (event.outcome === 'failed') return `${known} — failed`;
  return known;
}

export function inGroup(event: AccessEvent, group: ActionGroup | null): boolean {
  if (group === null) return true;
  if (group === 'denied') return event.outcome === 'denied' || event.outcome === 'failed';
  return actions[event.action]?.group === group;
}

const roleNames: Record<string, string> = {
  patient: 'Patient',
  doctor: 'Doctor',
  pharmacist: 'Pharmacist',
  staff: 'Hospital staff',
  registrar: 'Registrar',
  admin: 'Administrator',
  system: 'MedConnect',
};

export const roleName = (role: string): string => roleNames[role] ?? role;

export function purposeText(purpose: string | null): string {
  if (purpose === null || purpose === '') return '—';
  return purpose.charAt(0).toUpperCase() + purpose.slice(1).replace(/-/g, ' ');
}

function isActor(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    isStringOrNull(value['name'] ?? null) &&
    typeof value['role'] === 'string' &&
    isStringOrNull(value['practitionerId'] ?? null)
  );
}

export function parseAccessEvent(value: unknown): AccessEvent | null {
  if (!isObject(value)) return null;
  if (
    typeof value['id'] !== 'string' ||
    typeof value['at'] !== 'string' ||
    !isActor(value['actor']) ||
    typeof value['action'] !== 'string' ||
    typeof value['outcome'] !== 'string' ||
    !isStringOrNull(value['purpose'] ?? null) ||
    typeof value['anchored'] !== 'boolean'
  ) {
    return null;
  }
  const actor = value['actor'] as Record<string, unknown>;
  return {
    id: value['id'],
    at: value['at'],
    actor: {
      id: actor['id'] as string,
      name: (actor['name'] as string | null | undefined) ?? null,
      role: actor['role'] as string,
      practitionerId: (actor['practitionerId'] as string | null | undefined) ?? null,
    },
    action: value['action'],
    outcome: value['outcome'],
    purpose: (value['purpose'] as string | null | undefined) ?? null,
    entityType: typeof value['entityType'] === 'string' ? value['entityType'] : null,
    entityId: typeof value['entityId'] === 'string' ? value['entityId'] : null,
    anchored: value['anchored'],
  };
}
