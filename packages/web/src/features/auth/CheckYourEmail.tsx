// "Check your email": shown after signing up or asking for a reset link. It offers to send the
// link again and, outside production, a shortcut to the development mailbox.
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CheckIcon } from '../../ui/icons.tsx';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { useMailboxAvailable } from '../mailbox/api.ts';
import { useForgotPassword, useResendVerification } from './api.ts';

export interface CheckYourEmailProps {
  email: string;
  purpose: 'verify' | 'reset';
  onStartOver: () => void;
}

export function CheckYourEmail({ email, purpose, onStartOver }: CheckYourEmailProps) {
  const resendVerification = useResendVerification();
  const resendReset = useForgotPassword();
  const resend = purpose === 'verify' ? resendVerification : resendReset;
  const mailbox = useMailboxAvailable();
  const limited = useRateLimited(resend.error);

  return (
    <Stack gap="md">
      <Text>
        {purpose === 'verify' ? 'We have sent a link to ' : 'If there is an account for '}
        <Text component="strong" fw={700}>
          {email}
        </Text>
        {purpose === 'verify'
          ? '. Open it to finish creating your account; the link works once.'
          : ', we have sent it a link to choose a new password. The link works once, for 30 minutes.'}
      </Text>
      <Text size="sm" c="dimmed">
        The email can take a minute to arrive. Look in your spam folder too.
      </Text>
      {resend.isSuccess ? (
        <Alert color="green" variant="light" icon={<CheckIcon />} title="Sent again" role="status">
          {resend.data}
        </Alert>
      ) : null}
      <ProblemAlert error={resend.error} title="Could not send the link again" />
      <Group gap="sm">
        <Button
          variant="default"
          loading={resend.isPending}
          disabled={limited}
          onClick={() => resend.mutate({ email })}
        >
          Send the link again
        </Button>
        <Button variant="subtle" onClick={onStartOver}>
          Use a different address
        </Button>
      </Group>
      {mailbox ? (
        <Text size="sm">
          Running without real email?{' '}
          <Anchor component={Link} to="/dev/mailbox">
            Open the development mailbox
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  );
}
