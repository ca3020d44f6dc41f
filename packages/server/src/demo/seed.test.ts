// Demo mode seeds a story to walk through: imported patients, a verified doctor with an active and an
// expired grant and a request waiting for approval, and a pending doctor for the registrar; twice is
// the same as once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consents, professionalProfiles, users } from '../db/schema.ts';
import { userByEmail } from '../modules/accounts/repo.ts';
import { consentService } from '../modules/consent/index.ts';
import { openTestPlatform, type TestPlatform } from '../testing/test-platform.ts';
import { seedDemo } from './seed.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await openTestPlatform();
  await seedDemo(t.platform, () => undefined);
});
afterAll(async () => {
  await t.close();
});

describe('demo seeding', () => {
  it('gives Dr Menon a verified licence, an active grant, an expired one and a pending request', async () => {
    const menon = (await userByEmail(t.platform.db, 'dr.menon@demo.medconnect.test'))!;
    const [profile] = await t.platform.db.select().from(professionalProfiles).where(eq(professionalProfiles.userId, menon.id));
    expect(profile).toMatchObject({ status: 'verified', practitionerId: expect.stringMatching(/^MC-PR-/) as string });
    const states = (await consentService(t.platform).forGrantee(menon)).map((c) => c.state).sort();
    expect(states).toEqual(['active', 'expired', 'requested']);
    const reyes = (await userByEmail(t.platform.db, 'dr.reyes@demo.medconnect.test'))!;
    const [pending] = await t.platform.db.select().from(professionalProfiles).where(eq(professionalProfiles.userId, reyes.id));
    expect(pending!.status).toBe('pending');
  });

  it('changes nothing when run again', async () => {
    const before = await t.platform.db.select().from(consents);
    const accountsBefore = (await t.platform.db.select().from(users)).length;
    await seedDemo(t.platform, () => undefined);
    expect(await t.platform.db.select().from(consents)).toHaveLength(before.length);
    expect(await t.platform.db.select().from(users)).toHaveLength(accountsBefore);
  });
});
