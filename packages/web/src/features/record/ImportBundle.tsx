// "Import from another system": the patient picks the FHIR bundle another record exported, sees what it
// holds, confirms, and it is added to their record as history they provided. Nothing is sent before
// they confirm; the server checks the file again and stores all of it or nothing.
import { Alert, Button, FileInput, Group, List, Modal, Progress, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { CheckIcon } from '../../ui/icons.tsx';
import { useImportBundle } from './api.ts';
import { plural, previewBundle, type BundlePreview } from './bundle-preview.ts';

export function ImportBundle() {
  const [opened, dialog] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 36em)');
  const importBundle = useImportBundle();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [reading, setReading] = useState(false);

  const reset = () => {
    setFile(null);
    setPreview(null);
    importBundle.reset();
  };
  const close = () => {
    if (importBundle.isPending) return;
    dialog.close();
    reset();
  };
  const choose = async (chosen: File | null) => {
    importBundle.reset();
    setFile(chosen);
    setPreview(null);
    if (chosen === null) return;
    setReading(true);
    try {
      setPreview(previewBundle(await chosen.text(), chosen.size));
    } catch {
      setPreview({ ok: false, message: 'This file could not be read. Try choosing it again.' });
    } finally {
      setReading(false);
    }
  };

  const ready = preview?.ok === true ? preview : null;
  const done = importBundle.data;

  return (
    <>
      <Button variant="default" onClick={dialog.open}>
        Import from another system
      </Button>
      {/* Built from parts so the dialog's heading row is not a second page banner (Mantine renders <header>). */}
      <Modal.Root
        opened={opened}
        onClose={close}
        closeOnClickOutside={!importBundle.isPending}
        closeOnEscape={!importBundle.isPending}
        fullScreen={phone === true}
        size="lg"
        centered
      >
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header component="div">
            <Modal.Title>Import from another system</Modal.Title>
            {importBundle.isPending ? null : <Modal.CloseButton aria-label="Close" />}
          </Modal.Header>
          <Modal.Body>
            {done ? (
              <Stack gap="md">
                <Alert
                  color="green"
                  variant="light"
                  icon={<CheckIcon />}
                  title={`Imported ${plural(done.total, 'entry', 'entries')}`}
                  role="status"
                >
                  <Text size="sm">They are in your record now, marked as history you provided.</Text>
                  <List size="sm" mt="xs">
                    {Object.entries(done.byType)
                      .sort((a, b) => b[1] - a[1])
                      .map(([type, n]) => (
                        <List.Item key={type}>
                          {type}: {n}
                        </List.Item>
                      ))}
                  </List>
                  {done.skipped['Patient'] ? (
                    <Text size="sm" mt="xs">
                      The other system’s personal details were left out: your MedConnect record keeps your
                      own.
                    </Text>
                  ) : null}
                </Alert>
                <Group justify="flex-end">
                  <Button onClick={close} data-autofocus>
                    Done
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Stack gap="md">
                <Text size="sm">
                  Choose the file your other health record exported in FHIR format (JSON). You will see what
                  it holds before anything is sent.
                </Text>
                <FileInput
                  label="FHIR file"
                  placeholder="Choose a .json file"
                  accept=".json,application/json,application/fhir+json"
                  value={file}
                  onChange={(chosen) => void choose(chosen)}
                  clearable
                  clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
                  disabled={importBundle.isPending}
                  data-autofocus
                />
                {reading ? (
                  <Text size="sm" role="status">
                    Reading the file…
                  </Text>
                ) : null}
                {preview && !preview.ok ? (
                  <Alert color="red" variant="light" title="This file cannot be imported" role="alert">
                    <Text size="sm">{preview.message}</Text>
                  </Alert>
                ) : null}
                {ready && file ? (
                  <Stack gap="xs" aria-live="polite">
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {file.name}: {plural(ready.entries, 'entry', 'entries')} to import
                    </Text>
                    <Text size="sm" c="dimmed">
                      {ready.byType
                        .slice(0, 6)
                        .map(([type, n]) => `${type} ${n}`)
                        .join(' · ')}
                      {ready.byType.length > 6
                        ? ` · and ${plural(ready.byType.length - 6, 'other kind')}`
                        : ''}
                    </Text>
                    {ready.hasPatient ? (
                      <Text size="sm" c="dimmed">
                        The file’s personal details (name, birth date, address) are not imported: your record
                        keeps your own.
                      </Text>
                    ) : null}
                    <Text size="sm">
                      Add {plural(ready.entries, 'entry', 'entries')} to your record? Imported entries are
                      marked as provided by you. Like everything in your record, they can be corrected later
                      but not removed.
                    </Text>
                  </Stack>
                ) : null}
                {importBundle.isPending ? (
                  <Stack gap={6}>
                    <Progress value={100} striped animated aria-label="Importing" />
                    <Text size="sm" role="status">
                      Uploading and importing {ready ? plural(ready.entries, 'entry', 'entries') : 'the file'}
                      …
                    </Text>
                  </Stack>
                ) : null}
                <ProblemAlert error={importBundle.error} title="Nothing was imported" />
                <Group justify="flex-end" gap="sm">
                  <Button variant="default" onClick={close} disabled={importBundle.isPending}>
                    Cancel
                  </Button>
                  <Button
                    onClick={() => ready && importBundle.mutate(ready.bundle)}
                    disabled={ready === null}
                    loading={importBundle.isPending}
                  >
                    {ready ? `Import ${plural(ready.entries, 'entry', 'entries')}` : 'Import'}
                  </Button>
                </Group>
              </Stack>
            )}
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}
