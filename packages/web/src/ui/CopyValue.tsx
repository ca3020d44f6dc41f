// A long machine value (hash, id) in monospace that wraps anywhere on a phone, with a copy button.
import { ActionIcon, Code, CopyButton, Group, Tooltip, VisuallyHidden } from '@mantine/core';
import { CheckIcon, CopyIcon } from './icons.tsx';

export interface CopyValueProps {
  value: string;
  /** What the value is, for the copy button's accessible name ("Copy leaf"). */
  label: string;
}

export function CopyValue({ value, label }: CopyValueProps) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code className="app-hex" style={{ flex: 1, minWidth: 0 }}>
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <>
            <Tooltip label={copied ? 'Copied' : `Copy ${label}`} withArrow position="left">
              <ActionIcon
                variant={copied ? 'filled' : 'subtle'}
                color={copied ? 'green.9' : 'gray'}
                onClick={copy}
                aria-label={copied ? `${label} copied` : `Copy ${label}`}
                size="lg"
              >
                {copied ? <CheckIcon size={18} /> : <CopyIcon size={18} />}
              </ActionIcon>
            </Tooltip>
            <VisuallyHidden role="status">{copied ? `${label} copied to the clipboard` : ''}</VisuallyHidden>
          </>
        )}
      </CopyButton>
    </Group>
  );
}
