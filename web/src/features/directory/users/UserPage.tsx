import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconDevices, IconKey, IconLockOpen, IconShieldOff, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../../api/client';
import type { Role, User } from '../../../api/types';
import { Detail, DetailList } from '../../../components/Details';
import { errorMessage, translatedFieldErrors } from '../../../components/errors';
import { ErrorAlert, LoadingBlock } from '../../../components/feedback';
import { AppModal } from '../../../components/AppModal';
import { PageHeader } from '../../../components/PageHeader';
import { OneTimeSecret } from '../../../components/secrets';
import { LOCALE_NAMES } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { canAssignRole, useAccess, useSession } from '../../auth/session';
import { EMAIL_PATTERN, getUser, useRoles } from '../api';
import { UsersCrumb } from './UserCreatePage';
import { assignableRoles, RoleBadges, UserStatusBadges } from './userBits';

export function UserPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const access = useAccess();
  const { data: session } = useSession();
  const roles = useRoles();
  const user = useQuery({ queryKey: ['user', id], queryFn: ({ signal }) => getUser(id!, signal), enabled: Boolean(id) });
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  if (user.isPending) return <LoadingBlock />;
  if (user.isError) {
    return (
      <Stack gap="md">
        <PageHeader title={t('users.title')} />
        <ErrorAlert error={user.error} />
      </Stack>
    );
  }
  const u = user.data;
  const own = session?.permissions ?? [];
  const grantsOf = (code: string) => roles.data?.items.find((r) => r.code === code)?.permissions ?? [];
  const canManage = access.inOrganisation('user.manage', u.organisationId) && Boolean(roles.data) && u.roles.every((c) => canAssignRole(own, grantsOf(c)));
  const isSelf = session?.user?.id === u.id;

  return (
    <Stack gap="md">
      <PageHeader
        title={u.displayName}
        description={<span className="mono">{u.username}</span>}
        before={access.beyondSelf('user.read') ? <UsersCrumb current={u.displayName} /> : undefined}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="user-account">
          <Title order={2} size="h4" id="user-account" mb="sm">
            {t('users.account')}
          </Title>
          <DetailList>
            <Detail label={t('common.status')}>
              <UserStatusBadges user={u} />
            </Detail>
            <Detail label={t('users.organisation')}>
              <Anchor component={Link} to={`/organisations/${u.organisationId}`}>
                {fmt.lang === 'en' ? u.organisationNameEn : u.organisationNameUk}
              </Anchor>
            </Detail>
            <Detail label={t('users.roles')}>
              <RoleBadges codes={u.roles} roles={roles.data?.items} />
            </Detail>
            <Detail label={t('users.email')}>{u.email ?? '—'}</Detail>
            <Detail label={t('users.locale')}>{LOCALE_NAMES[u.locale]}</Detail>
            <Detail label={t('users.mfa')}>{u.mfaEnrolled ? t('users.mfaOn') : t('users.mfaOff')}</Detail>
            {u.locked && u.lockedUntil && <Detail label={t('users.lockedUntil')}>{fmt.dateTime(u.lockedUntil)}</Detail>}
            <Detail label={t('users.lastSignIn')}>{u.lastSignInAt ? fmt.dateTime(u.lastSignInAt) : t('users.never')}</Detail>
            <Detail label={t('common.createdAt')}>{fmt.dateTime(u.createdAt)}</Detail>
          </DetailList>
        </Paper>
        {canManage && <UserActions user={u} isSelf={isSelf} />}
      </SimpleGrid>
      {canManage && (
        // A new version (saved here or by an action) starts the form afresh from the server's data.
        <UserEditForm
          key={u.version}
          user={u}
          roles={assignableRoles(roles.data?.items, own)}
          allRoles={roles.data?.items ?? []}
          saved={savedVersion === u.version}
          onSaved={setSavedVersion}
        />
      )}
    </Stack>
  );
}

function UserEditForm({
  user,
  roles,
  allRoles,
  saved,
  onSaved,
}: {
  user: User;
  roles: Role[];
  allRoles: Role[];
  saved: boolean;
  onSaved: (version: number) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Roles the user holds stay listed even if this administrator could not give them anew.
  const shown = [...roles, ...allRoles.filter((r) => user.roles.includes(r.code) && !roles.some((x) => x.code === r.code))];
  const form = useForm({
    initialValues: { displayName: user.displayName, email: user.email ?? '', roles: user.roles },
    validate: {
      displayName: (v) => (!v.trim() ? t('validation.required') : [...v.trim()].length > 200 ? t('validation.maxLength', { max: 200 }) : null),
      email: (v) => (v.trim() && (!EMAIL_PATTERN.test(v.trim()) || v.trim().length > 200) ? t('validation.email') : null),
      roles: (v) => (v.length === 0 ? t('users.rolesRequired') : null),
    },
  });
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section" aria-labelledby="user-edit">
      <Title order={2} size="h4" id="user-edit" mb="sm">
        {t('users.edit')}
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit(async (v) => {
          setBusy(true);
          setError(null);
          try {
            const updated = await api<User>(`/users/${user.id}`, {
              method: 'PUT',
              body: { displayName: v.displayName.trim(), email: v.email.trim() || null, roles: v.roles, active: user.active, version: user.version },
            });
            onSaved(updated.version);
            queryClient.setQueryData(['user', user.id], updated);
            await queryClient.invalidateQueries({ queryKey: ['users'] });
          } catch (e) {
            const fields = translatedFieldErrors(t, e);
            if (Object.keys(fields).length) form.setErrors(fields);
            else setError(e);
            if (e instanceof ApiError && e.code === 'stale_version') await queryClient.invalidateQueries({ queryKey: ['user', user.id] });
          } finally {
            setBusy(false);
          }
        })}
      >
        <Stack gap="md">
          {saved && (
            <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
              {t('common.saved')}
            </Alert>
          )}
          {error !== null && <ErrorAlert error={error} />}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput label={t('users.displayName')} required {...form.getInputProps('displayName')} />
            <TextInput label={t('users.email')} type="email" {...form.getInputProps('email')} />
          </SimpleGrid>
          <Checkbox.Group label={t('users.roles')} required {...form.getInputProps('roles')}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" mt="xs">
              {shown.map((r) => (
                <Checkbox key={r.code} value={r.code} label={fmt.name(r)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type Action = 'reset-password' | 'unlock' | 'reset-mfa' | 'sign-out-everywhere' | 'deactivate' | 'activate';

function UserActions({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ action: Action; temporaryPassword?: string; sessionsEnded?: number } | null>(null);

  async function run(action: Action) {
    setBusy(true);
    setError(null);
    try {
      if (action === 'reset-password') {
        const r = await api<{ temporaryPassword: string }>(`/users/${user.id}/reset-password`, { method: 'POST' });
        setResult({ action, temporaryPassword: r.temporaryPassword });
      } else if (action === 'sign-out-everywhere') {
        const r = await api<{ sessionsEnded: number }>(`/users/${user.id}/sign-out-everywhere`, { method: 'POST' });
        setResult({ action, sessionsEnded: r.sessionsEnded });
      } else if (action === 'unlock' || action === 'reset-mfa') {
        const updated = await api<User>(`/users/${user.id}/${action}`, { method: 'POST' });
        queryClient.setQueryData(['user', user.id], updated);
        setResult({ action });
      } else {
        const updated = await api<User>(`/users/${user.id}`, {
          method: 'PUT',
          body: { displayName: user.displayName, email: user.email, roles: user.roles, active: action === 'activate', version: user.version },
        });
        queryClient.setQueryData(['user', user.id], updated);
        setResult({ action });
      }
      await queryClient.invalidateQueries({ queryKey: ['user', user.id] });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      setPending(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const confirmText: Record<Action, string> = {
    'reset-password': t('users.confirmResetPassword', { name: user.displayName }),
    unlock: t('users.confirmUnlock', { name: user.displayName }),
    'reset-mfa': t('users.confirmResetMfa', { name: user.displayName }),
    'sign-out-everywhere': t('users.confirmSignOutEverywhere', { name: user.displayName }),
    deactivate: t('users.confirmDeactivate', { name: user.displayName }),
    activate: t('users.confirmActivate', { name: user.displayName }),
  };
  const actionLabel: Record<Action, string> = {
    'reset-password': t('users.resetPassword'),
    unlock: t('users.unlock'),
    'reset-mfa': t('users.resetMfa'),
    'sign-out-everywhere': t('users.signOutEverywhere'),
    deactivate: t('users.deactivate'),
    activate: t('users.activate'),
  };
  const danger = pending === 'deactivate' || pending === 'reset-mfa';

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="user-actions">
      <Title order={2} size="h4" id="user-actions" mb="sm">
        {t('users.actions')}
      </Title>
      <Stack gap="sm">
        {result && result.action !== 'reset-password' && (
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setResult(null)}>
            {result.action === 'sign-out-everywhere'
              ? t('users.sessionsEnded', { count: result.sessionsEnded ?? 0 })
              : t(`users.done.${result.action}`)}
          </Alert>
        )}
        {error !== null && pending === null && <ErrorAlert error={error} />}
        <Group gap="sm">
          <Button variant="default" leftSection={<IconKey size={16} aria-hidden />} onClick={() => { setError(null); setPending('reset-password'); }}>
            {actionLabel['reset-password']}
          </Button>
          {user.locked && (
            <Button variant="default" leftSection={<IconLockOpen size={16} aria-hidden />} onClick={() => { setError(null); setPending('unlock'); }}>
              {actionLabel.unlock}
            </Button>
          )}
          {user.mfaEnrolled && (
            <Button variant="default" leftSection={<IconShieldOff size={16} aria-hidden />} onClick={() => { setError(null); setPending('reset-mfa'); }}>
              {actionLabel['reset-mfa']}
            </Button>
          )}
          <Button variant="default" leftSection={<IconDevices size={16} aria-hidden />} onClick={() => { setError(null); setPending('sign-out-everywhere'); }}>
            {actionLabel['sign-out-everywhere']}
          </Button>
          {!isSelf &&
            (user.active ? (
              <Button color="red" variant="outline" leftSection={<IconUserOff size={16} aria-hidden />} onClick={() => { setError(null); setPending('deactivate'); }}>
                {actionLabel.deactivate}
              </Button>
            ) : (
              <Button variant="default" leftSection={<IconUserCheck size={16} aria-hidden />} onClick={() => { setError(null); setPending('activate'); }}>
                {actionLabel.activate}
              </Button>
            ))}
        </Group>
      </Stack>

      <AppModal opened={pending !== null} onClose={() => setPending(null)} title={pending ? actionLabel[pending] : ''} centered>
        {pending && (
          <Stack gap="md">
            <Text>{confirmText[pending]}</Text>
            {error !== null && <Alert color="red" variant="light" role="alert">{errorMessage(t, error)}</Alert>}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setPending(null)}>
                {t('common.cancel')}
              </Button>
              <Button color={danger ? 'red' : undefined} loading={busy} onClick={() => void run(pending)} data-testid="confirm-action">
                {actionLabel[pending]}
              </Button>
            </Group>
          </Stack>
        )}
      </AppModal>

      <AppModal
        opened={result?.action === 'reset-password'}
        onClose={() => setResult(null)}
        title={t('users.passwordResetTitle')}
        centered
      >
        {result?.temporaryPassword && (
          <Stack gap="md">
            <Text>{t('users.passwordResetText', { name: user.displayName })}</Text>
            <OneTimeSecret label={t('users.temporaryPassword')} value={result.temporaryPassword} note={t('users.temporaryPasswordNote')} />
            <Group justify="flex-end">
              <Button onClick={() => setResult(null)}>{t('common.done')}</Button>
            </Group>
          </Stack>
        )}
      </AppModal>
    </Paper>
  );
}
