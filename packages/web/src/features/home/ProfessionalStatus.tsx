// Where a professional's registration stands, and the details they submitted for the registrar.
import { Alert, Card, DataList, Stack, Text, Title, useMatches } from '@mantine/core';
import type { ReactNode } from 'react';
import { AlertIcon, CheckIcon, ClockIcon } from '../../ui/icons.tsx';
import type { Professional } from '../account/session.ts';
import { LicenceDocumentUpload } from './LicenceDocumentUpload.tsx';

const kindLabel = { doctor: 'doctor', pharmacist: 'pharmacist', staff: 'hospital staff member' } as const;

export function ProfessionalStatus({ professional }: { professional: Professional }) {
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });
  return (
    <Stack gap="lg">
      <StatusAlert professional={professional} />
      <Card
        withBorder
        padding="lg"
        radius="md"
        component="section"
        aria-labelledby="submitted-details-heading"
      >
        <Stack gap="md">
          <Title order={2} size="h4" id="submitted-details-heading">
            Details you submitted
          </Title>
          <DataList orientation={orientation} labelWidth="12rem" gap="sm" withDivider>
            {professional.kind === 'doctor' ? (
              <>
                <Item label="Licence number">{professional.licenceNumber}</Item>
                <Item label="Issuing medical council">{professional.council}</Item>
                <Item label="Registration year">{professional.registrationYear ?? '—'}</Item>
                <Item label="Qualification">{professional.qualification}</Item>
                <Item label="Specialization">{professional.specialization}</Item>
              </>
            ) : (
              <>
                <Item label={professional.kind === 'pharmacist' ? 'Pharmacy' : 'Hospital'}>
                  {professional.organisation ?? '—'}
                </Item>
                <Item label="Licence number">{professional.licenceNumber || '—'}</Item>
              </>
            )}
          </DataList>
        </Stack>
      </Card>
      <LicenceDocumentUpload />
    </Stack>
  );
}

function StatusAlert({ professional }: { professional: Professional }) {
  switch (professional.status) {
    case 'pending':
      return (
        <Alert
          color="yellow"
          variant="light"
          icon={<ClockIcon />}
          title="Your registration is pending verification by a registrar"
          role="note"
        >
          A registrar checks your details with the issuing body. Until then you can use MedConnect as a
          patient, but not read other people's records. We will email you when it is done.
        </Alert>
      );
    case 'verified':
      return (
        <Alert
          color="green"
          variant="light"
          icon={<CheckIcon />}
          title="Your registration is verified"
          role="note"
        >
          A registrar confirmed your details; you are registered as a {kindLabel[professional.kind]}.
          {professional.practitionerId ? (
            <>
              {' '}
              Your MedConnect practitioner identifier is <strong>{professional.practitionerId}</strong>.
            </>
          ) : null}
        </Alert>
      );
    case 'rejected':
      return (
        <Alert color="red" variant="light" icon={<AlertIcon />} title="Your registration was not accepted">
          A registrar could not confirm your details. Contact your registrar if you think this is a mistake.
          <Reason reason={professional.reviewReason} />
        </Alert>
      );
    case 'suspended':
      return (
        <Alert color="red" variant="light" icon={<AlertIcon />} title="Your registration is suspended">
          You cannot work with records while it is suspended. Contact your registrar.
          <Reason reason={professional.reviewReason} />
        </Alert>
      );
  }
}

function Reason({ reason }: { reason: string | null }) {
  return reason ? <Text mt="xs">Reason given: {reason}</Text> : null;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
