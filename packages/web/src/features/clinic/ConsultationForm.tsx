// "Record consultation": what the patient reports, what the doctor found, vital signs, diagnoses coded
// in ICD-10-CM, notes and a follow-up date. Everything is optional but something must be recorded; the
// chart refreshes once the server has written the visit into the patient's record.
import { Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { ApiError } from '../../ui/api-client.ts';
import { applyServerErrors, focusFirstInvalid } from '../../ui/form-errors.ts';
import { notify } from '../../ui/notify.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useRecordConsultation } from './api.ts';
import {
  emptyConsultation,
  followUpProblem,
  textProblem,
  toConsultation,
  vitalFields,
  vitalProblem,
  type ConsultationValues,
} from './consultation-form.ts';
import { DiagnosisPicker } from './DiagnosisPicker.tsx';

export function ConsultationForm({ healthId, onDone }: { healthId: string; onDone: () => void }) {
  const record = useRecordConsultation(healthId);
  const formRef = useRef<HTMLFormElement>(null);
  const [nothing, setNothing] = useState<Error | null>(null);
  const form = useForm<ConsultationValues>({
    mode: 'controlled',
    initialValues: emptyConsultation(),
    validate: {
      reason: (value) => textProblem(value, 200),
      symptoms: (value) => textProblem(value, 2000),
      findings: (value) => textProblem(value, 2000),
      notes: (value) => textProblem(value, 4000),
      followUp: followUpProblem,
      vitals: Object.fromEntries(
        vitalFields.map(({ key }) => [key, (value: number | string, values: ConsultationValues) => vitalProblem(key, value, values.vitals)]),
      ),
    },
  });

  const submit = form.onSubmit(
    (values) => {
      const body = toConsultation(values);
      if (body === null) {
        setNothing(new ApiError(400, 'Nothing to record', 'Fill in at least one of symptoms, findings, a vital sign, a diagnosis or notes.'));
        return;
      }
      setNothing(null);
      record.mutate(body, {
        onSuccess: () => {
          notify({ color: 'green', title: 'Consultation recorded', message: 'The visit is now in the patient’s record.' });
          form.reset();
          onDone();
        },
        onError: (error) => {
          if (applyServerErrors(form, error, ['reason', 'symptoms', 'findings', 'notes', 'followUp']) > 0) focusFirstInvalid(formRef.current);
        },
      });
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Record consultation">
      <Stack gap="md">
        <TextInput label="Reason for the visit" description="Optional" maxLength={250} {...form.getInputProps('reason')} />
        <Textarea label="Symptoms" description="What the patient reports" autosize minRows={2} {...form.getInputProps('symptoms')} />
        <Textarea label="Examination findings" autosize minRows={2} {...form.getInputProps('findings')} />
        <Fieldset legend="Vital signs (optional)" radius="md">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            {vitalFields.map((field) => (
              <NumberInput
                key={field.key}
                label={`${field.label} (${field.unit})`}
                min={field.min}
                max={field.max}
                decimalScale={field.decimals}
                allowNegative={false}
                clampBehavior="none"
                inputMode={field.decimals > 0 ? 'decimal' : 'numeric'}
                rightSection={<span aria-hidden="true" style={{ fontSize: 12, paddingRight: 8 }}>{field.unit}</span>}
                rightSectionWidth={field.unit.length > 5 ? 86 : 52}
                rightSectionPointerEvents="none"
                hideControls
                {...form.getInputProps(`vitals.${field.key}`)}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
        <DiagnosisPicker value={form.values.diagnoses} onChange={(diagnoses) => form.setFieldValue('diagnoses', diagnoses)} />
        <Textarea label="Notes" description="Assessment and plan" autosize minRows={3} {...form.getInputProps('notes')} />
        <TextInput type="date" label="Follow-up" description="Optional" min={new Date().toISOString().slice(0, 10)} maw="14rem" {...form.getInputProps('followUp')} />
        <ProblemAlert error={nothing ?? record.error} title={nothing ? 'Nothing to record' : 'The consultation was not recorded'} />
        <Group gap="sm">
          <Button type="submit" loading={record.isPending}>
            Save consultation
          </Button>
          <Button variant="default" onClick={onDone} disabled={record.isPending}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
