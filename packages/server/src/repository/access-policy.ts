// Who may read or write a patient's clinical data. Deny by default: anything not allowed here is refused,
// and a refusal is indistinguishable from "no such record" to the caller.
import type { Actor } from './actor.ts';

export type AccessAction = 'read' | 'write';

/** System components that may write clinical data (imports, demo seeding), never read it back. */
const systemWriters = new Set(['import', 'demo', 'benchmark']);

export function isAllowed(actor: Actor, action: AccessAction, patientId: string): boolean {
  if (actor.role === 'system') return action === 'write' && systemWriters.has(actor.purpose);
  if (actor.patientId !== undefined && actor.patientId === patientId) return true;
  return false;
}
