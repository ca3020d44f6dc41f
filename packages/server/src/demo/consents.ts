// Demo consents (once per data directory): Dr Menon has an active whole-record grant from the first
// demo patient, an expired one from the second, and a request waiting for the third (its code is in the
// development mailbox). The fourth patient has given nothing, so a doctor can ask from scratch.
import { eq, sql } from 'drizzle-orm';
import { consents, settings } from '../db/schema.ts';
import { userByEmail } from '../modules/accounts/repo.ts';
import { consentService } from '../modules/consent/index.ts';
import { DEMO_DOMAIN, type DemoPatient } from '../modules/demo/demo-accounts.ts';
import type { Platform } from '../platform.ts';

const SETTING = 'demo.consents';
const meta = { ip: '127.0.0.1', userAgent: 'demo seeding' };

export async function seedDemoConsents(platform: Platform, patients: DemoPatient[]): Promise<string[]> {
  const [done] = await platform.db.select().from(settings).where(eq(settings.key, SETTING));
  if (done) return JSON.parse(done.value) as string[];
  const service = consentService(platform);
  const doctor = await userByEmail(platform.db, `dr.menon@${DEMO_DOMAIN}`);
  const accountOf = async (p: DemoPatient) => userByEmail(platform.db, `${p.file.replace(/\.json$/, '').replace(/-/g, '.')}@${DEMO_DOMAIN}`);
  const lines: string[] = [];
  const [active, expired, pending] = patients;
  if (doctor && active) {
    const asked = await service.request(doctor, { healthId: active.healthId, purpose: 'consultation', scope: ['all'], duration: 'until-revoked' }, meta);
    await service.approve((await accountOf(active))!, asked.id, meta);
    lines.push(`  Dr Asha Menon may read Health ID ${active.healthId} (whole record, until revoked)`);
  }
  if (doctor && expired) {
    const asked = await service.request(doctor, { healthId: expired.healthId, purpose: 'follow-up', scope: ['allergies', 'medications'], duration: 'days', days: 7 }, meta);
    await service.approve((await accountOf(expired))!, asked.id, meta);
    // A week has passed in the story: the grant ended yesterday (the ledger keeps its signed expiry).
    await platform.db
      .update(consents)
      .set({ grantedAt: sql`now() - interval '8 days'`, expiresAt: sql`now() - interval '1 day'` })
      .where(eq(consents.id, asked.id));
    lines.push(`  Dr Asha Menon's 7-day grant from Health ID ${expired.healthId} has expired`);
  }
  if (doctor && pending) {
    await service.request(doctor, { healthId: pending.healthId, purpose: 'treatment', scope: ['allergies', 'medications', 'diagnoses'], duration: 'visit' }, meta);
    lines.push(`  Dr Asha Menon is waiting for Health ID ${pending.healthId} to approve (code in the development mailbox)`);
  }
  await platform.db.insert(settings).values({ key: SETTING, value: JSON.stringify(lines) });
  return lines;
}
