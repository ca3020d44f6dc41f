// Home page: what MedConnect is, in two sentences, and how the platform is doing right now.
import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ShieldCheckIcon } from '../../ui/icons.tsx';
import { Link } from 'react-router';
import { PlatformStatus } from './PlatformStatus.tsx';

export function StatusPage() {
  return (
    <Stack gap="xl">
      <PageHeader title="Health records that patients own">
        MedConnect keeps one lifelong health record that belongs to the patient, and a doctor can read it only
        with the patient's consent. Every record and every access to it is fingerprinted on a blockchain run
        jointly by the participating hospitals, so nobody can alter it silently, and no personal data ever
        goes on chain.
      </PageHeader>

      <PlatformStatus />

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="verify-teaser-heading">
        <Group justify="space-between" align="center" gap="md">
          <Group gap="md" wrap="nowrap" align="flex-start" style={{ flex: '1 1 20rem' }}>
            <ThemeIcon size="xl" radius="md" variant="light" aria-hidden="true">
              <ShieldCheckIcon size={24} />
            </ThemeIcon>
            <div>
              <Title order={2} size="h4" id="verify-teaser-heading">
                Check that a record is untouched
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                Enter a record id to see its Merkle proof and whether its root is on the chain right now.
              </Text>
            </div>
          </Group>
          <Button component={Link} to="/verify">
            Verify a record
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
