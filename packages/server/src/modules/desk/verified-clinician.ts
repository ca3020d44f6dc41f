// Who may register patients at a desk: a signed-in doctor or staff member whose licence (or
// organisation's licence) a registrar has verified. Runs before the body is parsed, like requireUser.
import { Forbidden } from '@medconnect/core';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.ts';
import { professionalProfiles } from '../../db/schema.ts';
import { requireUser, signedIn } from '../../plugins/auth.ts';

const doctorOrStaff = requireUser({ roles: ['doctor', 'staff'] });

export const requireVerifiedClinician =
  (db: Database) =>
  async (request: FastifyRequest): Promise<void> => {
    try {
      await doctorOrStaff(request);
    } catch (error) {
      if (error instanceof Forbidden && error.message === 'Your role does not allow this.') {
        throw new Forbidden('Only doctors and clinic staff can register patients.');
      }
      throw error;
    }
    const { user } = signedIn(request);
    const [profile] = await db
      .select({ status: professionalProfiles.status })
      .from(professionalProfiles)
      .where(eq(professionalProfiles.userId, user.id));
    if (profile?.status === 'suspended')
      throw new Forbidden('Your licence is suspended, so you cannot register patients.');
    if (profile?.status !== 'verified') {
      throw new Forbidden(
        'Your licence has not been verified yet. A registrar must approve it before you can register patients.',
      );
    }
  };
