// The signed-in home page, by role: a patient sees their Health ID; a professional sees where their
// registration stands and the details they submitted; a registrar or admin, what their role is for.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ShieldCheckIcon } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { useSession } from '../account/api.ts';
import type { SessionInfo } from '../account/session.ts';
import { HealthIdCard } from './HealthIdCard.tsx';
import { ProfessionalStatus } from './ProfessionalStatus.tsx';

export function HomePage() {
  const session = useSession().data;
  if (!session) return <PageLoader />;
  const { user } = session;
  const firstName = user.displayName.trim().split(/\s+/)[0] ?? user.displayName;

  return (
    <Stack gap="xl">
      <PageHeader title={`Welcome, ${firstName}`}>{introFor(session)}</PageHeader>
      {user.professional ? <ProfessionalStatus professional={user.professional} /> : null}
      {user.healthId ? <HealthIdCard name={user.displayName} healthId={user.healthId} /> : null}
      {user.role === 'registrar' || user.role === 'admin' ? <StaffRoleNote role={user.role} /> : null}
      {!session.mfa.enabled && !session.mfa.required ? (
        <Alert
          variant="light"
          color="brand"
          icon={<ShieldCheckIcon />}
          title="Protect your account with a second step"
          role="note"
        >
          <Text size="sm">
            Two-factor authentication asks for a code from an app on your phone when you sign in, so a stolen
            password alone is not enough.{' '}
            <Anchor component={Link} to="/account/two-factor" size="sm">
              Set it up in account settings
            </Anchor>
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );
}

function introFor({ user }: SessionInfo): string {
  switch (user.role) {
    case 'patient':
      return 'Your health record belongs to you. Doctors can read it only with your consent, and every access is recorded.';
    case 'doctor':
    case 'pharmacist':
    case 'staff':
      return 'Your professional account and your own health record live in one place.';
    case 'registrar':
      return 'You verify the professionals who register on MedConnect.';
    case 'admin':
      return 'You run this MedConnect installation.';
  }
}

function StaffRoleNote({ role }: { role: 'registrar' | 'admin' }) {
  return (
    <Text maw="70ch">
      {role === 'registrar'
        ? 'Registrars check the licence of each doctor, pharmacist and hospital staff member before they can work with records, and record the result on the consortium chain. The review queue arrives with the clinical records release.'
        : 'Administrators create registrar accounts and keep the platform healthy. Platform health is on the status page.'}{' '}
      <Anchor component={Link} to="/">
        Platform status
      </Anchor>
    </Text>
  );
}
