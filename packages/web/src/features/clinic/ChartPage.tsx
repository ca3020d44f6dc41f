// The chart (/clinic/patients/:healthId): who the patient is and on what basis the doctor reads, a
// one-screen summary with allergies first, the "Record consultation" form, then the timeline. Without
// consent the server refuses (403) and the page says so, with the way to ask.
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../ui/api-client.ts';
import { AlertIcon } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { formatHealthId } from '../account/session.ts';
import { useChart, useEndEmergency, usePatientAccess, type Chart } from './api.ts';
import { accessInWords, clockTime } from './access-words.ts';
import { ChartSummary } from './ChartSummary.tsx';
import { ChartTimeline } from './ChartTimeline.tsx';
import { ConsultationForm } from './ConsultationForm.tsx';
import { DoctorOnly } from './DoctorOnly.tsx';
import { healthIdDigits } from './health-id-input.ts';

export function ChartPage() {
  const { healthId = '' } = useParams();
  return (
    <DoctorOnly>
      <ChartLoader key={healthId} healthId={healthIdDigits(healthId)} />
    </DoctorOnly>
  );
}

function ChartLoader({ healthId }: { healthId: string }) {
  const chart = useChart(healthId);
  const askPath = `/clinic?healthId=${healthId}`;
  if (chart.isPending) return <PageLoader label="Loading the chart…" />;
  if (chart.isError) {
    const status = chart.error instanceof ApiError ? chart.error.status : 0;
    const title =
      status === 403 ? 'You do not have access to this record' : status === 404 ? 'No patient has this Health ID' : 'The chart could not be loaded';
    return (
      <Stack gap="lg" align="flex-start">
        <PageHeader title={title} />
        <ProblemAlert error={chart.error} title={status === 403 ? 'No consent' : title}>
          {status === 403 ? (
            <Text size="sm" mt="xs">
              The patient has not given you consent, or it has ended or been revoked.
            </Text>
          ) : null}
        </ProblemAlert>
        <Group gap="md">
          {status === 403 || status === 404 ? (
            <Button component={Link} to={askPath}>
              {status === 403 ? 'Ask for access' : 'Find a patient'}
            </Button>
          ) : (
            <Button variant="default" onClick={() => void chart.refetch()} loading={chart.isFetching}>
              Try again
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  return <ChartView chart={chart.data} healthId={healthId} />;
}

function ChartView({ chart, healthId }: { chart: Chart; healthId: string }) {
  const [recording, setRecording] = useState(false);
  const { patient } = chart;
  const details = [patient.birthDate ? `born ${patient.birthDate}` : null, patient.gender].filter(Boolean).join(' · ');
  return (
    <Stack gap="xl">
      <Anchor component={Link} to={`/clinic?healthId=${healthId}`} size="sm">
        ← Back to the patient’s access
      </Anchor>
      <PageHeader title={patient.name ?? `Patient ${formatHealthId(patient.healthId)}`}>
        Health ID {formatHealthId(patient.healthId)}
        {details ? ` · ${details}` : ''}
      </PageHeader>
      <AccessBanner chart={chart} healthId={healthId} />
      <ChartSummary summary={chart.summary} />

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="consultation-heading">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h3" id="consultation-heading">
            Record consultation
          </Title>
          {recording ? null : <Button onClick={() => setRecording(true)}>Record consultation</Button>}
        </Group>
        {recording ? (
          <Stack mt="md">
            <ConsultationForm healthId={healthId} onDone={() => setRecording(false)} />
          </Stack>
        ) : null}
      </Card>

      <ChartTimeline entries={chart.timeline} />
    </Stack>
  );
}

function AccessBanner({ chart, healthId }: { chart: Chart; healthId: string }) {
  if (chart.access.basis === 'emergency') return <EmergencyBanner chart={chart} healthId={healthId} />;
  return (
    <Alert color="blue" variant="light" title="Reading with the patient’s consent">
      <Text size="sm">{accessInWords(chart.access)}</Text>
    </Alert>
  );
}

function EmergencyBanner({ chart, healthId }: { chart: Chart; healthId: string }) {
  const navigate = useNavigate();
  const lookup = usePatientAccess(healthId);
  const end = useEndEmergency(healthId);
  const emergency = lookup.data?.emergency ?? null;
  const until = chart.access.expiresAt ?? emergency?.expiresAt ?? null;
  return (
    <Alert color="red.9" variant="filled" icon={<AlertIcon />} title={until ? `Emergency access until ${clockTime(until)}` : 'Emergency access'}>
      <Stack gap="sm">
        <Text size="sm">The patient has been notified and a registrar will review why you used it. End it as soon as you are done.</Text>
        <ProblemAlert error={end.error} title="Emergency access did not end" />
        <Group>
          <Button
            color="red.9"
            variant="white"
            loading={end.isPending}
            disabled={emergency === null}
            onClick={() =>
              emergency &&
              end.mutate(emergency.id, {
                onSuccess: () => {
                  notify({ color: 'blue', message: 'Emergency access ended.' });
                  void navigate(`/clinic?healthId=${healthId}`);
                },
              })
            }
          >
            End emergency access
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
