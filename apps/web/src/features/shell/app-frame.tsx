import { AppShell, Box, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCpu } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { activeItem, type MenuGroup } from './side-menu.ts';

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

/** Header, side menu and the page: the frame of every signed-in page. */
export function AppFrame({ menu, projectPicker, userMenu, customerName, children }: AppFrameProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const active = activeItem(menu, pathname);

  // On phones the menu covers the page; close it once the user went somewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => close(), [pathname]);

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle menu" />
            <ProductMark />
            <Box visibleFrom="sm">{projectPicker(240)}</Box>
          </Group>
          {userMenu}
        </Group>
      </AppShell.Header>
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
      <AppShell.Main>
        <Box maw={1280} mx="auto">
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
