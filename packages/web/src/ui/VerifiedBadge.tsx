// "Verified" next to a professional's name: a registrar checked their licence. Shown wherever a
// person decides whom to trust with their record (consent requests, authors of entries).
import { Badge } from '@mantine/core';
import { ShieldCheckIcon } from './icons.tsx';

export function VerifiedBadge({ label = 'Verified' }: { label?: string }) {
  return (
    <Badge
      color="green"
      variant="light"
      tt="none"
      leftSection={<ShieldCheckIcon size={14} />}
      title="A registrar verified this professional's licence"
    >
      {label}
    </Badge>
  );
}
