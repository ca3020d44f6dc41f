// Profile: the name others see (editable), and what identifies the account: email, role, Health ID
// and Ethereum address (custodial, or the linked wallet).
import { Badge, Button, DataList, Group, Stack, Text, TextInput, Title, useMatches } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { CopyValue } from '../../ui/CopyValue.tsx';
import { applyServerErrors } from '../../ui/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useUpdateProfile } from './api.ts';
import { formatHealthId, roleLabels, type SessionInfo } from './session.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { notify } from '../../ui/notify.ts';

export function ProfileSection({ session }: { session: SessionInfo }) {
  const { user } = session;
  const update = useUpdateProfile();
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });
  const form = useForm({
    mode: 'controlled',
    initialValues: { displayName: user.displayName },
    validate: {
      displayName: (value: string) =>
        value.trim() === ''
          ? 'Enter your name.'
          : value.trim().length > 100
            ? 'Use at most 100 characters.'
            : null,
    },
    validateInputOnChange: true,
  });
  const unchanged = form.values.displayName.trim() === user.displayName;

  return (
    <SettingsSection id="profile-heading" title="Profile">
      <form
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { displayName: values.displayName.trim() },
            {
              onSuccess: (saved) => {
                form.setInitialValues({ displayName: saved.displayName });
                form.setValues({ displayName: saved.displayName });
                notify({ message: 'Your name is saved.', color: 'green' });
              },
              onError: (error) => applyServerErrors(form, error, ['displayName']),
            },
          ),
        )}
        noValidate
        aria-label="Your name"
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            description="Shown to doctors and staff you share your record with."
            autoComplete="name"
            {...form.getInputProps('displayName')}
          />
          <ProblemAlert error={update.error} title="Your name was not saved" />
          <Group>
            <Button type="submit" loading={update.isPending} disabled={unchanged}>
              Save name
            </Button>
          </Group>
        </Stack>
      </form>

      <Title order={3} size="h4" mt="md">
        Account details
      </Title>
      <DataList orientation={orientation} labelWidth="10rem" gap="md" withDivider>
        <Item label="Email">
          <Group gap="xs">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {user.email}
            </Text>
            {user.emailVerified ? (
              <Badge color="green" variant="light" tt="none">
                Verified
              </Badge>
            ) : (
              <Badge color="yellow" variant="light" tt="none">
                Not verified
              </Badge>
            )}
          </Group>
        </Item>
        <Item label="Role">{roleLabels[user.role]}</Item>
        {user.healthId ? (
          <Item label="Health ID">
            <CopyValue value={formatHealthId(user.healthId)} label="Health ID" />
          </Item>
        ) : null}
        <Item label="Ethereum address">
          <Stack gap={4}>
            <CopyValue value={user.walletAddress ?? user.ethAddress} label="Ethereum address" />
            <Text size="xs" c="dimmed">
              {user.walletAddress
                ? 'Your linked wallet.'
                : 'Held for you by MedConnect. You can link your own wallet in the Wallet tab.'}
            </Text>
          </Stack>
        </Item>
      </DataList>
    </SettingsSection>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ flex: 1, minWidth: 0 }}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
