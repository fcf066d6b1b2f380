import {
  AppShell,
  Box,
  Burger,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCpu } from '@tabler/icons-react';
import { memo, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTableLinkNavigation } from '../../lib/table-link.tsx';
import { activeItem, type MenuGroup, type MenuItem } from './side-menu.ts';

export interface AppFrameProps {
  menu: readonly MenuGroup[];
  /** Rendered in the header on larger screens and atop the menu on phones, at the width given. */
  projectPicker: (width: number | string) => ReactNode;
  userMenu: ReactNode;
  /** The customer environment the user works in. */
  customerName: string;
  children: ReactNode;
}

function ProductMark() {
  return (
    <Link to="/" className="ot-product" aria-label="OpenThings home">
      <Box className="ot-product-mark">
        <IconCpu size={16} stroke={2} />
      </Box>
      <Text fw={700} size="md" c="var(--mantine-color-text)">
        OpenThings
      </Text>
    </Link>
  );
}

/**
 * After a navigation inside the app (not the first page load), focus moves to the new page's heading
 * and its title is announced, so a keyboard or screen-reader user starts on the page they opened.
 * Returns the announcement.
 */
function usePageFocus(pathname: string): string {
  const first = useRef(true);
  const [announcement, setAnnouncement] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    // The page may still be loading its chunk or data: wait for its heading, five seconds at most.
    const timer = setInterval(() => {
      const heading = document.querySelector<HTMLElement>('#main h1');
      if (heading || ++tries > 100) {
        clearInterval(timer);
        if (!heading) return;
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: false });
        setAnnouncement(document.title || heading.textContent || '');
      }
    }, 50);
    return () => clearInterval(timer);
  }, [pathname]);
  return announcement;
}

/**
 * The header: memoised, so a navigation (which renders AppFrame for the focus and the active menu item)
 * does not render the project picker and the user menu again.
 */
const FrameHeader = memo(function FrameHeader({
  opened,
  onToggle,
  projectPicker,
  userMenu,
}: {
  opened: boolean;
  onToggle: () => void;
  projectPicker: AppFrameProps['projectPicker'];
  userMenu: ReactNode;
}) {
  return (
    <AppShell.Header>
      <Group h="100%" px="md" justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <Burger opened={opened} onClick={onToggle} hiddenFrom="sm" size="sm" aria-label="Toggle menu" />
          <ProductMark />
          <Box visibleFrom="sm">{projectPicker(240)}</Box>
        </Group>
        {userMenu}
      </Group>
    </AppShell.Header>
  );
});

/** The side menu: memoised, it renders again only when the active item or the menu itself changes. */
const SideMenu = memo(function SideMenu({
  menu,
  active,
  projectPicker,
  customerName,
}: {
  menu: readonly MenuGroup[];
  active: MenuItem | undefined;
  projectPicker: AppFrameProps['projectPicker'];
  customerName: string;
}) {
  return (
    <AppShell.Navbar aria-label="Main menu">
      <AppShell.Section px="sm" pt="sm" hiddenFrom="sm">
        {projectPicker('100%')}
      </AppShell.Section>
      <AppShell.Section px="md" pt="md" pb={4}>
        <Text size="xs" c="dimmed">
          Environment
        </Text>
        <Text size="sm" fw={600} truncate>
          {customerName}
        </Text>
      </AppShell.Section>
      <AppShell.Section grow component={ScrollArea} px="xs" pb="md">
        <Stack gap="sm" mt="sm">
          {menu.map((group) => (
            <Box key={group.label}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4} className="ot-menu-group">
                {group.label}
              </Text>
              {group.items.map((item) => (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  leftSection={<item.icon size={16} stroke={1.7} />}
                  active={item === active}
                  aria-current={item === active ? 'page' : undefined}
                  variant="light"
                />
              ))}
            </Box>
          ))}
        </Stack>
      </AppShell.Section>
    </AppShell.Navbar>
  );
});

/** Header, side menu and the page: the frame of every signed-in page. */
export function AppFrame({ menu, projectPicker, userMenu, customerName, children }: AppFrameProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const active = activeItem(menu, pathname);

  // On phones the menu covers the page; close it once the user went somewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => close(), [pathname]);
  const announcement = usePageFocus(pathname);
  useTableLinkNavigation();

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="ot-skip-link">
        Skip to content
      </a>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <FrameHeader opened={opened} onToggle={toggle} projectPicker={projectPicker} userMenu={userMenu} />
      <SideMenu menu={menu} active={active} projectPicker={projectPicker} customerName={customerName} />
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw={1280} mx="auto">
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
