import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';
import { markSessionExpired } from '../features/auth/navigation';
import { forgetSession, useSession } from '../features/auth/session';

/**
 * Above every route: a 401 from an authenticated call forgets the session (the guards then send the user
 * to sign in, remembering the page), and a newly signed-in user's saved language is applied.
 */
export function Root() {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  const { data: session } = useSession();
  const appliedFor = useRef<string | null>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      markSessionExpired();
      forgetSession(queryClient);
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  const user = session?.user ?? null;
  useEffect(() => {
    if (!user) {
      appliedFor.current = null;
      return;
    }
    if (appliedFor.current === user.id) return;
    appliedFor.current = user.id;
    if (i18n.language !== user.locale) void i18n.changeLanguage(user.locale);
  }, [user, i18n]);

  return <Outlet />;
}
