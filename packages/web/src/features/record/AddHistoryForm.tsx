// "Add to my history": a patient records a past condition, an allergy, a current medication, a
// symptom or a family history. Fields are checked as they are typed, with the server's limits.
import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAddHistory, type HistoryKind, type NewHistory } from './api.ts';

const kinds: { value: HistoryKind; label: string; textLabel: string }[] = [
  { value: 'condition', label: 'A condition I have or had', textLabel: 'Condition' },
  { value: 'allergy', label: 'An allergy', textLabel: 'What you are allergic to' },
  { value: 'medication', label: 'A medication I take', textLabel: 'Medication and dose' },
  { value: 'symptom', label: 'A symptom', textLabel: 'Symptom' },
  { value: 'family-history', label: 'Family history', textLabel: 'Condition in your family' },
];

const today = () => new Date().toISOString().slice(0, 10);

export function validateText(value: string): string | null {
  const length = value.trim().length;
  if (length === 0) return 'Describe it in a few words.';
  if (length > 500) return `Keep it to 500 characters (${length} now).`;
  return null;
}

export function validateOnset(value: string): string | null {
  if (value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return 'Enter a date, or leave it empty.';
  if (value > today()) return 'The date cannot be in the future.';
  return null;
}

export function validateNote(value: string): string | null {
  return value.trim().length > 1000 ? `Keep the note to 1000 characters (${value.trim().length} now).` : null;
}

export function AddHistoryForm({ onDone }: { onDone?: () => void }) {
  const add = useAddHistory();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<{ kind: HistoryKind; text: string; onset: string; note: string }>({
    mode: 'controlled',
    initialValues: { kind: 'condition', text: '', onset: '', note: '' },
    validate: { text: validateText, onset: validateOnset, note: validateNote },
    validateInputOnChange: true,
  });
  const current = kinds.find((k) => k.value === form.values.kind) ?? kinds[0]!;

  const submit = form.onSubmit(
    (values) => {
      const input: NewHistory = {
        kind: values.kind,
        text: values.text.trim(),
        ...(values.onset ? { onset: values.onset } : {}),
        ...(values.note.trim() ? { note: values.note.trim() } : {}),
      };
      add.mutate(input, {
        onSuccess: () => {
          notify({ color: 'green', title: 'Added to your record', message: `"${input.text}" is now in your history.` });
          form.reset();
          onDone?.();
        },
        onError: (error) => {
          if (applyServerErrors(form, error, ['kind', 'text', 'onset', 'note']) > 0) focusFirstInvalid(formRef.current);
        },
      });
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Add to my history">
      <Stack gap="md">
        <NativeSelect label="What are you adding?" data={kinds} {...form.getInputProps('kind')} />
        <TextInput
          label={current.textLabel}
          description="In your own words, up to 500 characters"
          withAsterisk
          required
          maxLength={600}
          {...form.getInputProps('text')}
        />
        <TextInput
          type="date"
          label="Since when"
          description="Optional"
          max={today()}
          {...form.getInputProps('onset')}
        />
        <Textarea label="Note" description="Optional, up to 1000 characters" autosize minRows={2} {...form.getInputProps('note')} />
        <ProblemAlert error={add.error} title="Could not add this" />
        <Group>
          <Button type="submit" loading={add.isPending}>
            Add to my history
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
