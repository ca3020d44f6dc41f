// "Ask for access": why (a fixed purpose, never free text), what (the whole record or some kinds of
// entries) and for how long. The patient then gets a 6-digit code to read out to the doctor.
import { Button, Card, Checkbox, Group, NativeSelect, NumberInput, Radio, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ProblemAlert, useRateLimited } from '../../ui/ProblemAlert.tsx';
import { purposes, scopeKinds, type Duration, type Purpose } from '../consents/consent-view.ts';
import { useRequestAccess, type AccessRequest } from './api.ts';

interface Values {
  purpose: Purpose;
  whole: boolean;
  kinds: string[];
  duration: Duration;
  days: number | string;
}

export function AccessRequestForm({ healthId }: { healthId: string }) {
  const request = useRequestAccess();
  const waiting = useRateLimited(request.error);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { purpose: 'consultation', whole: true, kinds: [], duration: 'visit', days: 7 },
    validate: {
      kinds: (kinds, values) => (values.whole || kinds.length > 0 ? null : 'Choose the whole record or at least one kind of entry.'),
      days: (days, values) =>
        values.duration !== 'days' || (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 365)
          ? null
          : 'Enter a number of days from 1 to 365.',
    },
  });

  const submit = form.onSubmit(
    (values) => {
      const input: AccessRequest = {
        healthId,
        purpose: values.purpose,
        scope: values.whole ? ['all'] : values.kinds,
        duration: values.duration,
        ...(values.duration === 'days' && typeof values.days === 'number' ? { days: values.days } : {}),
      };
      request.mutate(input, {
        onSuccess: () => notify({ color: 'green', title: 'Request sent', message: 'We sent the patient a 6-digit code. Ask them to read it out to you.' }),
        onError: (error) => {
          if (applyServerErrors(form, error, ['purpose', 'days']) > 0) focusFirstInvalid(formRef.current);
        },
      });
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="ask-heading">
      <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="ask-heading">
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h3" id="ask-heading">
              Ask for access
            </Title>
            <Text size="sm" c="dimmed">
              The patient sees who is asking, why, what and for how long, and confirms with a code we send them.
            </Text>
          </Stack>
          <NativeSelect label="Purpose" data={purposes} maw="24rem" {...form.getInputProps('purpose')} />
          <Stack gap="xs">
            <Checkbox
              label="The whole record"
              {...form.getInputProps('whole', { type: 'checkbox' })}
            />
            <Checkbox.Group
              label="Or only these kinds of entries"
              {...form.getInputProps('kinds')}
            >
              <Group gap="md" mt={6} wrap="wrap">
                {scopeKinds.map((kind) => (
                  <Checkbox key={kind.value} value={kind.value} label={kind.label} disabled={form.values.whole} />
                ))}
              </Group>
            </Checkbox.Group>
          </Stack>
          <Radio.Group label="For how long" {...form.getInputProps('duration')}>
            <Stack gap="xs" mt={6}>
              <Radio value="visit" label="This visit (12 hours)" />
              <Radio value="days" label="A number of days" />
              <Radio value="until-revoked" label="Until the patient revokes it" />
            </Stack>
          </Radio.Group>
          {form.values.duration === 'days' ? (
            <NumberInput label="Days" min={1} max={365} allowDecimal={false} maw="10rem" required withAsterisk {...form.getInputProps('days')} />
          ) : null}
          <ProblemAlert error={request.error} title="The request was not sent" />
          <Group>
            <Button type="submit" loading={request.isPending} disabled={waiting}>
              Ask for access
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
