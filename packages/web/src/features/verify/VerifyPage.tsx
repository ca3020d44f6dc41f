// Verify a record: anyone with a record id can check its fingerprint against the chain. The id and
// version live in the address (/verify?id=…&version=…), so a verification can be shared as a link.
import { Stack } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useRecordProof, type ProofRequest } from './api.ts';
import { ProofResult } from './ProofResult.tsx';
import { normaliseRecordId, parseVersion, recordIdError } from './record-id.ts';
import { VerifyForm } from './VerifyForm.tsx';

export function VerifyPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const idParam = searchParams.get('id') ?? '';
  const versionParam = searchParams.get('version') ?? '';
  const request = requestFromParams(idParam, versionParam);
  const result = useRecordProof(request);

  const submit = (next: ProofRequest) => {
    const href = verifyHref(next);
    if (href === window.location.pathname + window.location.search) void result.refetch();
    else void navigate(href);
  };

  return (
    <Stack gap="xl">
      <PageHeader title="Verify a record">
        Check that a health record has not been altered. The proof below contains only hashes, never the
        record's content, and its root is looked up on the chain each time you verify.
      </PageHeader>
      <VerifyForm
        initialId={idParam}
        initialVersion={versionParam}
        busy={result.isFetching}
        onSubmit={submit}
      />
      <ProofResult request={request} result={result} />
    </Stack>
  );
}

function requestFromParams(id: string, version: string): ProofRequest | null {
  if (id === '' || recordIdError(id) !== null) return null;
  const recordId = normaliseRecordId(id);
  const parsedVersion = parseVersion(version);
  if (parsedVersion === 'invalid') return null;
  return parsedVersion === undefined ? { recordId } : { recordId, version: parsedVersion };
}

function verifyHref({ recordId, version }: ProofRequest): string {
  const params = new URLSearchParams({ id: recordId });
  if (version !== undefined) params.set('version', String(version));
  return `/verify?${params.toString()}`;
}
