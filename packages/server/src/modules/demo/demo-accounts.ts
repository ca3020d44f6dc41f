// Demo accounts (only when MedConnect starts with --demo, never in production): a registrar, two
// doctors, a pharmacist and one patient account per imported synthetic patient, all with one known
// password and, for the roles that need it, TOTP with one known secret. They skip email
// verification. Dr Menon's licence is approved by the demo registrar (verified on chain, with a
// practitioner identifier); Dr Reyes and the pharmacist wait in the registrar's review queue.
import { eq } from 'drizzle-orm';
import { Secret } from 'otpauth';
import { settings, users } from '../../db/schema.ts';
import { createAccount, type NewAccount } from '../accounts/create-account.ts';
import type { AccountDeps } from '../accounts/deps.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { requiresMfa, userByEmail } from '../accounts/repo.ts';
import { createRegistryReview } from '../registry-review/service.ts';

export const DEMO_PASSWORD = 'demo-medconnect-pass';
/** Base32 TOTP secret of every demo account whose role requires two-step sign-in. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPMEDCONNECTDEMO23';

export type DemoAccount = {
  email: string;
  role: NewAccount['role'];
  displayName: string;
  description: string;
};
export type DemoPatient = { file: string; patientId: string; healthId: string };

const SETTING = 'demo.accounts';
export const DEMO_DOMAIN = 'demo.medconnect.test';
const domain = DEMO_DOMAIN;

const professionals: (DemoAccount & Pick<NewAccount, 'professional' | 'organisation'>)[] = [
  {
    email: `registrar@${domain}`,
    role: 'registrar',
    displayName: 'Rosa Lindqvist',
    description: 'Registrar: verifies the licences of doctors and pharmacies.',
  },
  {
    email: `dr.menon@${domain}`,
    role: 'doctor',
    displayName: 'Dr Asha Menon',
    description: 'Doctor (general practice), verified licence; some patients have given consent.',
    professional: {
      licenceNumber: 'GMC-7012345',
      council: 'General Medical Council',
      registrationYear: 2009,
      qualification: 'MBBS, MRCGP',
      specialization: 'General practice',
    },
  },
  {
    email: `dr.reyes@${domain}`,
    role: 'doctor',
    displayName: 'Dr Tomás Reyes',
    description: 'Doctor (cardiology), licence pending a registrar’s review.',
    professional: {
      licenceNumber: 'GMC-7098765',
      council: 'General Medical Council',
      registrationYear: 2015,
      qualification: 'MD, MRCP',
      specialization: 'Cardiology',
    },
  },
  {
    email: `pharmacist@${domain}`,
    role: 'pharmacist',
    displayName: 'Priya Nair',
    description: 'Pharmacist at Riverside Pharmacy, pending a registrar’s review.',
    organisation: { name: 'Riverside Pharmacy', licenceNumber: 'GPhC-1123581' },
  },
];

const titleCase = (stem: string) =>
  stem
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

export async function listDemoAccounts(deps: Pick<AccountDeps, 'db'>): Promise<DemoAccount[]> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.key, SETTING));
  return row ? (JSON.parse(row.value) as DemoAccount[]) : [];
}

/** Creates the demo accounts once per data directory; answers them either way. */
export async function seedDemoAccounts(deps: AccountDeps, patients: DemoPatient[]): Promise<DemoAccount[]> {
  const existing = await listDemoAccounts(deps);
  if (existing.length > 0) return existing;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const totpSecret = new Uint8Array(Secret.fromBase32(DEMO_TOTP_SECRET).bytes);
  const patientAccounts = patients.map((p) => {
    const stem = p.file.replace(/\.json$/, '');
    return {
      email: `${stem.replace(/-/g, '.')}@${domain}`,
      role: 'patient' as const,
      displayName: titleCase(stem),
      description: `Patient with an imported synthetic history (Health ID ${p.healthId}).`,
      patientId: p.patientId,
    };
  });
  const accounts = [...professionals, ...patientAccounts];
  await deps.db.transaction(async (tx) => {
    for (const account of accounts) {
      const { email, role, displayName } = account;
      const details = {
        ...('professional' in account ? { professional: account.professional } : {}),
        ...('organisation' in account ? { organisation: account.organisation } : {}),
        ...('patientId' in account ? { patientId: account.patientId } : {}),
      };
      const user = await createAccount(tx, deps, {
        email,
        role,
        displayName,
        ...details,
        passwordHash,
        status: 'active',
        emailVerified: true,
      });
      if (requiresMfa(user.role)) {
        await tx
          .update(users)
          .set({ totpSecret: deps.sealer.seal(totpSecret, `totp:${user.id}`), totpEnabledAt: new Date() })
          .where(eq(users.id, user.id));
      }
    }
    const listed: DemoAccount[] = accounts.map(({ email, role, displayName, description }) => ({
      email,
      role,
      displayName,
      description,
    }));
    await tx.insert(settings).values({ key: SETTING, value: JSON.stringify(listed) });
  });
  const registrar = await userByEmail(deps.db, `registrar@${domain}`);
  const menon = await userByEmail(deps.db, `dr.menon@${domain}`);
  await createRegistryReview(deps).approve(registrar!, menon!.id, { ip: '127.0.0.1', userAgent: 'demo seeding' });
  return listDemoAccounts(deps);
}
