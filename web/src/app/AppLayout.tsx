import { Suspense, useEffect, useRef } from 'react';
import { AppShell, Avatar, Box, Burger, Button, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { api } from '../api/client';
import type { Organisation } from '../api/types';
import { LoadingBlock } from '../components/feedback';
import { signOut, useAccess, useSession } from '../features/auth/session';
import { useFormat } from '../i18n/format';
import { LanguageSwitch } from './LanguageSwitch';
import { isActive, NAV_ITEMS } from './navigation';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

/** The signed-in frame: header (brand, organisation, language, user menu), navigation, main content. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the sm breakpoint (48em) the navigation slides away; hidden, it must also leave the tab order.
  const narrow = useMediaQuery('(max-width: 47.99em)', false);
  const location = useLocation();
  const access = useAccess();
  const { data: session } = useSession();
  const user = session?.user;
  const fmt = useFormat();
  const organisation = useQuery({
    queryKey: ['organisation', user?.organisationId],
    queryFn: () => api<Organisation>(`/organisations/${user!.organisationId}`),
    enabled: Boolean(user?.organisationId) && access.has('organisation.read'),
    staleTime: 10 * 60_000,
  });
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigating, move focus to the new page (screen readers start there) and fold the mobile menu.
  useEffect(() => {
    close();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname, close]);

  const items = NAV_ITEMS.filter((item) => item.visible(access));
  const orgName = organisation.data ? fmt.name(organisation.data) : '';

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'lg' }}>
      <a className="skip-link" href="#main-content">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('shell.closeMenu') : t('shell.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Link to="/" className="brand-mark" aria-label={t('shell.homeLink')}>
              <img src="/favicon.svg" alt="" />
              <span>OpenNRM</span>
            </Link>
            {orgName && (
              <Text size="sm" c="dimmed" className="header-org" visibleFrom="md" title={orgName} data-testid="header-organisation">
                {orgName}
              </Text>
            )}
          </Group>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitch />
            {user && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <UnstyledButton data-testid="user-menu" px={4} py={4}>
                    <Group gap={6} wrap="nowrap">
                      <Avatar size={32} radius="xl" color="brand" variant="filled" aria-hidden>
                        {initials(user.displayName)}
                      </Avatar>
                      <VisuallyHidden>{t('shell.userMenu')}</VisuallyHidden>
                      <Text size="sm" fw={500} visibleFrom="md" className="nowrap">
                        {user.displayName}
                      </Text>
                      <VisuallyHidden hiddenFrom="md">{user.displayName}</VisuallyHidden>
                      <IconChevronDown size={14} aria-hidden />
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>
                    {user.displayName} · {user.username}
                  </Menu.Label>
                  {access.has('profile.manage') && (
                    <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} aria-hidden />}>
                      {t('nav.profile')}
                    </Menu.Item>
                  )}
                  <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
                    {t('shell.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="sm"
        id="main-navigation"
        aria-label={t('shell.navigation')}
        style={narrow && !opened ? { visibility: 'hidden' } : undefined}
      >
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {items.map((item) => {
              const active = isActive(item.to, location.pathname);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={t(item.labelKey)}
                  leftSection={<item.icon size={20} stroke={1.6} aria-hidden />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="light"
                />
              );
            })}
          </Stack>
        </AppShell.Section>
        {orgName && (
          <AppShell.Section hiddenFrom="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="xs" c="dimmed">
              {t('shell.organisation')}
            </Text>
            <Text size="sm">{orgName}</Text>
          </AppShell.Section>
        )}
        <AppShell.Section hiddenFrom="sm" pt="sm">
          <Button variant="default" fullWidth leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
            {t('shell.signOut')}
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" ref={mainRef} tabIndex={-1}>
        <Box maw={1320} mx="auto">
          <Suspense fallback={<LoadingBlock />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
