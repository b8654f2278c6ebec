import type { ReactNode } from 'react';
import { Button, Center, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorAlert, LoadingBlock } from '../components/feedback';
import { loginPathFor } from '../features/auth/navigation';
import { useAccess, useSession } from '../features/auth/session';
import { NotFoundPage } from './NotFoundPage';

/** Signed in, and past a forced password change; otherwise to the sign-in page, remembering where we were. */
export function RequireAuth({ children, passwordChange = false }: { children: ReactNode; passwordChange?: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center mih="60dvh">
        <LoadingBlock />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center mih="60dvh" p="md" component="main">
        <Stack maw={420}>
          <ErrorAlert error={session.error} />
          <Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  const { authenticated, user } = session.data;
  if (!authenticated || !user) return <Navigate to={loginPathFor(location)} replace />;
  if (user.mustChangePassword && !passwordChange) return <Navigate to="/change-password" replace />;
  if (!user.mustChangePassword && passwordChange) return <Navigate to="/" replace />;
  return <>{children}</>;
}

/** A section the user's permissions do not reach looks like one that does not exist. */
export function RequirePermission({ allowed, children }: { allowed: (access: ReturnType<typeof useAccess>) => boolean; children: ReactNode }) {
  const access = useAccess();
  return allowed(access) ? <>{children}</> : <NotFoundPage />;
}
