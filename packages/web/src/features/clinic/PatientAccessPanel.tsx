// What the doctor may do with one patient now (GET /api/clinic/patients/:healthId), and the next step:
// open the chart, enter the code of the open request, or ask for access. Emergency access sits apart.
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../../ui/api-client.ts';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { formatHealthId } from '../account/session.ts';
import { usePatientAccess } from './api.ts';
import { AccessRequestForm } from './AccessRequestForm.tsx';
import { accessInWords } from './access-words.ts';
import { CodeStep } from './CodeStep.tsx';
import { EmergencyAccessSection } from './EmergencyAccessSection.tsx';

export function PatientAccessPanel({ healthId }: { healthId: string }) {
  const lookup = usePatientAccess(healthId);
  if (lookup.isPending) return <PageLoader label="Looking up the patient…" />;
  if (lookup.isError) {
    const unknown = lookup.error instanceof ApiError && lookup.error.status === 404;
    return (
      <ProblemAlert error={lookup.error} title={unknown ? 'No patient has this Health ID' : 'The patient could not be looked up'}>
        {unknown ? (
          <Text size="sm" mt="xs">
            Check the number on the card with the patient.
          </Text>
        ) : (
          <Button mt="sm" variant="light" onClick={() => void lookup.refetch()}>
            Try again
          </Button>
        )}
      </ProblemAlert>
    );
  }
  const { access, consents, emergency } = lookup.data;
  const open = consents.find((consent) => consent.state === 'requested');
  const canRead = access.basis === 'grant' || access.basis === 'emergency';
  const chartPath = `/clinic/patients/${healthId}`;

  return (
    <Stack gap="xl">
      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="access-heading">
        <Stack gap="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Title order={2} size="h3" id="access-heading">
              Patient {formatHealthId(healthId)}
            </Title>
            <AccessBadge basis={access.basis} />
          </Group>
          <Text>{accessInWords(access)}</Text>
          {canRead ? (
            <Group>
              <Button component={Link} to={chartPath}>
                Open the chart
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Card>

      {open ? (
        <CodeStep consent={open} healthId={healthId} />
      ) : access.basis === 'grant' || access.basis === 'emergency' ? null : (
        <AccessRequestForm healthId={healthId} />
      )}

      {access.basis === 'emergency' ? (
        <Alert color="red" variant="light" title="Emergency access is on">
          <Anchor component={Link} to={chartPath}>
            Go to the chart
          </Anchor>{' '}
          to read the record or end emergency access.
        </Alert>
      ) : emergency === null ? (
        <EmergencyAccessSection healthId={healthId} />
      ) : null}
    </Stack>
  );
}

function AccessBadge({ basis }: { basis: string }) {
  const look =
    basis === 'grant'
      ? { color: 'green', label: 'Consent active' }
      : basis === 'emergency'
        ? { color: 'red', label: 'Emergency access' }
        : { color: 'gray', label: 'No access' };
  return (
    <Badge color={look.color} variant="light" tt="none" size="lg">
      {look.label}
    </Badge>
  );
}
