// Emergency access reviews: every break-the-glass use waiting for a registrar's verdict, with the
// doctor's reason and times, and a verdict (justified or not, with a note) confirmed before it is sent.
import { Button, Group, Modal, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatDateTime } from '../../ui/format-time.ts';
import { notify } from '../../ui/notify.ts';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { formatHealthId } from '../account/session.ts';
import {
  useEmergencyAccesses,
  useReviewEmergencyAccess,
  type EmergencyAccessRecord,
  type ReviewOutcome,
} from './emergency-reviews-api.ts';

export function EmergencyReviews() {
  const query = useEmergencyAccesses('pending');
  const [reviewing, setReviewing] = useState<EmergencyAccessRecord | null>(null);
  return (
    <Stack component="section" aria-labelledby="emergency-reviews-heading" gap="md">
      <Stack gap={4}>
        <Title order={2} size="h3" id="emergency-reviews-heading">
          Emergency access reviews
        </Title>
        <Text size="sm" c="dimmed" maw="70ch">
          Doctors who opened a record without consent. Read the reason and decide whether it was justified.
        </Text>
      </Stack>
      {query.isPending ? (
        <PageLoader label="Loading emergency accesses…" />
      ) : query.isError ? (
        <ProblemAlert error={query.error} title="The emergency accesses could not be loaded">
          <Button mt="sm" variant="light" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </ProblemAlert>
      ) : query.data.length === 0 ? (
        <Text c="dimmed">No emergency access is waiting for review.</Text>
      ) : (
        <Stack gap="sm" component="ul" className="app-plain-list">
          {query.data.map((access) => (
            <Paper component="li" key={access.id} withBorder p="md" radius="md">
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
                  <Field label="Doctor">
                    {access.doctor.name}
                    {access.doctor.practitionerId ? ` · ${access.doctor.practitionerId}` : ''}
                  </Field>
                  <Field label="Patient Health ID">
                    <Text ff="monospace" size="sm">
                      {formatHealthId(access.healthId)}
                    </Text>
                  </Field>
                  <Field label="Started">{formatDateTime(access.startedAt)}</Field>
                  <Field label={access.endedAt ? 'Ended' : 'Ends'}>{formatDateTime(access.endedAt ?? access.expiresAt)}</Field>
                </SimpleGrid>
                <Field label="Reason given">{access.reason}</Field>
                <Group>
                  <Button variant="light" onClick={() => setReviewing(access)} aria-label={`Review emergency access by ${access.doctor.name}`}>
                    Review
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {reviewing ? <ReviewDialog access={reviewing} onClose={() => setReviewing(null)} /> : null}
    </Stack>
  );
}

function ReviewDialog({ access, onClose }: { access: EmergencyAccessRecord; onClose: () => void }) {
  const review = useReviewEmergencyAccess();
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; note?: string }>({});

  function confirm() {
    const trimmed = note.trim();
    const problems = {
      ...(outcome === null ? { outcome: 'Choose whether the access was justified.' } : {}),
      ...(trimmed.length < 3 || trimmed.length > 1000 ? { note: 'Write a note of 3 to 1000 characters.' } : {}),
    };
    setErrors(problems);
    if (outcome === null || Object.keys(problems).length > 0) return;
    review.mutate(
      { id: access.id, outcome, note: trimmed },
      {
        onSuccess: () => {
          notify({ color: 'green', message: `The emergency access by ${access.doctor.name} was marked ${outcome}.` });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={`Review the emergency access by ${access.doctor.name}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm">Your verdict and note are kept with the access and cannot be changed afterwards.</Text>
        <Radio.Group
          label="Verdict"
          required
          withAsterisk
          value={outcome ?? ''}
          error={errors.outcome}
          onChange={(value) => {
            setOutcome(value as ReviewOutcome);
            setErrors(({ note: noteError }) => (noteError ? { note: noteError } : {}));
          }}
        >
          <Stack gap="xs" mt={6}>
            <Radio value="justified" label="Justified" />
            <Radio value="unjustified" label="Not justified" />
          </Stack>
        </Radio.Group>
        <Textarea
          label="Note"
          required
          withAsterisk
          autosize
          minRows={3}
          maxLength={1000}
          value={note}
          error={errors.note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <ProblemAlert error={review.error} title="The review was not saved" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={review.isPending}>
            Cancel
          </Button>
          <Button color={outcome === 'unjustified' ? 'red' : 'green'} onClick={confirm} loading={review.isPending}>
            Save verdict
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm">
        {children}
      </Text>
    </Stack>
  );
}
