// One message from the development mailbox: who it went to, its plain-text body with links made
// clickable, and the links it carries listed on their own.
import { Anchor, Card, DataList, Stack, Text, Title, useMatches } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../ui/format-time.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useMailMessage } from './api.ts';

const urlPattern = /(https?:\/\/[^\s<>"')]+)/g;

export function MailMessagePage() {
  const { id = '' } = useParams();
  const message = useMailMessage(id);
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', sm: 'horizontal' });
  const back = (
    <Anchor component={Link} to="/dev/mailbox" size="sm">
      ← All messages
    </Anchor>
  );

  if (message.isPending) {
    return (
      <Stack gap="lg">
        {back}
        <PageLoader label="Opening the message…" />
      </Stack>
    );
  }
  if (message.isError) {
    return (
      <Stack gap="lg">
        {back}
        <PageHeader title="Message not available" />
        <ProblemAlert error={message.error} title="Could not open the message" />
      </Stack>
    );
  }
  const mail = message.data;
  return (
    <Stack gap="lg">
      {back}
      <PageHeader title={mail.subject} />
      <DataList orientation={orientation} labelWidth="6rem" gap="xs">
        <DataList.Item>
          <DataList.ItemLabel>To</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{mail.to}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Sent</DataList.ItemLabel>
          <DataList.ItemValue>{formatDateTime(mail.sentAt)}</DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Card withBorder padding="lg" radius="md" component="article" aria-label="Message text">
        <Text className="app-mail-body">{linkify(mail.text)}</Text>
      </Card>
      {mail.links.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="mail-links-heading">
          <Title order={2} size="h4" id="mail-links-heading">
            Links in this message
          </Title>
          <ul className="app-link-list">
            {mail.links.map((href) => (
              <li key={href}>
                <Anchor href={href} className="app-hex">
                  {href}
                </Anchor>
              </li>
            ))}
          </ul>
        </Stack>
      ) : null}
    </Stack>
  );
}

function linkify(text: string) {
  return text.split(urlPattern).map((part, index) =>
    index % 2 === 1 ? (
      <Anchor key={index} href={part} className="app-hex" inherit>
        {part}
      </Anchor>
    ) : (
      part
    ),
  );
}
