// Patients (/clinic): the doctor finds a patient by Health ID (typed, or opened from the QR code on the
// patient's card as /clinic?healthId=…), sees what they may do now, asks for access and confirms it
// with the code the patient received, or, in an emergency, breaks the glass.
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { DoctorOnly } from './DoctorOnly.tsx';
import { formatHealthIdInput, healthIdDigits, healthIdProblem } from './health-id-input.ts';
import { PatientAccessPanel } from './PatientAccessPanel.tsx';

export function FindPatientPage() {
  return (
    <DoctorOnly>
      <FindPatient />
    </DoctorOnly>
  );
}

function FindPatient() {
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('healthId') ?? '';
  const current = fromUrl !== '' && healthIdProblem(fromUrl) === null ? healthIdDigits(fromUrl) : null;

  return (
    <Stack gap="xl">
      <PageHeader title="Patients">
        Find a patient by the Health ID on their card. You can read their record only once they consent.
      </PageHeader>
      <HealthIdForm
        key={fromUrl}
        initial={fromUrl}
        onFind={(digits) => setParams(digits === '' ? {} : { healthId: digits })}
      />
      {current === null ? null : <PatientAccessPanel key={current} healthId={current} />}
    </Stack>
  );
}

function HealthIdForm({ initial, onFind }: { initial: string; onFind: (digits: string) => void }) {
  const [value, setValue] = useState(formatHealthIdInput(initial));
  const [error, setError] = useState<string | null>(initial === '' ? null : healthIdProblem(initial));
  const inputRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = healthIdProblem(value);
    setError(problem);
    if (problem !== null) {
      inputRef.current?.focus();
      return;
    }
    onFind(healthIdDigits(value));
  }

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="find-heading">
      <form onSubmit={submit} noValidate aria-labelledby="find-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="find-heading">
            Find a patient
          </Title>
          <TextInput
            ref={inputRef}
            label="Health ID"
            description="14 digits, as on the patient's card: 12-3456-7890-1234"
            placeholder="12-3456-7890-1234"
            inputMode="numeric"
            autoComplete="off"
            required
            withAsterisk
            value={value}
            error={error}
            onChange={(event) => {
              setValue(formatHealthIdInput(event.currentTarget.value));
              setError(null);
            }}
            maw="24rem"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Group>
            <Button type="submit">Find</Button>
          </Group>
          <Text size="sm" c="dimmed">
            Scanning the QR code on the card opens this page with the Health ID filled in.
          </Text>
        </Stack>
      </form>
    </Card>
  );
}
