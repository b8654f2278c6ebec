import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/db.js';
import type { AuditActor, AuditLog } from '../audit/audit-log.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { PolicyStore } from '../policy/policy-store.js';
import type { Action } from '../policy/actions.js';
import type { Subject } from '../policy/policy.js';
import type { SessionRow } from '../auth/sessions.js';

/** Everything a module needs from the platform, passed explicitly (no globals). */
export type AppContext = {
  config: AppConfig;
  db: Database;
  audit: AuditLog;
  masterKey: Buffer;
  passwords: PasswordHasher;
  policy: PolicyStore;
  log: FastifyBaseLogger;
};

/** Who is calling, resolved from the session cookie before any handler runs. */
export type RequestAuth = {
  session: SessionRow;
  subject: Subject;
  username: string;
  displayName: string;
  locale: 'uk' | 'en';
};

/**
 * Every /api route states who may call it: `public` (anyone), `pending` (a session that has passed the
 * password but not yet the second factor) or a permission. Start-up fails for a route that states none.
 */
export type RouteAccess = { public: true } | { pending: true } | { permission: Action };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
    pendingSession: SessionRow | null;
    actor: AuditActor;
  }
}
