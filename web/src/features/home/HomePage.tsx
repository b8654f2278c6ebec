import { Alert, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBuildingCommunity,
  IconClockHour4,
  IconListCheck,
  IconLock,
  IconUserPlus,
  IconUsers,
  IconUserX,
  type Icon,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { HomeData, Items, OrganisationType } from '../../api/types';
import { NAV_ITEMS } from '../../app/navigation';
import { ErrorAlert, LoadingBlock } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useAccess } from '../auth/session';

const WIDGET_ICONS: Record<string, Icon> = {
  organisations: IconBuildingCommunity,
  activeUsers: IconUsers,
  organisationUsers: IconUsers,
  lockedUsers: IconUserX,
  auditEventsToday: IconListCheck,
  failedSignIns24h: IconLock,
};

const WIDGET_LINKS: Record<string, string> = {
  organisations: '/organisations',
  activeUsers: '/users',
  organisationUsers: '/users',
  auditEventsToday: '/audit',
  failedSignIns24h: '/audit?action=auth.login&outcome=failure',
};

export function useOrganisationTypes(enabled = true) {
  return useQuery({
    queryKey: ['organisation-types'],
    queryFn: () => api<Items<OrganisationType>>('/organisation-types'),
    staleTime: 60 * 60_000,
    enabled,
  });
}

/** Who I am, where I work, my last sign-in, the figures my permissions reach, and where I can go. */
export function HomePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const access = useAccess();
  const home = useQuery({ queryKey: ['home'], queryFn: () => api<HomeData>('/home') });
  const types = useOrganisationTypes(access.has('organisation.read'));

  if (home.isPending) return <LoadingBlock />;
  if (home.isError) return <ErrorAlert error={home.error} />;
  const data = home.data;
  const orgType = types.data?.items.find((ty) => ty.code === data.organisation.typeCode);
  const shortcuts = NAV_ITEMS.filter((item) => item.to !== '/' && item.visible(access));

  return (
    <Stack gap="lg">
      <PageHeader title={t('home.greeting', { name: data.displayName })} windowTitle={t('nav.home')} description={t('home.subtitle')} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('home.organisation')}
            </Text>
            <Text fw={600} data-testid="home-organisation">
              {fmt.name(data.organisation)}
            </Text>
            {orgType && (
              <Text size="sm" c="dimmed">
                {fmt.name(orgType)}
              </Text>
            )}
            <Text size="sm" c="dimmed" mt="xs">
              {t('home.roles')}
            </Text>
            <Group gap="xs">
              {data.roles.map((r) => (
                <Badge key={r.code} variant="light" size="lg" radius="sm" tt="none">
                  {fmt.name(r)}
                </Badge>
              ))}
            </Group>
          </Stack>
        </Paper>
        <Stack gap="sm">
          <Paper withBorder p="md" radius="md">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" size="lg" radius="xl" aria-hidden>
                <IconClockHour4 size={20} />
              </ThemeIcon>
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('home.lastSignIn')}
                </Text>
                <Text data-testid="last-sign-in">
                  {data.lastSignIn
                    ? data.lastSignIn.clientIp
                      ? t('home.lastSignInAtFrom', { at: fmt.dateTime(data.lastSignIn.at), ip: data.lastSignIn.clientIp })
                      : fmt.dateTime(data.lastSignIn.at)
                    : t('home.firstSignIn')}
                </Text>
              </Stack>
            </Group>
          </Paper>
          {data.failedSignInsSinceLast > 0 && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('home.failedTitle')} data-testid="failed-sign-ins">
              {t('home.failedSignIns', { count: data.failedSignInsSinceLast, formatted: fmt.number(data.failedSignInsSinceLast) })}
            </Alert>
          )}
        </Stack>
      </SimpleGrid>

      {data.widgets.length > 0 && (
        <section aria-labelledby="home-figures">
          <Title order={2} size="h4" id="home-figures" mb="sm">
            {t('home.figures')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: Math.min(5, data.widgets.length) }} spacing="md">
            {data.widgets.map((w) => {
              const WidgetIcon = WIDGET_ICONS[w.key] ?? IconListCheck;
              const link = WIDGET_LINKS[w.key];
              const body = (
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={4}>
                    <Text size="sm" c="dimmed">
                      {t(`home.widgets.${w.key}`, { defaultValue: w.key })}
                    </Text>
                    <Text fz={28} fw={700} lh={1.1} data-testid={`widget-${w.key}`}>
                      {fmt.number(w.value)}
                    </Text>
                  </Stack>
                  <ThemeIcon variant="light" size="lg" radius="md" color={w.key === 'lockedUsers' || w.key === 'failedSignIns24h' ? 'orange' : 'brand'} aria-hidden>
                    <WidgetIcon size={20} />
                  </ThemeIcon>
                </Group>
              );
              return link ? (
                <Card key={w.key} withBorder radius="md" padding="md" component={Link} to={link} className="clickable-card">
                  {body}
                </Card>
              ) : (
                <Card key={w.key} withBorder radius="md" padding="md">
                  {body}
                </Card>
              );
            })}
          </SimpleGrid>
        </section>
      )}

      <section aria-labelledby="home-shortcuts">
        <Title order={2} size="h4" id="home-shortcuts" mb="sm">
          {t('home.shortcuts')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
          {access.has('user.manage') && (
            <Shortcut to="/users/new" icon={IconUserPlus} title={t('users.create')} description={t('home.createUserDescription')} />
          )}
          {access.scope('organisation.manage') === 'all' && (
            <Shortcut
              to="/organisations/new"
              icon={IconBuildingCommunity}
              title={t('organisations.create')}
              description={t('home.createOrganisationDescription')}
            />
          )}
          {shortcuts.map((item) => (
            <Shortcut key={item.to} to={item.to} icon={item.icon} title={t(item.labelKey)} description={t(item.descriptionKey)} />
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}

function Shortcut({
  to,
  icon: ShortcutIcon,
  title,
  description,
}: {
  to: string;
  icon: (typeof NAV_ITEMS)[number]['icon'];
  title: string;
  description: string;
}) {
  return (
    <Card withBorder radius="md" padding="md" component={Link} to={to} className="clickable-card">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          <ShortcutIcon size={20} aria-hidden />
        </ThemeIcon>
        <Stack gap={2}>
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}
