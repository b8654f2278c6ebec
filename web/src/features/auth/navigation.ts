/** Where to go after signing in: only a path on this site, never back to the sign-in page. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/change-password')) return '/';
  return next;
}

export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  return here === '/' || here === '' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

const EXPIRED_FLAG = 'opennrm.sessionExpired';

export function markSessionExpired(): void {
  try {
    sessionStorage.setItem(EXPIRED_FLAG, '1');
  } catch {
    /* storage unavailable: the notice is skipped */
  }
}

export function peekSessionExpired(): boolean {
  try {
    return sessionStorage.getItem(EXPIRED_FLAG) === '1';
  } catch {
    return false;
  }
}

const ENDED_FLAG = 'opennrm.sessionsEnded';

/** After "sign out everywhere" the sign-in page says how many sessions were ended. */
export function rememberSessionsEnded(count: number): void {
  try {
    sessionStorage.setItem(ENDED_FLAG, String(count));
  } catch {
    /* storage unavailable: the notice is skipped */
  }
}

export function peekSessionsEnded(): number | null {
  try {
    const v = sessionStorage.getItem(ENDED_FLAG);
    return v === null ? null : Number(v);
  } catch {
    return null;
  }
}

/** The notices are shown once. */
export function clearSignInNotices(): void {
  try {
    sessionStorage.removeItem(EXPIRED_FLAG);
    sessionStorage.removeItem(ENDED_FLAG);
  } catch {
    /* storage unavailable */
  }
}
