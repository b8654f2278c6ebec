import { useState } from 'react';
import { Anchor, Button, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyBlock, ErrorAlert, LoadingBlock } from '../../../components/feedback';
import type { Organisation } from '../../../api/types';
import { CardList, useNarrow } from '../../../components/CardList';
import { PageHeader } from '../../../components/PageHeader';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useFormat } from '../../../i18n/format';
import { useAccess } from '../../auth/session';
import { useOrganisationTypes } from '../../home/HomePage';
import { listOrganisations } from '../api';
import { ActiveBadge } from '../badges';
import { ListFooter } from '../../../components/ListFooter';
import { ActiveFilter } from '../../../components/ActiveFilter';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const access = useAccess();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [typeCode, setTypeCode] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>('true');
  const types = useOrganisationTypes();
  const typeName = (code: string) => {
    const ty = types.data?.items.find((x) => x.code === code);
    return ty ? fmt.name(ty) : code;
  };
  const narrow = useNarrow();
  const jurisdictionText = (o: Organisation) =>
    o.jurisdiction.length === 0
      ? t('organisations.nationwide')
      : o.jurisdiction
          .slice(0, 2)
          .map((j) => fmt.label(j))
          .join(', ') + (o.jurisdiction.length > 2 ? ` +${fmt.number(o.jurisdiction.length - 2)}` : '');
  const filters = { q, typeCode, active };
  const list = useInfiniteQuery({
    queryKey: ['organisations', 'list', filters],
    queryFn: ({ pageParam, signal }) => listOrganisations(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('organisations.title')}
        description={t('organisations.description')}
        actions={
          access.scope('organisation.manage') === 'all' && (
            <Button component={Link} to="/organisations/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('organisations.create')}
            </Button>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" component="form" role="search" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
        <TextInput
          label={t('organisations.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
        />
        <Select
          label={t('organisations.type')}
          data={(types.data?.items ?? []).map((ty) => ({ value: ty.code, label: fmt.name(ty) }))}
          value={typeCode}
          onChange={setTypeCode}
          clearable
          searchable
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
        <EmptyBlock title={t('organisations.empty')} description={t('common.emptyFiltersHint')} />
      ) : (
        <Stack gap="sm">
          {narrow ? (
            <CardList
              label={t('organisations.title')}
              items={items.map((o) => ({
                key: o.id,
                title: (
                  <Anchor component={Link} to={`/organisations/${o.id}`} fw={600}>
                    {fmt.name(o)}
                  </Anchor>
                ),
                aside: <ActiveBadge active={o.active} />,
                details: [
                  { label: t('organisations.type'), value: typeName(o.typeCode) },
                  { label: t('organisations.jurisdiction'), value: jurisdictionText(o) },
                  { label: t('organisations.users'), value: fmt.number(o.userCount) },
                ],
              }))}
            />
          ) : (
            <ScrollRegion label={t('organisations.title')}>
              <Table striped highlightOnHover verticalSpacing="sm" miw={760}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('organisations.name')}</Table.Th>
                    <Table.Th scope="col">{t('organisations.type')}</Table.Th>
                    <Table.Th scope="col">{t('organisations.jurisdiction')}</Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('organisations.users')}
                    </Table.Th>
                    <Table.Th scope="col">{t('common.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td maw={420}>
                        <Anchor component={Link} to={`/organisations/${o.id}`} fw={500}>
                          {fmt.name(o)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{typeName(o.typeCode)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{jurisdictionText(o)}</Text>
                      </Table.Td>
                      <Table.Td ta="end">{fmt.number(o.userCount)}</Table.Td>
                      <Table.Td>
                        <ActiveBadge active={o.active} />
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
