// Confirmation before declining a doctor's request: declining cannot be undone (the doctor must ask again).
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { purposeLabel, type ConsentView } from './consent-view.ts';

interface DeclineDialogProps {
  consent: ConsentView;
  pending: boolean;
  error: Error | null;
  onCancel: () => void;
  onConfirm: () => void;
}

export function DeclineDialog({ consent, pending, error, onCancel, onConfirm }: DeclineDialogProps) {
  return (
    <Modal opened onClose={onCancel} title={`Decline the request from ${consent.grantee.name}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm">
          {consent.grantee.name} asked to read your record for {purposeLabel(consent.purpose).toLowerCase()}. If you
          decline, they cannot read it; they would have to ask again.
        </Text>
        <ProblemAlert error={error} title="Could not decline" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Keep the request
          </Button>
          <Button color="red" onClick={onConfirm} loading={pending}>
            Decline
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
