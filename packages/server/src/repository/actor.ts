// Who is acting, in what role, and why. Every read or write of health data names an actor.
export type Role =
  | 'patient'
  | 'doctor'
  | 'staff'
  | 'pharmacist'
  | 'registrar'
  | 'public-health'
  | 'admin'
  | 'system'
  /** Someone not signed in (a failed sign-in for an unknown address, say). */
  | 'anonymous';

export type Actor = {
  /** User id, or a named system component such as `system:importer`. */
  id: string;
  role: Role;
  /** The patient this actor is, when the actor is a patient (or a doctor acting as one). */
  patientId?: string | undefined;
  /** Why the access happens, e.g. `treatment`, `patient-request`, `import`. */
  purpose: string;
  sourceIp?: string | undefined;
};

export const systemActor = (component: string, purpose: string): Actor => ({
  id: `system:${component}`,
  role: 'system',
  purpose,
});
