import { useState } from 'react';
import { Badge, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Items, Role, Scope } from '../../../api/types';
import { ErrorAlert, LoadingBlock } from '../../../components/feedback';
import { CardList, useNarrow } from '../../../components/CardList';
import { PageHeader } from '../../../components/PageHeader';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useFormat } from '../../../i18n/format';
import { useAccess } from '../../auth/session';
import { useRoles } from '../api';

const SCOPE_COLOR: Record<Scope, string> = { all: 'brand', organisation: 'green', self: 'gray' };

const SCOPE_WIDTH: Record<Scope, number> = { self: 0, organisation: 1, all: 2 };

function ScopeBadge({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={SCOPE_COLOR[scope]} radius="sm" tt="none" fw={500} className="scope-chip">
      {t(`roles.scope.${scope}`)}
    </Badge>
  );
}

/** Roles and what each may do (scope: all / own organisation / self); administrators set the second-factor rule. */
export function RolesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const access = useAccess();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const permissions = useQuery({
    queryKey: ['permissions'],
    queryFn: ({ signal }) => api<Items<{ action: string; description: string }>>('/permissions', { signal }),
    staleTime: 60 * 60_000,
  });
  const [saving, setSaving] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const canManage = access.has('role.manage');
  const narrow = useNarrow();
  const mfaControl = (r: Role) =>
    canManage ? (
      <Switch
        checked={r.mfaRequired}
        disabled={saving === r.code}
        onChange={(e) => void setMfa(r, e.currentTarget.checked)}
        aria-label={t('roles.mfaSwitch', { role: fmt.name(r) })}
      />
    ) : (
      <Text size="sm">{r.mfaRequired ? t('common.yes') : t('common.no')}</Text>
    );

  async function setMfa(role: Role, mfaRequired: boolean) {
    setSaving(role.code);
    setError(null);
    try {
      const updated = await api<Role>(`/roles/${role.code}`, { method: 'PUT', body: { mfaRequired } });
      queryClient.setQueryData<Items<Role>>(['roles'], (old) => (old ? { items: old.items.map((r) => (r.code === updated.code ? updated : r)) } : old));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(null);
    }
  }

  return (
    <Stack gap="lg">
      <PageHeader title={t('roles.title')} description={t('roles.description')} />
      {roles.isPending || permissions.isPending ? (
        <LoadingBlock />
      ) : roles.isError ? (
        <ErrorAlert error={roles.error} />
      ) : permissions.isError ? (
        <ErrorAlert error={permissions.error} />
      ) : (
        <>
          <section aria-labelledby="roles-list">
            <Title order={2} size="h4" id="roles-list" mb="sm">
              {t('roles.listTitle')}
            </Title>
            {error !== null && <ErrorAlert error={error} />}
            {narrow ? (
              <CardList
                label={t('roles.listTitle')}
                items={roles.data.items.map((r) => ({
                  key: r.code,
                  title: <Text fw={600}>{fmt.name(r)}</Text>,
                  details: [
                    { label: t('roles.code'), value: <span className="mono">{r.code}</span> },
                    { label: t('roles.mfaRequired'), value: mfaControl(r) },
                    { label: t('roles.permissionCount'), value: fmt.number(r.permissions.length) },
                  ],
                }))}
              />
            ) : (
              <ScrollRegion label={t('roles.listTitle')}>
                <Table striped verticalSpacing="sm" miw={560}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('roles.role')}</Table.Th>
                      <Table.Th scope="col">{t('roles.code')}</Table.Th>
                      <Table.Th scope="col">{t('roles.mfaRequired')}</Table.Th>
                      <Table.Th scope="col" ta="end">
                        {t('roles.permissionCount')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {roles.data.items.map((r) => (
                      <Table.Tr key={r.code}>
                        <Table.Th scope="row" fw={500}>
                          {fmt.name(r)}
                        </Table.Th>
                        <Table.Td className="mono" fz="sm">
                          {r.code}
                        </Table.Td>
                        <Table.Td>{mfaControl(r)}</Table.Td>
                        <Table.Td ta="end">{fmt.number(r.permissions.length)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            )}
          </section>

          <section aria-labelledby="roles-matrix">
            <Title order={2} size="h4" id="roles-matrix" mb="xs">
              {t('roles.matrixTitle')}
            </Title>
            <Group gap="md" mb="sm">
              {(['all', 'organisation', 'self'] as const).map((s) => (
                <Group key={s} gap={6}>
                  <ScopeBadge scope={s} />
                  <Text size="sm" c="dimmed">
                    {t(`roles.scopeHelp.${s}`)}
                  </Text>
                </Group>
              ))}
            </Group>
            <Paper withBorder radius="md">
              <ScrollRegion label={t('roles.matrixTitle')}>
                <Table verticalSpacing="xs" horizontalSpacing="xs" className="matrix" striped miw={1180} withColumnBorders>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col" miw={narrow ? 160 : 220}>
                        {t('roles.permission')}
                      </Table.Th>
                      {roles.data.items.map((r) => (
                        <Table.Th key={r.code} scope="col" fz="xs" w={88}>
                          {fmt.name(r)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {permissions.data.items.map((p) => (
                      <Table.Tr key={p.action}>
                        <Table.Th scope="row" fw={400}>
                          <Text size="sm" fw={500}>
                            {t(`permissions.${p.action}`, { defaultValue: p.description })}
                          </Text>
                          <Text size="xs" c="dimmed" className="mono">
                            {p.action}
                          </Text>
                        </Table.Th>
                        {roles.data.items.map((r) => {
                          // A role may hold an action at several scopes (everyone's own account, plus all accounts
                          // for administrators); the widest one says what the role can do.
                          const grant = r.permissions
                            .filter((g) => g.action === p.action)
                            .sort((a, b) => SCOPE_WIDTH[b.scope] - SCOPE_WIDTH[a.scope])[0];
                          return (
                            <Table.Td key={r.code}>
                              {grant ? (
                                <ScopeBadge scope={grant.scope} />
                              ) : (
                                <>
                                  <span aria-hidden>—</span>
                                  <span className="visually-hidden">{t('roles.notGranted')}</span>
                                </>
                              )}
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            </Paper>
          </section>
        </>
      )}
    </Stack>
  );
}
