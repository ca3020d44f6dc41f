// Link a browser wallet (MetaMask or any EIP-1193 wallet): it then becomes the account's Ethereum
// address and can be used to sign in. Without a linked wallet, MedConnect holds an address for the
// person (custodial). Unlinking returns to that address.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { CopyValue } from '../../ui/CopyValue.tsx';
import { AlertIcon } from '../../ui/icons.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useLinkWallet, useUnlinkWallet } from './api.ts';
import type { SessionInfo } from './session.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { browserWallet } from './browser-wallet.ts';
import { notify } from '../../ui/notify.ts';

export function WalletSection({ session }: { session: SessionInfo }) {
  const link = useLinkWallet();
  const unlink = useUnlinkWallet();
  const [hasWallet] = useState(() => browserWallet() !== null);
  const { walletAddress, ethAddress } = session.user;

  return (
    <SettingsSection
      id="wallet-heading"
      title="Wallet"
      intro="Link your own Ethereum wallet to use it as your MedConnect address and to sign in with it. Your health data never goes on chain."
    >
      {walletAddress ? (
        <Stack gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Linked wallet
            </Text>
            <CopyValue value={walletAddress} label="wallet address" />
          </Stack>
          <ProblemAlert error={unlink.error} title="The wallet is still linked" />
          <Group>
            <Button
              variant="default"
              loading={unlink.isPending}
              onClick={() =>
                unlink.mutate(undefined, {
                  onSuccess: () => notify({ message: 'Your wallet is unlinked.', color: 'brand' }),
                })
              }
            >
              Unlink wallet
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            After unlinking, MedConnect uses the address it holds for you again.
          </Text>
        </Stack>
      ) : (
        <Stack gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Address held for you by MedConnect
            </Text>
            <CopyValue value={ethAddress} label="Ethereum address" />
          </Stack>
          {hasWallet ? (
            <>
              <Text size="sm">
                Your wallet will ask you to sign a message. Signing proves you control the address; it costs
                nothing and sends no transaction.
              </Text>
              <ProblemAlert error={link.error} title="The wallet was not linked" />
              <Group>
                <Button
                  loading={link.isPending}
                  onClick={() =>
                    link.mutate(undefined, {
                      onSuccess: () => notify({ message: 'Your wallet is linked.', color: 'green' }),
                    })
                  }
                >
                  Link a wallet
                </Button>
              </Group>
            </>
          ) : (
            <Alert
              color="gray"
              variant="light"
              icon={<AlertIcon />}
              title="No browser wallet found"
              role="note"
            >
              To link a wallet, install MetaMask or another Ethereum wallet extension in this browser, then
              reload this page.
            </Alert>
          )}
        </Stack>
      )}
    </SettingsSection>
  );
}
