// The professional's licence document for the registrar: what is uploaded now, and a control to
// upload one (PDF, PNG or JPEG, at most 5 MB) or replace it after a confirmation, with progress.
import { Alert, Button, Card, FileInput, Group, Modal, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../ui/format-time.ts';
import { notify } from '../../ui/notify.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import {
  formatFileSize,
  licenceDocumentTypes,
  MAX_LICENCE_DOCUMENT_BYTES,
  useOwnLicenceDocument,
  useUploadLicenceDocument,
  type LicenceDocument,
} from '../account/licence-document-api.ts';

/** Why the chosen file cannot be sent, or null when it can. */
function fileProblem(file: File): string | null {
  if (!(licenceDocumentTypes as readonly string[]).includes(file.type)) {
    return 'Choose a PDF, PNG or JPEG file.';
  }
  if (file.size === 0) return 'The file is empty.';
  if (file.size > MAX_LICENCE_DOCUMENT_BYTES) {
    return `The file is ${formatFileSize(file.size)}; the largest accepted is 5 MB.`;
  }
  return null;
}

export function LicenceDocumentUpload() {
  const current = useOwnLicenceDocument();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const upload = useUploadLicenceDocument(setProgress);
  const problem = file ? fileProblem(file) : null;

  function choose(chosen: File | null) {
    setFile(chosen);
    upload.reset();
  }

  function send() {
    if (!file || problem) return;
    setConfirming(false);
    setProgress(0);
    upload.mutate(file, {
      onSuccess: () => {
        setFile(null);
        notify({ message: 'Your licence document is uploaded.', color: 'green' });
      },
    });
  }

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="licence-document-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="licence-document-heading">
          Your licence document
        </Title>
        <Text size="sm">
          Upload a scan or PDF of your licence so the registrar can check it against the details you
          submitted. A new upload replaces the one before; it does not change your verification status.
        </Text>
        {current.isError ? (
          <ProblemAlert error={current.error} title="Your document could not be loaded" />
        ) : current.data ? (
          <CurrentDocument document={current.data} />
        ) : current.isPending ? null : (
          <Text size="sm" c="dimmed">
            No document uploaded yet.
          </Text>
        )}
        <FileInput
          label="Upload your licence document"
          description="PDF, PNG or JPEG, at most 5 MB"
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          value={file}
          onChange={choose}
          clearable
          clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
          disabled={upload.isPending}
          error={problem}
        />
        {file && !problem ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }} aria-live="polite">
            {file.name} · {formatFileSize(file.size)}
          </Text>
        ) : null}
        {upload.isPending ? (
          <Stack gap={6}>
            <Progress value={Math.round(progress * 100)} aria-label="Upload progress" />
            <Text size="sm" role="status">
              Uploading… {Math.round(progress * 100)}%
            </Text>
          </Stack>
        ) : null}
        <ProblemAlert error={upload.error} title="The document was not uploaded" />
        <Group justify="flex-end">
          <Button
            onClick={() => (current.data ? setConfirming(true) : send())}
            disabled={file === null || problem !== null}
            loading={upload.isPending}
          >
            {current.data ? 'Replace document' : 'Upload document'}
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Replace your licence document?" centered>
        <Stack gap="md">
          <Text size="sm">
            {current.data ? (
              <>
                The registrar will see <strong style={{ overflowWrap: 'anywhere' }}>{file?.name}</strong> instead of{' '}
                <strong style={{ overflowWrap: 'anywhere' }}>{current.data.fileName}</strong>. The earlier document is not
                kept.
              </>
            ) : null}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              Keep the current one
            </Button>
            <Button onClick={send}>Replace</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function CurrentDocument({ document }: { document: LicenceDocument }) {
  return (
    <Alert variant="light" color="blue" title="Uploaded document" role="note">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {document.fileName} · {formatFileSize(document.size)} · uploaded {formatDateTime(document.uploadedAt)}
      </Text>
    </Alert>
  );
}
