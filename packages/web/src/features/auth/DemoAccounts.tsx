// Demo mode only (the server answers GET /api/demo/accounts with 200): one-click sign-in as each
// demo role, with no email round trip. In any other mode this renders nothing.
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { roleLabels } from '../account/session.ts';
import { useDemoAccounts, useDemoSignIn } from './api.ts';

export function DemoAccounts() {
  const accounts = useDemoAccounts();
  const signIn = useDemoSignIn();
  if (!accounts.data || accounts.data.length === 0) return null;

  return (
    <Stack component="section" aria-labelledby="demo-accounts-heading" gap="md">
      <div>
        <Title order={2} size="h3" id="demo-accounts-heading">
          Demo accounts
        </Title>
        <Text size="sm" c="dimmed">
          This server runs in demo mode. Sign in as any role with one click; the data is made up.
        </Text>
      </div>
      <ProblemAlert error={signIn.error} title="Could not sign in to the demo account" />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {accounts.data.map((account) => (
          <Card key={account.email} withBorder padding="md" radius="md">
            <Stack gap="xs" h="100%">
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Text fw={600}>{account.displayName}</Text>
                <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                  {roleLabels[account.role]}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                {account.description}
              </Text>
              <Button
                variant="light"
                size="sm"
                loading={signIn.isPending && signIn.variables.email === account.email}
                disabled={signIn.isPending}
                onClick={() => signIn.mutate({ email: account.email })}
              >
                Sign in as {account.displayName}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
