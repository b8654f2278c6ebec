import { useState } from 'react';
import { Button, Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../../api/client';
import type { Locale, User } from '../../../api/types';
import { translatedFieldErrors } from '../../../components/errors';
import { ErrorAlert } from '../../../components/feedback';
import { Crumbs } from '../../../components/Crumbs';
import { PageHeader } from '../../../components/PageHeader';
import { OneTimeSecret } from '../../../components/secrets';
import { LOCALE_NAMES, LOCALES } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { useAccess, useSession } from '../../auth/session';
import { EMAIL_PATTERN, useRoles } from '../api';
import { OrganisationSelect } from '../OrganisationSelect';
import { assignableRoles } from './userBits';

const USERNAME = /^[a-z0-9][a-z0-9._-]*$/;

type Values = {
  username: string;
  displayName: string;
  email: string;
  organisationId: string | null;
  roles: string[];
  locale: Locale;
};

export function UsersCrumb({ current }: { current: string }) {
  const { t } = useTranslation();
  return <Crumbs label={t('common.breadcrumb')} trail={[{ to: '/users', label: t('users.title') }]} current={current} />;
}

/** A new account; the temporary password is shown once, to be handed over through a safe channel. */
export function UserCreatePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const access = useAccess();
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const ownOnly = access.scope('user.manage') !== 'all';
  const ownOrg = session?.user?.organisationId ?? null;
  const options = assignableRoles(roles.data?.items, session?.permissions ?? []);
  const [created, setCreated] = useState<{ user: User; temporaryPassword: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const form = useForm<Values>({
    initialValues: { username: '', displayName: '', email: '', organisationId: ownOnly ? ownOrg : null, roles: [], locale: 'uk' },
    validate: {
      username: (v) => {
        const s = v.trim();
        if (!s) return t('validation.required');
        if (s.length < 3 || s.length > 60) return t('validation.lengthBetween', { min: 3, max: 60 });
        return USERNAME.test(s) ? null : t('users.usernameRule');
      },
      displayName: (v) => (!v.trim() ? t('validation.required') : [...v.trim()].length > 200 ? t('validation.maxLength', { max: 200 }) : null),
      email: (v) => (v.trim() && (!EMAIL_PATTERN.test(v.trim()) || v.trim().length > 200) ? t('validation.email') : null),
      organisationId: (v) => (v ? null : t('validation.required')),
      roles: (v) => (v.length === 0 ? t('users.rolesRequired') : null),
    },
  });

  if (created) {
    return (
      <Stack gap="md" maw={720}>
        <PageHeader title={t('users.createdTitle')} before={<UsersCrumb current={t('users.create')} />} />
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
          <Stack gap="md">
            <Group gap="xs" role="status">
              <IconCircleCheck color="var(--mantine-color-green-8)" aria-hidden />
              <Text fw={600}>{t('users.createdText', { name: created.user.displayName, username: created.user.username })}</Text>
            </Group>
            <OneTimeSecret label={t('users.temporaryPassword')} value={created.temporaryPassword} note={t('users.temporaryPasswordNote')} />
            <Group gap="sm">
              <Button component={Link} to={`/users/${created.user.id}`}>
                {t('users.openAccount')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setCreated(null);
                  form.reset();
                }}
              >
                {t('users.createAnother')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('users.create')} description={t('users.createDescription')} before={<UsersCrumb current={t('users.create')} />} />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <form
          noValidate
          onSubmit={form.onSubmit(async (v) => {
            setBusy(true);
            setError(null);
            try {
              const r = await api<{ user: User; temporaryPassword: string }>('/users', {
                method: 'POST',
                body: {
                  username: v.username.trim(),
                  displayName: v.displayName.trim(),
                  ...(v.email.trim() ? { email: v.email.trim() } : {}),
                  organisationId: v.organisationId,
                  roles: v.roles,
                  locale: v.locale,
                },
              });
              await queryClient.invalidateQueries({ queryKey: ['users'] });
              setCreated(r);
            } catch (e) {
              const fields = translatedFieldErrors(t, e);
              if (e instanceof ApiError && e.code === 'conflict') form.setFieldError('username', t('fieldErrors.taken'));
              else if (Object.keys(fields).length) form.setErrors(fields);
              else setError(e);
            } finally {
              setBusy(false);
            }
          })}
        >
          <Stack gap="md">
            {error !== null && <ErrorAlert error={error} />}
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <TextInput
                label={t('users.username')}
                description={t('users.usernameRule')}
                required
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                {...form.getInputProps('username')}
              />
              <TextInput label={t('users.displayName')} required autoComplete="off" {...form.getInputProps('displayName')} />
              <TextInput label={t('users.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
              <OrganisationSelect
                label={t('users.organisation')}
                description={ownOnly ? t('users.ownOrganisationOnly') : undefined}
                required
                disabled={ownOnly}
                activeOnly
                value={form.values.organisationId}
                onChange={(id) => form.setFieldValue('organisationId', id)}
                error={typeof form.errors.organisationId === 'string' ? form.errors.organisationId : null}
                testId="user-organisation"
              />
            </SimpleGrid>
            <Checkbox.Group label={t('users.roles')} description={t('users.rolesDescription')} required {...form.getInputProps('roles')}>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" mt="xs">
                {options.map((r) => (
                  <Checkbox key={r.code} value={r.code} label={fmt.name(r)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Radio.Group label={t('users.locale')} {...form.getInputProps('locale')}>
              <Group gap="lg" mt="xs">
                {LOCALES.map((l) => (
                  <Radio key={l} value={l} label={LOCALE_NAMES[l]} lang={l} />
                ))}
              </Group>
            </Radio.Group>
            <Text size="sm" c="dimmed">
              {t('users.afterCreate')}
            </Text>
            <Group gap="sm">
              <Button type="submit" loading={busy}>
                {t('users.createSubmit')}
              </Button>
              <Button variant="default" component={Link} to="/users">
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
