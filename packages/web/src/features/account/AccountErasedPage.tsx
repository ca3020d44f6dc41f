// Where a patient lands after erasing their account: what happened, in plain words. Arriving here
// from the erasure, the browser forgets the session the server has already ended.
import { Anchor, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { isObject } from '../../ui/json-shape.ts';
import { formatDateTime } from '../../ui/format-time.ts';
import { NarrowPage } from '../../ui/NarrowPage.tsx';
import { useForgetErasedSession } from './api.ts';

function erasedAtOf(state: unknown): string | null {
  return isObject(state) && typeof state['erasedAt'] === 'string' ? state['erasedAt'] : null;
}

export function AccountErasedPage() {
  const erasedAt = erasedAtOf(useLocation().state);
  const forget = useForgetErasedSession();
  useEffect(() => {
    if (erasedAt !== null) forget();
  }, [erasedAt, forget]);

  return (
    <NarrowPage
      title="Your account was erased"
      footer={
        <Anchor component={Link} to="/" size="sm">
          Go to the front page
        </Anchor>
      }
    >
      <Stack gap="sm">
        <Text>
          {erasedAt === null ? 'The key' : `On ${formatDateTime(erasedAt)} the key`} your health record was encrypted
          with was destroyed. Nobody can read your record any more: not you, not your doctors, not MedConnect.
        </Text>
        <Text size="sm" c="dimmed">
          The fingerprints anchored on the blockchain and the audit trail remain, so the record&apos;s history stays
          provable, but without the key they cannot be linked to what it said. You have been signed out.
        </Text>
      </Stack>
    </NarrowPage>
  );
}
