import { useState } from 'react';
import { Anchor, Button, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyBlock, ErrorAlert, LoadingBlock } from '../../../components/feedback';
import { CardList, useNarrow } from '../../../components/CardList';
import { PageHeader } from '../../../components/PageHeader';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useFormat } from '../../../i18n/format';
import { useAccess, useSession } from '../../auth/session';
import { listUsers, useRoles } from '../api';
import { OrganisationSelect } from '../OrganisationSelect';
import { RoleBadges, UserStatusBadges } from './userBits';
import { ListFooter } from '../../../components/ListFooter';
import { ActiveFilter } from '../../../components/ActiveFilter';

export function UsersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const access = useAccess();
  const { data: session } = useSession();
  const [params] = useSearchParams();
  // Organisation administrators see their own organisation only: the filter is fixed to it.
  const ownOnly = access.scope('user.read') !== 'all';
  const ownOrg = session?.user?.organisationId ?? null;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [organisationId, setOrganisationId] = useState<string | null>(ownOnly ? ownOrg : params.get('organisationId'));
  const [role, setRole] = useState<string | null>(params.get('role'));
  const [active, setActive] = useState<string | null>(params.get('active') ?? 'true');
  const roles = useRoles();
  const narrow = useNarrow();
  const filters = { q, organisationId: ownOnly ? ownOrg : organisationId, role, active };
  const list = useInfiniteQuery({
    queryKey: ['users', 'list', filters],
    queryFn: ({ pageParam, signal }) => listUsers(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('users.title')}
        description={ownOnly ? t('users.descriptionOwn') : t('users.description')}
        actions={
          access.has('user.manage') && (
            <Button component={Link} to="/users/new" leftSection={<IconUserPlus size={16} aria-hidden />}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 4 }}
        spacing="sm"
        component="form"
        role="search"
        aria-label={t('common.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <TextInput
          label={t('users.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
        />
        <OrganisationSelect
          label={t('users.organisation')}
          value={ownOnly ? ownOrg : organisationId}
          onChange={setOrganisationId}
          disabled={ownOnly}
          clearable={!ownOnly}
          placeholder={t('common.any')}
          testId="users-organisation-filter"
        />
        <Select
          label={t('users.role')}
          data={(roles.data?.items ?? []).map((r) => ({ value: r.code, label: fmt.name(r) }))}
          value={role}
          onChange={setRole}
          clearable
          placeholder={t('common.any')}
          comboboxProps={{ withinPortal: true }}
        />
        <ActiveFilter value={active} onChange={setActive} />
      </SimpleGrid>

      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : items.length === 0 ? (
        <EmptyBlock title={t('users.empty')} description={t('common.emptyFiltersHint')} />
      ) : (
        <Stack gap="sm">
          {narrow ? (
            <CardList
              label={t('users.title')}
              testId="users-cards"
              items={items.map((u) => ({
                key: u.id,
                title: (
                  <>
                    <Anchor component={Link} to={`/users/${u.id}`} fw={600}>
                      {u.displayName}
                    </Anchor>
                    <Text size="xs" c="dimmed" className="mono">
                      {u.username}
                    </Text>
                  </>
                ),
                details: [
                  { label: t('users.organisation'), value: fmt.lang === 'en' ? u.organisationNameEn : u.organisationNameUk },
                  { label: t('users.roles'), value: <RoleBadges codes={u.roles} roles={roles.data?.items} /> },
                  { label: t('common.status'), value: <UserStatusBadges user={u} /> },
                  { label: t('users.lastSignIn'), value: u.lastSignInAt ? fmt.dateTime(u.lastSignInAt) : t('users.never') },
                ],
              }))}
            />
          ) : (
            <ScrollRegion label={t('users.title')}>
              <Table striped highlightOnHover verticalSpacing="sm" miw={820} data-testid="users-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('users.name')}</Table.Th>
                    <Table.Th scope="col">{t('users.organisation')}</Table.Th>
                    <Table.Th scope="col">{t('users.roles')}</Table.Th>
                    <Table.Th scope="col">{t('common.status')}</Table.Th>
                    <Table.Th scope="col">{t('users.lastSignIn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/users/${u.id}`} fw={500}>
                          {u.displayName}
                        </Anchor>
                        <Text size="xs" c="dimmed" className="mono">
                          {u.username}
                        </Text>
                      </Table.Td>
                      <Table.Td maw={300}>
                        <Text size="sm">{fmt.lang === 'en' ? u.organisationNameEn : u.organisationNameUk}</Text>
                      </Table.Td>
                      <Table.Td>
                        <RoleBadges codes={u.roles} roles={roles.data?.items} />
                      </Table.Td>
                      <Table.Td>
                        <UserStatusBadges user={u} />
                      </Table.Td>
                      <Table.Td className="nowrap">
                        <Text size="sm">{u.lastSignInAt ? fmt.dateTime(u.lastSignInAt) : t('users.never')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
          <ListFooter shown={items.length} query={list} />
        </Stack>
      )}
    </Stack>
  );
}
