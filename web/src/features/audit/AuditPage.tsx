import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Code, Group, SimpleGrid, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconFilter, IconFilterOff, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, apiUrl } from '../../api/client';
import type { AuditEvent, Items, Page } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { CardList, useNarrow } from '../../components/CardList';
import { Detail, DetailList } from '../../components/Details';
import { EmptyBlock, ErrorAlert, LoadingBlock } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useFormat } from '../../i18n/format';
import { useAccess, useSession } from '../auth/session';
import { useRoles } from '../directory/api';
import { OrganisationSelect } from '../directory/OrganisationSelect';
import { UserSelect } from '../directory/UserSelect';
import { ListFooter } from '../../components/ListFooter';

const FILTER_KEYS = ['userId', 'organisationId', 'objectType', 'objectId', 'action', 'outcome', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

const OBJECT_TYPES = ['user', 'organisation', 'role', 'audit', 'codifier_edition'];
const OUTCOMES = ['success', 'failure', 'denied'];
const OUTCOME_COLOR: Record<string, string> = { success: 'green', failure: 'red', denied: 'orange' };

function useActionLabel() {
  const { t } = useTranslation();
  return (action: string) => t(`audit.actionNames.${action.replace(/\./g, '_')}`, { defaultValue: action });
}

/** The audit trail: who did what, to what, when, with what outcome; filters, export and chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const access = useAccess();
  const { data: session } = useSession();
  const actionLabel = useActionLabel();
  const [params, setParams] = useSearchParams();
  const ownOrgOnly = access.scope('audit.read') !== 'all';
  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  if (ownOrgOnly && session?.user) filters.organisationId = session.user.organisationId;

  const setFilter = (key: FilterKey, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const [objectId, setObjectId] = useState(filters.objectId ?? '');
  const [debouncedObjectId] = useDebouncedValue(objectId.trim(), 400);
  useEffect(() => {
    if ((params.get('objectId') ?? '') !== debouncedObjectId) {
      const next = new URLSearchParams(params);
      if (debouncedObjectId) next.set('objectId', debouncedObjectId);
      else next.delete('objectId');
      setParams(next, { replace: true });
    }
  }, [debouncedObjectId, params, setParams]);

  const actions = useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: ({ signal }) => api<Items<string>>('/audit/actions', { signal }),
    staleTime: 60_000,
  });
  const dateProblem = filters.from && filters.to && filters.from > filters.to ? t('audit.fromAfterTo') : null;
  const events = useInfiniteQuery({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ pageParam, signal }) => api<Page<AuditEvent>>('/audit/events', { query: { ...filters, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !dateProblem,
  });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const narrow = useNarrow();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = FILTER_KEYS.filter((k) => params.get(k)).length;
  const hasFilters = FILTER_KEYS.some((k) => params.get(k));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('audit.title')}
        description={ownOrgOnly ? t('audit.descriptionOwn') : t('audit.description')}
        actions={
          access.has('audit.export') && (
            <>
              <VerifyChain />
              <Button
                component="a"
                href={apiUrl('/audit/events.csv', filters)}
                download
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                data-testid="audit-export"
              >
                {t('audit.export')}
              </Button>
            </>
          )
        }
      />

      {narrow && (
        <Button
          variant="default"
          leftSection={<IconFilter size={16} aria-hidden />}
          onClick={() => setFiltersOpen((o) => !o)}
          aria-expanded={filtersOpen}
          aria-controls="audit-filters"
          w="fit-content"
        >
          {activeFilters > 0 ? t('common.filtersCount', { count: activeFilters }) : t('common.filters')}
        </Button>
      )}
      <form
        role="search"
        id="audit-filters"
        aria-label={t('common.filters')}
        onSubmit={(e) => e.preventDefault()}
        hidden={narrow && !filtersOpen}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          {access.beyondSelf('user.read') && (
            <UserSelect label={t('audit.user')} value={filters.userId ?? null} onChange={(v) => setFilter('userId', v)} placeholder={t('common.any')} />
          )}
          <OrganisationSelect
            label={t('audit.organisation')}
            value={filters.organisationId ?? null}
            onChange={(v) => setFilter('organisationId', v)}
            disabled={ownOrgOnly}
            clearable={!ownOrgOnly}
            placeholder={t('common.any')}
          />
          <Select
            label={t('audit.action')}
            data={(actions.data?.items ?? []).map((a) => ({ value: a, label: `${actionLabel(a)} · ${a}` }))}
            value={filters.action ?? null}
            onChange={(v) => setFilter('action', v)}
            searchable
            clearable
            placeholder={t('common.any')}
            comboboxProps={{ withinPortal: true }}
            data-testid="audit-action-filter"
          />
          <Select
            label={t('audit.outcome')}
            data={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))}
            value={filters.outcome ?? null}
            onChange={(v) => setFilter('outcome', v)}
            clearable
            placeholder={t('common.any')}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('audit.objectType')}
            data={OBJECT_TYPES.map((o) => ({ value: o, label: t(`audit.objectTypes.${o}`) }))}
            value={filters.objectType ?? null}
            onChange={(v) => setFilter('objectType', v)}
            clearable
            placeholder={t('common.any')}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label={t('audit.objectId')} value={objectId} onChange={(e) => setObjectId(e.currentTarget.value)} autoComplete="off" />
          <TextInput
            label={t('audit.from')}
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => setFilter('from', e.currentTarget.value || null)}
            max={filters.to}
          />
          <TextInput
            label={t('audit.to')}
            type="date"
            value={filters.to ?? ''}
            onChange={(e) => setFilter('to', e.currentTarget.value || null)}
            min={filters.from}
            error={dateProblem}
          />
        </SimpleGrid>
        {hasFilters && (
          <Group mt="sm">
            <Button
              variant="subtle"
              size="sm"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={() => {
                setObjectId('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('common.clearFilters')}
            </Button>
          </Group>
        )}
      </form>

      {dateProblem ? null : events.isPending ? (
        <LoadingBlock />
      ) : events.isError ? (
        <ErrorAlert error={events.error} />
      ) : items.length === 0 ? (
        <EmptyBlock title={t('audit.empty')} description={t('common.emptyFiltersHint')} />
      ) : (
        <Stack gap="sm">
          {narrow ? (
            <CardList
              label={t('audit.title')}
              testId="audit-cards"
              items={items.map((e) => ({
                key: e.id,
                title: (
                  <>
                    <Text size="sm" fw={600}>
                      {actionLabel(e.action)}
                    </Text>
                    <Text size="xs" c="dimmed" className="mono">
                      {e.action}
                    </Text>
                  </>
                ),
                aside: (
                  <Badge variant="light" color={OUTCOME_COLOR[e.outcome] ?? 'gray'} className="scope-chip">
                    {t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}
                  </Badge>
                ),
                details: [
                  { label: t('audit.time'), value: fmt.dateTimeSeconds(e.occurredAt) },
                  { label: t('audit.user'), value: e.username ?? t('audit.system') },
                  ...(e.objectType
                    ? [{ label: t('audit.object'), value: t(`audit.objectTypes.${e.objectType}`, { defaultValue: e.objectType }) }]
                    : []),
                ],
                footer: (
                  <Button variant="light" size="compact-sm" onClick={() => setSelected(e)} aria-label={t('audit.detailsFor', { id: e.id })} w="fit-content">
                    {t('audit.details')}
                  </Button>
                ),
              }))}
            />
          ) : (
            <ScrollRegion label={t('audit.title')}>
              <Table striped highlightOnHover verticalSpacing="xs" miw={980} data-testid="audit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('audit.time')}</Table.Th>
                    <Table.Th scope="col">{t('audit.user')}</Table.Th>
                    <Table.Th scope="col">{t('audit.organisation')}</Table.Th>
                    <Table.Th scope="col">{t('audit.action')}</Table.Th>
                    <Table.Th scope="col">{t('audit.object')}</Table.Th>
                    <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('audit.details')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td className="nowrap" fz="sm">
                        {fmt.dateTimeSeconds(e.occurredAt)}
                      </Table.Td>
                      <Table.Td fz="sm">
                        {e.userId ? (
                          <Text component={Link} to={`/users/${e.userId}`} size="sm" c="brand.8" td="underline" className="mono">
                            {e.username ?? e.userId}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('audit.system')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td fz="sm" maw={240}>
                        {fmt.lang === 'en' ? e.organisationNameEn ?? '' : e.organisationNameUk ?? ''}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{actionLabel(e.action)}</Text>
                        <Text size="xs" c="dimmed" className="mono">
                          {e.action}
                        </Text>
                      </Table.Td>
                      <Table.Td fz="sm">
                        {e.objectType ? (
                          <>
                            <Text size="sm">{t(`audit.objectTypes.${e.objectType}`, { defaultValue: e.objectType })}</Text>
                            {e.objectId && (
                              <Text size="xs" c="dimmed" className="mono" maw={220} truncate="end" title={e.objectId}>
                                {e.objectId}
                              </Text>
                            )}
                          </>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td className="nowrap">
                        <Badge variant="light" color={OUTCOME_COLOR[e.outcome] ?? 'gray'} radius="sm" tt="none" className="scope-chip">
                          {t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          onClick={() => setSelected(e)}
                          aria-label={t('audit.detailsFor', { id: e.id })}
                        >
                          {t('audit.details')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
          <ListFooter shown={items.length} query={events} />
        </Stack>
      )}

      <AppModal opened={selected !== null} onClose={() => setSelected(null)} title={selected ? t('audit.eventTitle', { id: selected.id }) : ''} size="lg">
        {selected && <EventDetails event={selected} />}
      </AppModal>
    </Stack>
  );
}

function EventDetails({ event: e }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actionLabel = useActionLabel();
  const roles = useRoles();
  const roleNames = (e.role ?? '')
    .split(',')
    .filter(Boolean)
    .map((code) => {
      const role = roles.data?.items.find((r) => r.code === code);
      return role ? fmt.name(role) : code;
    })
    .join(', ');
  return (
    <Stack gap="md">
      <DetailList>
        <Detail label={t('audit.time')}>{fmt.dateTimeSeconds(e.occurredAt)}</Detail>
        <Detail label={t('audit.action')}>
          {actionLabel(e.action)} <span className="mono">({e.action})</span>
        </Detail>
        <Detail label={t('audit.outcome')}>{t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}</Detail>
        <Detail label={t('audit.user')}>{e.username ?? t('audit.system')}</Detail>
        <Detail label={t('audit.role')}>{roleNames || '—'}</Detail>
        <Detail label={t('audit.organisation')}>{(fmt.lang === 'en' ? e.organisationNameEn : e.organisationNameUk) ?? '—'}</Detail>
        <Detail label={t('audit.objectType')}>{e.objectType ? t(`audit.objectTypes.${e.objectType}`, { defaultValue: e.objectType }) : '—'}</Detail>
        <Detail label={t('audit.objectId')}>
          <span className="mono">{e.objectId ?? '—'}</span>
        </Detail>
        {e.reason && <Detail label={t('audit.reason')}>{e.reason}</Detail>}
        <Detail label={t('audit.clientIp')}>
          <span className="mono">{e.clientIp ?? '—'}</span>
        </Detail>
        <Detail label={t('audit.requestId')}>
          <span className="mono">{e.requestId ?? '—'}</span>
        </Detail>
      </DetailList>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('audit.detailsJson')}
        </Text>
        <Code block className="json-block" data-testid="audit-details-json" tabIndex={0} role="region" aria-label={t('audit.detailsJson')}>
          {JSON.stringify(e.details, null, 2)}
        </Code>
      </Stack>
    </Stack>
  );
}

function VerifyChain() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [result, setResult] = useState<{ checked: number; intact: boolean; brokenAt: { id: number; problem: string } | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconShieldCheck size={16} aria-hidden />}
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setResult(await api('/audit/verify'));
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('audit.verify')}
      </Button>
      <AppModal opened={result !== null || error !== null} onClose={() => { setResult(null); setError(null); }} title={t('audit.verifyTitle')}>
        {error !== null && <ErrorAlert error={error} />}
        {result &&
          (result.intact ? (
            <Alert color="green" variant="light" icon={<IconShieldCheck aria-hidden />} role="status" data-testid="verify-result">
              {t('audit.verifyIntact', { count: result.checked, formatted: fmt.number(result.checked) })}
            </Alert>
          ) : (
            <Alert color="red" variant="light" icon={<IconShieldX aria-hidden />} role="alert" data-testid="verify-result">
              {t('audit.verifyBroken', { id: result.brokenAt?.id ?? '?', problem: result.brokenAt?.problem ?? '' })}
            </Alert>
          ))}
      </AppModal>
    </>
  );
}
