import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client';
import type { Permission, Scope, Session } from '../../api/types';
import { rememberSessionsEnded } from './navigation';

export const SESSION_KEY = ['session'] as const;

export const ANONYMOUS_SESSION: Session = {
  authenticated: false,
  mfaPending: false,
  csrfToken: null,
  user: null,
  permissions: [],
  idleTimeoutMinutes: 15,
};

export async function fetchSession(): Promise<Session> {
  const session = await api<Session>('/auth/session', { redirectOn401: false });
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: 2 });
}

/** Re-reads the session after sign-in (new cookie, new CSRF token, new permissions). */
export async function reloadSession(queryClient: QueryClient): Promise<Session> {
  return queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 0 });
}

/** The session ended on the server (expiry, sign-out elsewhere): forget everything cached. */
export function forgetSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, ANONYMOUS_SESSION);
}

/**
 * Signing out reloads the page on the sign-in screen: nothing read while signed in stays in memory.
 */
export async function signOut(everywhere = false): Promise<void> {
  try {
    if (everywhere) {
      const r = await api<{ ok: true; sessionsEnded: number }>('/auth/logout-everywhere', { method: 'POST', redirectOn401: false });
      rememberSessionsEnded(r.sessionsEnded);
    } else {
      await api('/auth/logout', { method: 'POST', redirectOn401: false });
    }
  } finally {
    setCsrfToken(null);
    window.location.assign('/login');
  }
}

const SCOPE_WIDTH: Record<Scope, number> = { self: 0, organisation: 1, all: 2 };

/** The widest scope at which the permissions allow an action, or null. */
export function widestScope(permissions: readonly Permission[], action: string): Scope | null {
  let best: Scope | null = null;
  for (const p of permissions) {
    if (p.action !== action) continue;
    if (best === null || SCOPE_WIDTH[p.scope] > SCOPE_WIDTH[best]) best = p.scope;
  }
  return best;
}

/** Administrative actions: a role carrying one may be given only by someone holding it as widely (as the server rules). */
const ADMINISTRATIVE_ACTIONS = new Set(['organisation.manage', 'user.read', 'user.manage', 'role.manage', 'audit.read', 'audit.export']);

export function canAssignRole(own: readonly Permission[], roleGrants: readonly Permission[]): boolean {
  return roleGrants.every(
    (g) => !ADMINISTRATIVE_ACTIONS.has(g.action) || own.some((p) => p.action === g.action && SCOPE_WIDTH[p.scope] >= SCOPE_WIDTH[g.scope]),
  );
}

export type Access = {
  has: (action: string) => boolean;
  scope: (action: string) => Scope | null;
  /** At a scope wider than "self": lists of other people's records make sense. */
  beyondSelf: (action: string) => boolean;
  /** May act on a record of this organisation? */
  inOrganisation: (action: string, organisationId: string | null | undefined) => boolean;
};

export function accessFor(session: Session | undefined): Access {
  const permissions = session?.permissions ?? [];
  const orgId = session?.user?.organisationId ?? null;
  const scope = (action: string) => widestScope(permissions, action);
  return {
    has: (action) => scope(action) !== null,
    scope,
    beyondSelf: (action) => {
      const s = scope(action);
      return s === 'all' || s === 'organisation';
    },
    inOrganisation: (action, organisationId) => {
      const s = scope(action);
      return s === 'all' || (s === 'organisation' && organisationId != null && organisationId === orgId);
    },
  };
}

export function useAccess(): Access {
  const { data } = useSession();
  return accessFor(data);
}
