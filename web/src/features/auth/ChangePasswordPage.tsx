import { Alert, Button, Stack, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AuthLayout } from '../../app/AuthLayout';
import { usePageTitle } from '../../app/usePageTitle';
import { PasswordChangeForm } from './PasswordChangeForm';
import { reloadSession, signOut, useSession } from './session';

/** Forced after a temporary password: nothing else is reachable until the password is changed. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { data } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  usePageTitle(t('password.forcedTitle'));
  return (
    <AuthLayout
      aside={
        <Button variant="subtle" color="dark" size="sm" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Button>
      }
    >
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('password.forcedTitle')}
        </Title>
        <Alert color="brand" variant="light" icon={<IconLock aria-hidden />}>
          {t('password.forcedIntro')}
        </Alert>
        <PasswordChangeForm
          username={data?.user?.username ?? ''}
          submitLabel={t('password.submit')}
          onChanged={async () => {
            await reloadSession(queryClient);
            navigate('/', { replace: true });
          }}
        />
      </Stack>
    </AuthLayout>
  );
}
