// Account settings, one tab per concern. The tab is part of the address (/account/sessions), so a
// section can be linked to and the back button moves between tabs.
import { Stack, Tabs, useMatches } from '@mantine/core';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { useSession } from './api.ts';
import type { SessionInfo } from './session.ts';
import { EmailSection } from './EmailSection.tsx';
import { EraseAccountSection } from './EraseAccountSection.tsx';
import { PasswordSection } from './PasswordSection.tsx';
import { ProfileSection } from './ProfileSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { TwoFactorSection } from './TwoFactorSection.tsx';
import { WalletSection } from './WalletSection.tsx';

const sections = [
  { value: 'profile', label: 'Profile', Panel: ProfileSection },
  { value: 'password', label: 'Password', Panel: PasswordSection },
  { value: 'email', label: 'Email', Panel: EmailSection },
  { value: 'two-factor', label: 'Two-factor authentication', Panel: TwoFactorSection },
  { value: 'sessions', label: 'Sessions', Panel: SessionsSection },
  { value: 'wallet', label: 'Wallet', Panel: WalletSection },
  { value: 'erase', label: 'Erase account', Panel: EraseAccountSection },
] as const;

/** Only a patient can erase their own account; the tab is not offered to anyone else. */
const offeredTo = (session: SessionInfo) =>
  sections.filter(({ value }) => value !== 'erase' || session.user.role === 'patient');

export function AccountPage() {
  const { section = 'profile' } = useParams();
  const navigate = useNavigate();
  const session = useSession().data;
  const vertical = useMatches({ base: false, md: true });

  if (!sections.some((candidate) => candidate.value === section)) return <Navigate to="/account" replace />;
  if (!session) return <PageLoader />;
  const offered = offeredTo(session);
  if (!offered.some((candidate) => candidate.value === section)) return <Navigate to="/account" replace />;

  return (
    <Stack gap="xl">
      <PageHeader title="Account settings" />
      <Tabs
        value={section}
        onChange={(value) => {
          if (value !== null) void navigate(value === 'profile' ? '/account' : `/account/${value}`);
        }}
        orientation={vertical ? 'vertical' : 'horizontal'}
        variant="pills"
        keepMounted={false}
        classNames={{ list: 'app-account-tabs', tabLabel: 'app-account-tab-label' }}
      >
        <Tabs.List aria-label="Account settings sections">
          {offered.map(({ value, label }) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {offered.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pl={vertical ? 'xl' : 0} pt={vertical ? 0 : 'lg'}>
            <Panel session={session} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
