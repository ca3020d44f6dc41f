// "Correct this entry": the common fields of an entry (its name, clinical status, measured value, a note
// to add) and the reason, then a review of exactly what will change before it is saved as a new
// version. When someone corrected the entry first the server answers 409 and the form says so.
import { Alert, Button, Group, List, NativeSelect, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../ui/api-client.ts';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useCorrectEntry, type RecordVersion } from './api.ts';
import { clinicalStatuses, correctedResource, draftOf, hasStatus, hasValue, validateReason, type CorrectionDraft } from './correction-draft.ts';
import { versionChanges, type FieldChange } from './version-changes.ts';

const statusLabels = { active: 'Active', inactive: 'Inactive', resolved: 'Resolved' } as const;

export function CorrectionForm({ entry, onDone }: { entry: RecordVersion; onDone: () => void }) {
  const correct = useCorrectEntry(entry.id);
  const formRef = useRef<HTMLFormElement>(null);
  const reviewRef = useRef<HTMLParagraphElement>(null);
  const [review, setReview] = useState<{ resource: Record<string, unknown>; changes: FieldChange[] } | null>(null);
  const form = useForm<CorrectionDraft>({
    mode: 'controlled',
    initialValues: draftOf(entry),
    validate: {
      reason: validateReason,
      note: (value) => (value.trim().length > 1000 ? 'Keep the note to 1000 characters.' : null),
    },
    validateInputOnChange: ['reason', 'note'],
  });
  const [nothingChanged, setNothingChanged] = useState(false);
  // Keyboard and screen-reader users land where the form (or its review) begins.
  useEffect(() => {
    if (review !== null) reviewRef.current?.focus();
    else formRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, [review]);
  const conflict = correct.error instanceof ApiError && correct.error.status === 409;

  const toReview = form.onSubmit(
    (values) => {
      const resource = correctedResource(entry, values);
      const changes = versionChanges(entry.resource, resource);
      setNothingChanged(changes.length === 0);
      if (changes.length > 0) setReview({ resource, changes });
    },
    () => focusFirstInvalid(formRef.current),
  );

  const save = () => {
    if (review === null) return;
    correct.mutate(
      { resource: review.resource, expectedVersion: entry.version, reason: form.values.reason.trim() },
      {
        onSuccess: (written) => {
          notify({ color: 'green', title: 'Correction saved', message: `Version ${written.version} is now the latest; version ${entry.version} stays as it was.` });
          onDone();
        },
        onError: (error) => {
          setReview(null);
          if (applyServerErrors(form, error, ['reason']) > 0) focusFirstInvalid(formRef.current);
        },
      },
    );
  };

  if (review !== null) {
    return (
      <Stack gap="sm" role="group" aria-labelledby="correction-review-heading">
        <Text fw={600} id="correction-review-heading" ref={reviewRef} tabIndex={-1}>
          Save this correction as version {entry.version + 1}?
        </Text>
        <List size="sm" spacing={2} style={{ overflowWrap: 'anywhere' }}>
          {review.changes.map((change, index) => (
            <List.Item key={`${index}-${change.path}`}>
              {change.path}: {change.before} → {change.after}
            </List.Item>
          ))}
        </List>
        <Text size="sm">Reason: {form.values.reason.trim()}</Text>
        <Text size="sm" c="dimmed">
          Nothing is overwritten: version {entry.version} stays in the history, and everyone who can read this entry will see who changed it.
        </Text>
        <Group gap="sm">
          <Button onClick={save} loading={correct.isPending}>
            Save correction
          </Button>
          <Button variant="default" onClick={() => setReview(null)} disabled={correct.isPending}>
            Back to editing
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form ref={formRef} onSubmit={toReview} noValidate aria-label="Correct this entry">
      <Stack gap="md">
        {conflict ? (
          <Alert color="yellow" variant="light" title="Someone corrected it first" role="alert">
            <Text size="sm">
              This entry changed since you opened it. Cancel to see the latest version, then correct that one if it still needs it.
            </Text>
          </Alert>
        ) : (
          <ProblemAlert error={correct.error} title="The correction was not saved" />
        )}
        <TextInput label="Name" description="What the entry is about, as people read it" maxLength={500} {...form.getInputProps('name')} />
        {hasStatus(entry) ? (
          <NativeSelect
            label="Clinical status"
            data={[
              ...(form.values.status === '' ? [{ value: '', label: 'Not stated' }] : []),
              ...clinicalStatuses.map((value) => ({ value, label: statusLabels[value] })),
            ]}
            {...form.getInputProps('status')}
          />
        ) : null}
        {hasValue(entry) ? (
          <NumberInput label="Value" decimalScale={2} {...form.getInputProps('value')} />
        ) : null}
        <Textarea label="Add a note" description="Optional, up to 1000 characters" autosize minRows={2} {...form.getInputProps('note')} />
        <Textarea
          label="Reason for the correction"
          description="Shown with the new version, 3 to 500 characters"
          withAsterisk
          required
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        {nothingChanged ? (
          <Text size="sm" c="red" role="alert">
            Nothing would change: edit a field or add a note first.
          </Text>
        ) : null}
        <Group gap="sm">
          <Button type="submit">Review the correction</Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
