// What a proof means, in one line: anchored and found on chain just now, waiting for its batch,
// or anchored but with a root the current chain does not know (the one case that needs attention).
import { Alert, Badge } from '@mantine/core';
import { AlertIcon, CheckIcon, ClockIcon } from '../../ui/icons.tsx';
import type { RecordProof } from './api.ts';

const verdictClassNames = { root: 'app-verdict', label: 'app-verdict-label' };

export function ProofVerdict({ proof }: { proof: RecordProof }) {
  if (proof.status === 'pending') {
    return (
      <Badge
        size="xl"
        variant="light"
        color="yellow"
        tt="none"
        classNames={verdictClassNames}
        leftSection={<ClockIcon size={18} />}
      >
        Pending anchoring
      </Badge>
    );
  }
  if (proof.onChain) {
    return (
      <Badge
        size="xl"
        variant="light"
        color="green"
        tt="none"
        classNames={verdictClassNames}
        leftSection={<CheckIcon size={18} />}
      >
        Anchored on chain — verified just now
      </Badge>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} title="Root not found on the current chain">
      This record was anchored, but its Merkle root is not on the chain the server is connected to. The server
      may be pointed at a different network, or the chain was reset since the batch was anchored. Until that
      is resolved this proof cannot be trusted.
    </Alert>
  );
}

export function verdictSummary(proof: RecordProof): string {
  if (proof.status === 'pending') return 'Pending anchoring';
  return proof.onChain ? 'Anchored on chain, verified just now' : 'Root not found on the current chain';
}
