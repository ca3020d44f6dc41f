// The ten recovery codes, shown once right after two-factor authentication is turned on. Each
// signs in once without the phone; the person copies or downloads them before going on.
import { Alert, Button, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { AlertIcon, CheckIcon, CopyIcon } from '../../ui/icons.tsx';

export function RecoveryCodes({ codes, onSaved }: { codes: readonly string[]; onSaved: () => void }) {
  const asText = `MedConnect recovery codes\nEach code signs you in once if you lose your phone.\n\n${codes.join('\n')}\n`;
  return (
    <Stack gap="md" component="section" aria-labelledby="recovery-codes-heading">
      <Alert
        color="green"
        variant="light"
        icon={<CheckIcon />}
        title="Two-factor authentication is on"
        role="status"
      />
      <Text fw={600} id="recovery-codes-heading">
        Save your recovery codes
      </Text>
      <Alert color="yellow" variant="light" icon={<AlertIcon />} role="note">
        If you lose your phone, each of these codes signs you in once. They are shown only now: keep them
        somewhere safe, such as a password manager or a printed copy.
      </Alert>
      <SimpleGrid
        component="ol"
        cols={{ base: 1, xs: 2 }}
        spacing="xs"
        className="app-recovery-codes"
        aria-label="Recovery codes"
      >
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => download('medconnect-recovery-codes.txt', asText)}>
          Download as a text file
        </Button>
      </Group>
      <Group>
        <Button onClick={onSaved}>I have saved them</Button>
      </Group>
    </Stack>
  );
}

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
