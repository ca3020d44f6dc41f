// "Download": the patient takes their record with them, as the full FHIR R4 record (JSON, for another
// system) or as a PDF summary to print or show. Plain links: the browser saves what the server sends.
import { Button, Menu, Text } from '@mantine/core';

const downloads = [
  {
    href: '/api/records/export/fhir',
    label: 'Full record (FHIR JSON)',
    description: 'Every entry, for another health system or app',
  },
  {
    href: '/api/records/export/pdf',
    label: 'Summary (PDF)',
    description: 'Allergies, problems, medications and more, to print or show',
  },
];

export function RecordDownloads() {
  return (
    <Menu
      position="bottom-start"
      width={300}
      shadow="md"
      withinPortal={false}
      withInitialFocusPlaceholder={false}
    >
      <Menu.Target>
        <Button variant="default">Download</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {downloads.map(({ href, label, description }) => (
          <Menu.Item key={href} component="a" href={href} download>
            <Text size="sm" fw={600}>
              {label}
            </Text>
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
