// Toast notifications for the outcome of an action ("Your name is saved."). The close button gets a
// name, which Mantine's does not have by default.
import { notifications } from '@mantine/notifications';

export function notify({ title, message, color }: { title?: string; message: string; color: string }): void {
  notifications.show({
    ...(title === undefined ? {} : { title }),
    message,
    color,
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
  });
}
