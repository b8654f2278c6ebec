import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Locale, Session } from '../api/types';
import { SESSION_KEY, useSession } from '../features/auth/session';

/** Changes the interface language; when signed in, the choice is saved on the account. */
export function useChangeLanguage() {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const signedIn = Boolean(session?.authenticated);
  return useCallback(
    async (locale: Locale) => {
      await i18n.changeLanguage(locale);
      if (!signedIn) return;
      await api('/profile/locale', { method: 'PUT', body: { locale } });
      queryClient.setQueryData<Session>(SESSION_KEY, (s) => (s?.user ? { ...s, user: { ...s.user, locale } } : s));
    },
    [i18n, queryClient, signedIn],
  );
}
