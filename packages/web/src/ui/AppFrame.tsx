// The application shell: skip link, header with the word mark and main navigation (a burger menu
// below the `sm` breakpoint), the main landmark and a footer.
import { AppShell, Box, Burger, Container, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { Logo } from './Logo.tsx';
import { linkProps } from './navigation.ts';

export interface NavItem {
  path: string;
  label: string;
}

export interface AppFrameProps {
  navItems: readonly NavItem[];
  currentPath: string;
  children: ReactNode;
}

export const mainContentId = 'main-content';
const mobileNavId = 'mobile-navigation';

export function AppFrame({ navItems, currentPath, children }: AppFrameProps) {
  const [menuOpened, menu] = useDisclosure(false);

  const links = (variant: 'bar' | 'menu') =>
    navItems.map((item) => (
      <UnstyledButton
        key={item.path}
        component="a"
        {...linkProps(item.path, menu.close)}
        className={variant === 'bar' ? 'app-nav-link' : 'app-nav-link app-nav-link-menu'}
        aria-current={item.path === currentPath ? 'page' : undefined}
      >
        {item.label}
      </UnstyledButton>
    ));

  const closeMenuOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    menu.close();
    document.getElementById('menu-button')?.focus();
  };

  return (
    <>
      <a href={`#${mainContentId}`} className="app-skip-link" onClick={skipToMain}>
        Skip to main content
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 280, breakpoint: 'sm', collapsed: { desktop: true, mobile: !menuOpened } }}
        padding={0}
        className="app-shell"
      >
        <AppShell.Header>
          <Container size="lg" h="100%">
            <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
              <Group gap="xs" wrap="nowrap">
                <Burger
                  id="menu-button"
                  opened={menuOpened}
                  onClick={menu.toggle}
                  hiddenFrom="sm"
                  size="sm"
                  aria-label={menuOpened ? 'Close navigation' : 'Open navigation'}
                  aria-expanded={menuOpened}
                  aria-controls={menuOpened ? mobileNavId : undefined}
                />
                <Logo onNavigate={menu.close} />
              </Group>
              <Group gap="sm" wrap="nowrap">
                <Box component="nav" aria-label="Main" visibleFrom="sm">
                  <Group gap={4} wrap="nowrap">
                    {links('bar')}
                  </Group>
                </Box>
                <ColorSchemeToggle />
              </Group>
            </Group>
          </Container>
        </AppShell.Header>

        {menuOpened ? (
          <AppShell.Navbar
            id={mobileNavId}
            aria-label="Main"
            hiddenFrom="sm"
            p="md"
            onKeyDown={closeMenuOnEscape}
          >
            <Stack gap={4}>{links('menu')}</Stack>
          </AppShell.Navbar>
        ) : null}

        <AppShell.Main id={mainContentId} tabIndex={-1} className="app-main">
          <Container size="lg" py={{ base: 'lg', sm: 'xl' }}>
            {children}
          </Container>
        </AppShell.Main>

        <Box component="footer" className="app-footer">
          <Container size="lg" py="md">
            <Text size="sm" c="dimmed">
              MedConnect · patient-owned health records. Only fingerprints go on chain, never personal data.
            </Text>
          </Container>
        </Box>
      </AppShell>
    </>
  );
}

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById(mainContentId);
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}
