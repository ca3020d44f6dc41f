// Break-the-glass: when a patient cannot consent and care cannot wait, a verified doctor opens the whole
// record for 60 minutes with a reason, their password and authenticator code. The patient is mailed at
// once and a registrar reviews every use, which the confirmation says before anything happens.
import { Button, Card, Group, Modal, PasswordInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { normaliseTotpCode, totpCodeError } from '../auth/totp-code.ts';
import { useStartEmergency } from './api.ts';

interface Values {
  reason: string;
  password: string;
  code: string;
}

export function EmergencyAccessSection({ healthId }: { healthId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="section"
      aria-labelledby="emergency-heading"
      style={{ borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="emergency-heading" c="var(--mantine-color-error)">
          Emergency access
        </Title>
        <Text size="sm">
          Only when the patient cannot consent and treatment cannot wait. It opens the whole record for 60 minutes; the
          patient is told at once and a registrar reviews why you used it.
        </Text>
        {open ? (
          <EmergencyForm healthId={healthId} onCancel={() => setOpen(false)} />
        ) : (
          <Group>
            <Button color="red.9" variant="outline" onClick={() => setOpen(true)}>
              Use emergency access…
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function EmergencyForm({ healthId, onCancel }: { healthId: string; onCancel: () => void }) {
  const navigate = useNavigate();
  const start = useStartEmergency(healthId);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { reason: '', password: '', code: '' },
    validate: {
      reason: (reason) => {
        const length = reason.trim().length;
        if (length < 10) return 'Say why in at least 10 characters: the registrar reads it.';
        return length > 500 ? `Keep it to 500 characters (${length} now).` : null;
      },
      password: (password) => (password === '' ? 'Enter your password.' : null),
      code: totpCodeError,
    },
  });

  const submit = form.onSubmit(
    () => setConfirming(true),
    () => focusFirstInvalid(formRef.current),
  );

  function begin() {
    const { reason, password, code } = form.getValues();
    start.mutate(
      { reason: reason.trim(), password, code: normaliseTotpCode(code) },
      {
        onSuccess: () => {
          setConfirming(false);
          notify({ color: 'red', title: 'Emergency access started', message: 'The patient has been notified.' });
          void navigate(`/clinic/patients/${healthId}`);
        },
        onError: (error) => {
          setConfirming(false);
          form.setFieldValue('code', '');
          if (applyServerErrors(form, error, ['reason', 'password', 'code']) > 0) focusFirstInvalid(formRef.current);
        },
      },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Emergency access">
      <Stack gap="md">
        <Textarea
          label="Reason"
          description="What is happening and why you cannot wait for consent. No more health detail than needed."
          autosize
          minRows={3}
          required
          withAsterisk
          {...form.getInputProps('reason')}
        />
        <PasswordInput label="Your password" autoComplete="current-password" required withAsterisk maw="24rem" {...form.getInputProps('password')} />
        <TextInput
          label="Authenticator code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          withAsterisk
          maw="12rem"
          {...form.getInputProps('code')}
        />
        <ProblemAlert error={start.error} title="Emergency access was not started" />
        <Group gap="sm">
          <Button type="submit" color="red" loading={start.isPending}>
            Start emergency access
          </Button>
          <Button variant="default" onClick={onCancel} disabled={start.isPending}>
            Cancel
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Start emergency access?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="md">
          <Text size="sm">
            You will be able to read this patient’s whole record for 60 minutes. The patient will be notified at once, and
            a registrar will review your reason.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={start.isPending}>
              Cancel
            </Button>
            <Button color="red" onClick={begin} loading={start.isPending}>
              Start emergency access
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
