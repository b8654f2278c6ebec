import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconEdit, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../../api/client';
import type { Organisation } from '../../../api/types';
import { ErrorAlert, LoadingBlock } from '../../../components/feedback';
import { Crumbs } from '../../../components/Crumbs';
import { PageHeader } from '../../../components/PageHeader';
import { useFormat } from '../../../i18n/format';
import { Detail, DetailList } from '../../../components/Details';
import { useAccess } from '../../auth/session';
import { useOrganisationTypes } from '../../home/HomePage';
import { useOrganisation } from '../api';
import { ActiveBadge } from '../badges';
import { OrganisationForm } from './OrganisationForm';

function OrganisationsCrumb({ current }: { current: string }) {
  const { t } = useTranslation();
  return <Crumbs label={t('common.breadcrumb')} trail={[{ to: '/organisations', label: t('organisations.title') }]} current={current} />;
}

export function OrganisationCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('organisations.create')} before={<OrganisationsCrumb current={t('organisations.create')} />} />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <OrganisationForm
          submitLabel={t('organisations.createSubmit')}
          onCancel={() => navigate('/organisations')}
          onSubmit={async (input) => {
            const created = await api<Organisation>('/organisations', { method: 'POST', body: input });
            queryClient.setQueryData(['organisation', created.id], created);
            await queryClient.invalidateQueries({ queryKey: ['organisations'] });
            navigate(`/organisations/${created.id}`, { state: { created: true } });
          }}
        />
      </Paper>
    </Stack>
  );
}

export function OrganisationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const access = useAccess();
  const queryClient = useQueryClient();
  const org = useOrganisation(id);
  const types = useOrganisationTypes();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  if (org.isPending) return <LoadingBlock />;
  if (org.isError) {
    return (
      <Stack gap="md">
        <PageHeader title={t('organisations.title')} />
        <ErrorAlert error={org.error} />
      </Stack>
    );
  }
  const o = org.data;
  const canEdit = access.inOrganisation('organisation.manage', o.id);
  const type = types.data?.items.find((ty) => ty.code === o.typeCode);
  const other = fmt.lang === 'en' ? o.nameUk : o.nameEn;

  return (
    <Stack gap="md">
      <PageHeader
        title={fmt.name(o)}
        before={<OrganisationsCrumb current={fmt.name(o)} />}
        description={<span lang={fmt.lang === 'en' ? 'uk' : 'en'}>{other}</span>}
        actions={
          <>
            {access.beyondSelf('user.read') && access.inOrganisation('user.read', o.id) && (
              <Button variant="default" component={Link} to={`/users?organisationId=${o.id}`} leftSection={<IconUsers size={16} aria-hidden />}>
                {t('organisations.viewUsers')}
              </Button>
            )}
            {canEdit && !editing && (
              <Button leftSection={<IconEdit size={16} aria-hidden />} onClick={() => { setEditing(true); setSaved(false); }}>
                {t('common.edit')}
              </Button>
            )}
          </>
        }
      />
      {saved && (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          {t('common.saved')}
        </Alert>
      )}
      {editing ? (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md" component="section" aria-labelledby="org-edit">
          <Title order={2} size="h4" id="org-edit" mb="md">
            {t('organisations.edit')}
          </Title>
          <OrganisationForm
            initial={o}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(false)}
            onSubmit={async (input) => {
              try {
                const updated = await api<Organisation>(`/organisations/${o.id}`, { method: 'PUT', body: { ...input, version: o.version } });
                queryClient.setQueryData(['organisation', o.id], updated);
                await queryClient.invalidateQueries({ queryKey: ['organisations'] });
                setEditing(false);
                setSaved(true);
              } catch (e) {
                if (e instanceof ApiError && e.code === 'stale_version') await org.refetch();
                throw e;
              }
            }}
          />
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="org-about">
            <Title order={2} size="h4" id="org-about" mb="sm">
              {t('organisations.about')}
            </Title>
            <DetailList>
              <Detail label={t('organisations.type')}>{type ? fmt.name(type) : o.typeCode}</Detail>
              <Detail label={t('common.status')}>
                <ActiveBadge active={o.active} />
              </Detail>
              <Detail label={t('organisations.users')}>{fmt.number(o.userCount)}</Detail>
              <Detail label={t('common.createdAt')}>{fmt.dateTime(o.createdAt)}</Detail>
              <Detail label={t('common.updatedAt')}>{fmt.dateTime(o.updatedAt)}</Detail>
            </DetailList>
          </Paper>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="org-contacts">
            <Title order={2} size="h4" id="org-contacts" mb="sm">
              {t('organisations.contacts')}
            </Title>
            {Object.values(o.contacts).some(Boolean) ? (
              <DetailList>
                {o.contacts.phone && <Detail label={t('organisations.phone')}><Anchor href={`tel:${o.contacts.phone.replace(/[^\d+]/g, '')}`}>{o.contacts.phone}</Anchor></Detail>}
                {o.contacts.email && <Detail label={t('organisations.email')}><Anchor href={`mailto:${o.contacts.email}`} className="break-anywhere">{o.contacts.email}</Anchor></Detail>}
                {o.contacts.address && <Detail label={t('organisations.address')}>{o.contacts.address}</Detail>}
                {o.contacts.website && (
                  <Detail label={t('organisations.website')}>
                    <Anchor href={o.contacts.website} target="_blank" rel="noopener noreferrer" className="break-anywhere">
                      {o.contacts.website}
                    </Anchor>
                  </Detail>
                )}
              </DetailList>
            ) : (
              <Text size="sm" c="dimmed">
                {t('organisations.noContacts')}
              </Text>
            )}
          </Paper>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="org-jurisdiction" style={{ gridColumn: '1 / -1' }}>
            <Title order={2} size="h4" id="org-jurisdiction" mb="sm">
              {t('organisations.jurisdiction')}
            </Title>
            {o.jurisdiction.length === 0 ? (
              <Text size="sm">{t('organisations.nationwideLong')}</Text>
            ) : (
              <Group gap="xs">
                {o.jurisdiction.map((j) => (
                  <Badge
                    key={j.code}
                    component={Link}
                    to={`/geography/${j.code}`}
                    variant="light"
                    radius="sm"
                    tt="none"
                    size="lg"
                    style={{ cursor: 'pointer' }}
                  >
                    {fmt.label(j)}
                  </Badge>
                ))}
              </Group>
            )}
          </Paper>
        </SimpleGrid>
      )}
    </Stack>
  );
}
