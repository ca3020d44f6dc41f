// The application shell: skip link, header with the word mark, main navigation (a burger menu
// below the `sm` breakpoint) and the account area, the main landmark and a footer.
import { AppShell, Box, Burger, Container, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { NavLink } from 'react-router';
import type { NavItem } from '../navigation.ts';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { Logo } from './Logo.tsx';

export interface AppFrameProps {
  navItems: readonly NavItem[];
  /** Where the word mark leads. */
  homePath: string;
  /** Right side of the header: sign-in buttons or the account menu. */
  account: ReactNode;
  /** Extra entries at the end of the phone menu (for example "Create account"). */
  menuExtras?: ((close: () => void) => ReactNode) | undefined;
  /** Extra links in the footer. */
  footerLinks?: ReactNode;
  children: ReactNode;
}

export const mainContentId = 'main-content';
const mobileNavId = 'mobile-navigation';

export function AppFrame({ navItems, homePath, account, menuExtras, footerLinks, children }: AppFrameProps) {
  const [menuOpened, menu] = useDisclosure(false);
  const extras = menuExtras?.(menu.close) ?? null;

  const links = (variant: 'bar' | 'menu') =>
    navItems.map((item) => (
      <NavLink
        key={item.path}
        to={item.path}
        end
        onClick={menu.close}
        className={variant === 'bar' ? 'app-nav-link' : 'app-nav-link app-nav-link-menu'}
      >
        {item.label}
      </NavLink>
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
            <Group h="100%" justify="space-between" wrap="nowrap" gap="xs">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
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
                <Logo to={homePath} onNavigate={menu.close} />
              </Group>
              <Group gap="xs" wrap="nowrap">
                {navItems.length > 0 ? (
                  <Box component="nav" aria-label="Main" visibleFrom="sm">
                    <Group gap={4} wrap="nowrap">
                      {links('bar')}
                    </Group>
                  </Box>
                ) : null}
                <Box visibleFrom="sm">
                  <ColorSchemeToggle />
                </Box>
                {account}
              </Group>
            </Group>
          </Container>
        </AppShell.Header>

        {/* On phones the theme switch lives in this menu, leaving the header to the word mark and account. */}
        {menuOpened ? (
          <AppShell.Navbar
            id={mobileNavId}
            aria-label="Main"
            hiddenFrom="sm"
            p="md"
            onKeyDown={closeMenuOnEscape}
          >
            <Stack gap={4}>
              {links('menu')}
              {extras}
              <Group mt="md" px={14} gap="sm">
                <ColorSchemeToggle />
                <Text size="sm" c="dimmed">
                  Theme
                </Text>
              </Group>
            </Stack>
          </AppShell.Navbar>
        ) : null}

        <AppShell.Main id={mainContentId} tabIndex={-1} className="app-main">
          <Container size="lg" py={{ base: 'lg', sm: 'xl' }}>
            {children}
          </Container>
        </AppShell.Main>

        <Box component="footer" className="app-footer">
          <Container size="lg" py="md">
            <Group justify="space-between" gap="xs">
              <Text size="sm" c="dimmed">
                MedConnect · patient-owned health records. Only fingerprints go on chain, never personal data.
              </Text>
              {footerLinks}
            </Group>
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
