// A field for choosing a password. While it is empty it says what the rules are; as the person
// types, it shows what still breaks them (as the field's error) or confirms that it passes.
import { Group, PasswordInput, Text, type PasswordInputProps } from '@mantine/core';
import { CheckIcon } from '../../ui/icons.tsx';
import { passwordRulesSummary } from './password-rules.ts';

export type NewPasswordInputProps = Omit<PasswordInputProps, 'value' | 'description'> & { value: string };

export function NewPasswordInput({ value, error, ...props }: NewPasswordInputProps) {
  const passes = value !== '' && (error === undefined || error === null || error === false);
  return (
    <PasswordInput
      autoComplete="new-password"
      {...props}
      value={value}
      error={error}
      description={
        passes ? (
          <Group gap={4} component="span" wrap="nowrap">
            <CheckIcon size={14} />
            <Text component="span" size="xs" c="var(--mantine-color-green-light-color)">
              Meets the password rules
            </Text>
          </Group>
        ) : value === '' ? (
          passwordRulesSummary
        ) : undefined
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}
