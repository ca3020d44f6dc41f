// The answer to a verification: loading, a clear error, or the proof with every value copyable.
import {
  Alert,
  Button,
  Card,
  DataList,
  Group,
  Loader,
  Stack,
  Text,
  Title,
  VisuallyHidden,
  useMatches,
} from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../../ui/api-client.ts';
import { CopyValue } from '../../ui/CopyValue.tsx';
import { formatClockTime, formatInteger } from '../../ui/format-time.ts';
import { AlertIcon, RefreshIcon } from '../../ui/icons.tsx';
import type { ProofRequest, RecordProof } from './api.ts';
import { ProofVerdict, verdictSummary } from './ProofVerdict.tsx';

export interface ProofResultProps {
  request: ProofRequest | null;
  result: UseQueryResult<RecordProof, Error>;
}

export function ProofResult({ request, result }: ProofResultProps) {
  if (request === null) return null;

  if (result.isPending) {
    return (
      <Group gap="sm" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden="true" />
        <Text>Fetching the proof and checking the chain…</Text>
      </Group>
    );
  }

  if (result.isError) return <ProofError error={result.error} request={request} />;

  return (
    <ProofDetails
      proof={result.data}
      checkedAt={result.dataUpdatedAt}
      refreshing={result.isFetching}
      onRecheck={() => void result.refetch()}
    />
  );
}

function ProofError({ error, request }: { error: Error; request: ProofRequest }) {
  const status = error instanceof ApiError ? error.status : undefined;
  if (status === 404) {
    return (
      <Alert color="red" variant="light" icon={<AlertIcon />} title="No record with that id">
        {request.version === undefined
          ? 'Check the record id and try again.'
          : `Check the record id and version ${request.version}, or leave the version empty for the latest.`}
      </Alert>
    );
  }
  const title = status === 400 ? 'The request was not accepted' : 'Could not check the record';
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} title={title}>
      {error.message}
    </Alert>
  );
}

interface ProofDetailsProps {
  proof: RecordProof;
  checkedAt: number;
  refreshing: boolean;
  onRecheck: () => void;
}

function ProofDetails({ proof, checkedAt, refreshing, onRecheck }: ProofDetailsProps) {
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });
  const anchored = proof.status === 'anchored';

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="proof-heading">
      <VisuallyHidden role="status">{`Proof loaded: ${verdictSummary(proof)}.`}</VisuallyHidden>
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Title order={2} id="proof-heading">
              Proof for version {proof.version}
            </Title>
            <Text size="sm" c="dimmed" mt={4} className="app-hex">
              Record {proof.recordId}
            </Text>
          </div>
          <Button
            variant="default"
            size="sm"
            leftSection={<RefreshIcon size={16} />}
            loading={refreshing}
            onClick={onRecheck}
          >
            Check again
          </Button>
        </Group>

        <Stack gap="xs" align="flex-start">
          <ProofVerdict proof={proof} />
          <Text size="sm" c="dimmed">
            Checked at {formatClockTime(checkedAt)}.
          </Text>
        </Stack>

        <DataList orientation={orientation} labelWidth="10rem" gap="md" withDivider>
          <Field label="Leaf">
            <CopyValue value={proof.leaf} label="leaf" />
          </Field>
          {anchored ? <AnchorFields proof={proof} /> : null}
        </DataList>

        <Stack gap="sm" component="section" aria-labelledby="merkle-proof-heading">
          <Title order={3} size="h4" id="merkle-proof-heading">
            Merkle proof
          </Title>
          <Text size="sm" c="dimmed">
            {proofExplanation(proof, anchored)}
          </Text>
          {proof.proof.length > 0 ? (
            <ol className="app-proof-list">
              {proof.proof.map((hash, index) => (
                <li key={`${index}-${hash}`}>
                  <CopyValue value={hash} label={`proof step ${index + 1}`} />
                </li>
              ))}
            </ol>
          ) : null}
        </Stack>
      </Stack>
    </Card>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ flex: 1, minWidth: 0 }}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** Where the batch holding this leaf was anchored; absent values show as "Unknown". */
function AnchorFields({ proof }: { proof: RecordProof }) {
  return (
    <>
      <Field label="Merkle root">
        {proof.root === null ? <Unknown /> : <CopyValue value={proof.root} label="Merkle root" />}
      </Field>
      <Field label="Batch">{proof.batchId === null ? <Unknown /> : `#${formatInteger(proof.batchId)}`}</Field>
      <Field label="Transaction hash">
        {proof.transactionHash === null ? (
          <Unknown />
        ) : (
          <CopyValue value={proof.transactionHash} label="transaction hash" />
        )}
      </Field>
      <Field label="Block">
        {proof.blockNumber === null ? <Unknown /> : formatInteger(proof.blockNumber)}
      </Field>
      <Field label="Chain id">{proof.chainId === null ? <Unknown /> : String(proof.chainId)}</Field>
    </>
  );
}

function Unknown() {
  return (
    <Text component="span" size="sm" c="dimmed">
      Unknown
    </Text>
  );
}

function proofExplanation(proof: RecordProof, anchored: boolean): string {
  if (!anchored) {
    return 'The record is saved and queued for the next batch. Its Merkle root, batch and transaction appear here once that batch is anchored.';
  }
  const steps = proof.proof.length;
  if (steps === 0) return 'This record was alone in its batch, so its leaf is the Merkle root itself.';
  return `Hashing the leaf with ${steps === 1 ? 'this sibling hash' : `these ${steps} sibling hashes`}, in sorted pairs, gives the Merkle root.`;
}
