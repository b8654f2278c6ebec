import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Unit } from '../../api/types';
import { EmptyBlock, ErrorAlert, LoadingBlock } from '../../components/feedback';
import { CardList, useNarrow } from '../../components/CardList';
import { Crumbs } from '../../components/Crumbs';
import { PageHeader } from '../../components/PageHeader';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useFormat } from '../../i18n/format';
import { categoryKey, getUnit, rootUnits, searchUnits, unitChildren } from './api';

/** Browse Ukraine's administrative units (KATOTTH): search by name, or drill down from the oblasts. */
export function GeographyPage() {
  const { code } = useParams();
  // A new unit is a new page: the search box starts empty again.
  return <GeographyBrowser key={code ?? ''} code={code} />;
}

function GeographyBrowser({ code }: { code: string | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const searching = q.length >= 2;

  const unit = useQuery({
    queryKey: ['geography', 'unit', code],
    queryFn: ({ signal }) => getUnit(code!, signal),
    enabled: Boolean(code),
    staleTime: 10 * 60_000,
  });

  const title = code && unit.data ? fmt.label(unit.data) : t('geography.title');

  return (
    <Stack gap="md">
      <PageHeader title={title} windowTitle={code && unit.data ? `${fmt.label(unit.data)} · ${t('geography.title')}` : t('geography.title')}
        description={code ? undefined : t('geography.description')}
        before={code ? <UnitBreadcrumbs unit={unit.data} /> : undefined}
      />

      <TextInput
        label={t('geography.searchLabel')}
        description={t('geography.searchDescription')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        type="search"
        maw={520}
        autoComplete="off"
        data-testid="geography-search"
      />

      {searching ? (
        <SearchResults q={q} />
      ) : code ? (
        unit.isPending ? (
          <LoadingBlock />
        ) : unit.isError ? (
          <ErrorAlert error={unit.error} />
        ) : (
          <>
            <UnitDetails unit={unit.data} />
            {unit.data.hasChildren && <Children code={unit.data.code} />}
          </>
        )
      ) : (
        <Roots />
      )}
    </Stack>
  );
}

function UnitBreadcrumbs({ unit }: { unit: (Unit & { path: Unit[] }) | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ancestors = unit ? unit.path.filter((p) => p.code !== unit.code) : [];
  return (
    <Crumbs
      label={t('geography.breadcrumb')}
      trail={[{ to: '/geography', label: t('geography.ukraine') }, ...ancestors.map((p) => ({ to: `/geography/${p.code}`, label: fmt.label(p) }))]}
      current={unit ? fmt.label(unit) : undefined}
    />
  );
}

function CategoryBadge({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const key = categoryKey(unit);
  return (
    <Badge variant="light" color="gray" radius="sm" tt="none" fw={500} className="scope-chip">
      {t(`geography.categories.${key}`, { defaultValue: key })}
    </Badge>
  );
}

function Validity({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return unit.validTo ? (
    <Text size="sm" c="red.9">
      {t('geography.validRange', { from: fmt.plainDate(unit.validFrom), to: fmt.plainDate(unit.validTo) })}
    </Text>
  ) : (
    <Text size="sm">{t('geography.validSince', { from: fmt.plainDate(unit.validFrom) })}</Text>
  );
}

function UnitDetails({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const other = fmt.lang === 'en' ? unit.labelUk : unit.labelEn;
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Field label={t('geography.category')}>
          <CategoryBadge unit={unit} />
        </Field>
        <Field label={t('geography.code')}>
          <Text className="mono" size="sm" data-testid="unit-code">
            {unit.code}
          </Text>
        </Field>
        <Field label={t('geography.validity')}>
          <Validity unit={unit} />
        </Field>
        <Field label={fmt.lang === 'en' ? t('geography.nameUk') : t('geography.nameEn')}>
          <Text size="sm" lang={fmt.lang === 'en' ? 'uk' : 'en'}>
            {other}
          </Text>
        </Field>
      </SimpleGrid>
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function UnitTable({ units, caption }: { units: Unit[]; caption: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const narrow = useNarrow();
  if (narrow) {
    return (
      <CardList
        label={caption}
        items={units.map((u) => ({
          key: u.code,
          title: (
            <Anchor component={Link} to={`/geography/${u.code}`} fw={600}>
              {fmt.label(u)}
            </Anchor>
          ),
          details: [
            { label: t('geography.category'), value: <CategoryBadge unit={u} /> },
            { label: t('geography.code'), value: <span className="mono">{u.code}</span> },
            { label: t('geography.validity'), value: <Validity unit={u} /> },
          ],
        }))}
      />
    );
  }
  return (
    <ScrollRegion label={caption}>
      <Table striped highlightOnHover verticalSpacing="xs" miw={560}>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('geography.name')}</Table.Th>
            <Table.Th scope="col">{t('geography.category')}</Table.Th>
            <Table.Th scope="col">{t('geography.code')}</Table.Th>
            <Table.Th scope="col">{t('geography.validity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.map((u) => (
            <Table.Tr key={u.code}>
              <Table.Td>
                <Anchor component={Link} to={`/geography/${u.code}`} fw={500}>
                  {fmt.label(u)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <CategoryBadge unit={u} />
              </Table.Td>
              <Table.Td className="mono nowrap" fz="sm">
                {u.code}
              </Table.Td>
              <Table.Td>
                <Validity unit={u} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: ['geography', 'search', q, 'browser'],
    queryFn: ({ signal }) => searchUnits(q, signal, 50),
    staleTime: 5 * 60_000,
  });
  return (
    <section aria-labelledby="geo-results">
      <Title order={2} size="h4" id="geo-results" mb="sm">
        {t('geography.results')}
      </Title>
      {results.isPending ? (
        <LoadingBlock />
      ) : results.isError ? (
        <ErrorAlert error={results.error} />
      ) : results.data.items.length === 0 ? (
        <EmptyBlock title={t('geography.nothingFound')} description={t('geography.nothingFoundHint')} />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs" role="status">
            {t('geography.resultCount', { count: results.data.items.length })}
          </Text>
          <UnitTable units={results.data.items} caption={t('geography.results')} />
        </>
      )}
    </section>
  );
}

function Roots() {
  const { t } = useTranslation();
  const roots = useQuery({ queryKey: ['geography', 'roots'], queryFn: ({ signal }) => rootUnits(signal), staleTime: 60 * 60_000 });
  return (
    <section aria-labelledby="geo-roots">
      <Title order={2} size="h4" id="geo-roots" mb="sm">
        {t('geography.roots')}
      </Title>
      {roots.isPending ? (
        <LoadingBlock />
      ) : roots.isError ? (
        <ErrorAlert error={roots.error} />
      ) : roots.data.items.length === 0 ? (
        <EmptyBlock title={t('geography.empty')} description={t('geography.emptyHint')} />
      ) : (
        <UnitTable units={roots.data.items} caption={t('geography.roots')} />
      )}
    </section>
  );
}

function Children({ code }: { code: string }) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: ['geography', 'children', code],
    queryFn: ({ pageParam, signal }) => unitChildren(code, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 10 * 60_000,
  });
  const units = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="geo-children">
      <Title order={2} size="h4" id="geo-children" mb="sm">
        {t('geography.children')}
      </Title>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : units.length === 0 ? (
        <EmptyBlock title={t('geography.noChildren')} />
      ) : (
        <Stack gap="sm">
          <UnitTable units={units} caption={t('geography.children')} />
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </section>
  );
}
