import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext, RouteAccess } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { hasAction } from '../policy/policy.js';
import { findSessionWithAccount } from './accounts.js';
import { deleteSession, SESSION_COOKIE, sessionAlive, tokensEqual, touchSession } from './sessions.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Reads the session cookie and fills req.auth (signed in) or req.pendingSession (second factor pending). */
export async function resolveRequestAuth(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return;
  const found = await findSessionWithAccount(ctx.db, token);
  if (!found) return;
  const { session, account } = found;
  const now = new Date();
  if (!sessionAlive(session, ctx.config.session, now)) {
    await deleteSession(ctx.db, session.token_hash);
    clearSessionCookie(reply);
    return;
  }
  if (session.mfa_pending) {
    req.pendingSession = session;
    await touchSession(ctx.db, session, now);
    return;
  }
  if (!account.active || !account.organisation_active) {
    await deleteSession(ctx.db, session.token_hash);
    clearSessionCookie(reply);
    return;
  }
  await touchSession(ctx.db, session, now);
  req.auth = {
    session,
    subject: {
      userId: session.user_id,
      organisationId: account.organisation_id,
      roles: account.roles,
      grants: await ctx.policy.grantsFor(account.roles),
    },
    username: account.username,
    displayName: account.display_name,
    locale: account.locale,
  };
  req.actor = {
    ...req.actor,
    userId: session.user_id,
    organisationId: account.organisation_id,
    role: account.roles.join(','),
  };
}

/** Applies the route's declared access rule and the CSRF check. */
export async function enforceRouteAccess(ctx: AppContext, req: FastifyRequest, access: RouteAccess): Promise<void> {
  if ('public' in access) {
    checkOrigin(req);
    return;
  }
  if ('pending' in access) {
    checkOrigin(req);
    if (!req.pendingSession) throw new AppError('unauthenticated', 'Sign in with your password first');
    return;
  }
  if (!req.auth) throw new AppError('unauthenticated');
  if (STATE_CHANGING.has(req.method)) {
    const given = req.headers['x-csrf-token'];
    if (typeof given !== 'string' || !tokensEqual(given, req.auth.session.csrf_token)) {
      await ctx.audit.record(req.actor, {
        action: 'security.csrf_rejected',
        outcome: 'denied',
        details: { route: req.routeOptions.url, method: req.method },
      });
      throw new AppError('csrf');
    }
  }
  if (!hasAction(req.auth.subject, access.permission)) {
    await ctx.audit.record(req.actor, {
      action: 'access.denied',
      outcome: 'denied',
      details: { permission: access.permission, route: req.routeOptions.url, method: req.method },
    });
    throw new AppError('forbidden');
  }
}

/**
 * Requests without a session (login, second factor) carry no CSRF token; a cross-site form cannot send
 * JSON, and when the browser states an Origin it must be ours.
 */
function checkOrigin(req: FastifyRequest): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const origin = req.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('csrf', 'Cross-origin request refused');
  }
  if (host !== req.headers.host) throw new AppError('csrf', 'Cross-origin request refused');
}

export function sessionCookieOptions(req: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: req.protocol === 'https',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
