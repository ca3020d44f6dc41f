// The licence document an application carries, in the registrar's review queue: its name and size
// and a link that opens it in a new tab (the server shows it sandboxed), or a note that there is none.
import { Anchor, Text } from '@mantine/core';
import { formatFileSize, type LicenceDocument } from '../account/licence-document-api.ts';

export function LicenceDocumentLink({
  userId,
  displayName,
  document,
}: {
  userId: string;
  displayName: string;
  document: LicenceDocument | null;
}) {
  if (!document) {
    return (
      <Text size="sm" c="dimmed" component="span">
        No document uploaded
      </Text>
    );
  }
  return (
    <Text size="sm" component="span" style={{ overflowWrap: 'anywhere' }}>
      {document.fileName} · {formatFileSize(document.size)} ·{' '}
      <Anchor
        href={`/api/registry/applications/${encodeURIComponent(userId)}/licence-document`}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`Open the licence document of ${displayName} (opens in a new tab)`}
      >
        Open document
      </Anchor>
    </Text>
  );
}
