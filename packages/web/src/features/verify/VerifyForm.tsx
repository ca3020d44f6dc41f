// Record id and optional version. The id is checked as it is typed; submitting an invalid form
// moves focus to the first field that needs attention.
import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { ShieldCheckIcon } from '../../ui/icons.tsx';
import type { ProofRequest } from './api.ts';
import { normaliseRecordId, parseVersion, recordIdError, recordIdExample } from './record-id.ts';

export interface VerifyFormProps {
  /** Values from the address bar; the fields follow them on back and forward navigation. */
  initialId: string;
  initialVersion: string;
  busy: boolean;
  onSubmit: (request: ProofRequest) => void;
}

export function VerifyForm({ initialId, initialVersion, busy, onSubmit }: VerifyFormProps) {
  const [idInput, setIdInput] = useState(initialId);
  const [versionInput, setVersionInput] = useState<string | number>(initialVersion);
  const [submitted, setSubmitted] = useState(false);
  const [syncedFrom, setSyncedFrom] = useState(`${initialId}|${initialVersion}`);
  const idRef = useRef<HTMLInputElement>(null);
  const versionRef = useRef<HTMLInputElement>(null);

  const urlKey = `${initialId}|${initialVersion}`;
  if (urlKey !== syncedFrom) {
    setSyncedFrom(urlKey);
    setIdInput(initialId);
    setVersionInput(initialVersion);
  }

  const idError = idInput.trim() === '' && !submitted ? null : recordIdError(idInput);
  const version = parseVersion(versionInput);
  const versionError = version === 'invalid' ? 'The version is a whole number, 1 or more.' : null;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (recordIdError(idInput) !== null) {
      idRef.current?.focus();
      return;
    }
    if (version === 'invalid') {
      versionRef.current?.focus();
      return;
    }
    const recordId = normaliseRecordId(idInput);
    onSubmit(version === undefined ? { recordId } : { recordId, version });
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Verify a record">
      <Stack gap="md">
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            ref={idRef}
            label="Record id"
            description={`A UUID, for example ${recordIdExample}`}
            placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
            value={idInput}
            onChange={(event) => setIdInput(event.currentTarget.value)}
            error={idError}
            withAsterisk
            required
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            classNames={{ input: 'app-mono-input' }}
            style={{ flex: '1 1 24rem' }}
          />
          <NumberInput
            ref={versionRef}
            label="Version"
            description="Optional; latest if empty"
            value={versionInput}
            onChange={setVersionInput}
            error={versionError}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            inputMode="numeric"
            style={{ flex: '0 1 10rem' }}
          />
        </Group>
        <Group>
          <Button type="submit" loading={busy} leftSection={<ShieldCheckIcon size={18} />}>
            Verify
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
