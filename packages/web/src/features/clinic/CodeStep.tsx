// The open request's second step: the doctor types the 6-digit code the patient received, before it
// expires. Wrong codes say how many tries are left; a new code can be sent, or the request withdrawn.
import { Button, Card, Group, Modal, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../ui/api-client.ts';
import { notify } from '../../ui/notify.ts';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { useCountdown } from '../../ui/use-countdown.ts';
import { durationInWords, purposeLabel, scopeInWords, type ConsentView } from '../consents/consent-view.ts';
import { useConfirmCode, useSendNewCode, useWithdrawRequest } from './api.ts';

export function CodeStep({ consent, healthId }: { consent: ConsentView; healthId: string }) {
  const navigate = useNavigate();
  const confirm = useConfirmCode();
  const resend = useSendNewCode();
  const withdraw = useWithdrawRequest();
  const resendWaiting = useRateLimited(resend.error);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const digits = code.replace(/[\s-]/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setCodeError('Enter the 6 digits of the code.');
      inputRef.current?.focus();
      return;
    }
    confirm.mutate(
      { id: consent.id, code: digits },
      {
        onSuccess: () => {
          notify({ color: 'green', title: 'Access granted', message: 'The patient’s code was right. Opening the chart.' });
          void navigate(`/clinic/patients/${healthId}`);
        },
        onError: (error) => {
          if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
            setCodeError(error.message);
            inputRef.current?.focus();
          }
        },
      },
    );
  }

  const confirmProblem = confirm.error instanceof ApiError && (confirm.error.status === 400 || confirm.error.status === 409) ? null : confirm.error;

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="code-heading">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id="code-heading">
            Ask the patient for the 6-digit code we sent them
          </Title>
          <Text size="sm" c="dimmed">
            You asked for {scopeInWords(consent.scope)} for {purposeLabel(consent.purpose).toLowerCase()}, for{' '}
            {durationInWords(consent)}. The patient can also approve the request in their app.
          </Text>
        </Stack>
        <form onSubmit={submit} noValidate aria-labelledby="code-heading">
          <Stack gap="sm">
            <TextInput
              ref={inputRef}
              label="Code from the patient"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              withAsterisk
              maw="16rem"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={code}
              error={codeError}
              onChange={(event) => {
                setCode(event.currentTarget.value);
                setCodeError(null);
              }}
            />
            {consent.otpExpiresAt ? <CodeExpiry key={consent.otpExpiresAt} expiresAt={consent.otpExpiresAt} /> : null}
            <ProblemAlert error={confirmProblem} title="The code could not be checked" />
            <ProblemAlert error={resend.error} title="No new code was sent" />
            <Group gap="sm" wrap="wrap">
              <Button type="submit" loading={confirm.isPending}>
                Confirm
              </Button>
              <Button
                variant="default"
                loading={resend.isPending}
                disabled={resendWaiting}
                onClick={() =>
                  resend.mutate(
                    { id: consent.id },
                    {
                      onSuccess: () => {
                        setCode('');
                        setCodeError(null);
                        confirm.reset();
                        notify({ color: 'green', message: 'A new code is on its way to the patient. The old one no longer works.' });
                      },
                    },
                  )
                }
              >
                Send a new code
              </Button>
              <Button variant="subtle" color="red" onClick={() => setWithdrawing(true)}>
                Withdraw request
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
      <Modal opened={withdrawing} onClose={() => setWithdrawing(false)} title="Withdraw this request?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="md">
          <Text size="sm">The code stops working and the patient is no longer asked. You can ask again later.</Text>
          <ProblemAlert error={withdraw.error} title="Could not withdraw" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setWithdrawing(false)} disabled={withdraw.isPending}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={withdraw.isPending}
              onClick={() =>
                withdraw.mutate(
                  { id: consent.id },
                  {
                    onSuccess: () => {
                      setWithdrawing(false);
                      notify({ color: 'blue', message: 'The request was withdrawn.' });
                    },
                  },
                )
              }
            >
              Withdraw
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** Minutes and seconds until the code expires; announced once, not every second. */
function CodeExpiry({ expiresAt }: { expiresAt: string }) {
  const [seconds] = useState(() => Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000)));
  const left = useCountdown(seconds, expiresAt) ?? 0;
  const words = (s: number) =>
    s <= 0 ? 'The code has expired. Send a new code.' : `The code expires in ${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.`;
  return (
    <>
      <Text size="sm" c={left <= 0 ? 'var(--mantine-color-error)' : 'dimmed'} aria-hidden="true">
        {words(left)}
      </Text>
      <VisuallyHidden role="status">{left <= 0 ? words(0) : `The code expires in ${Math.ceil(seconds / 60)} minutes.`}</VisuallyHidden>
    </>
  );
}
