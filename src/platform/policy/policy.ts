import { ADMINISTRATIVE_ACTIONS, type Action, isAction, type Scope, SCOPE_WIDTH, SCOPES } from './actions.js';

/**
 * The single access-policy engine. Permissions are data (role → action → scope); the engine compiles
 * them twice: into a one-record check (`can`) and into a parameterised SQL condition (`sqlFilter`),
 * so a list never shows what the detail view would refuse. Pure: no I/O.
 */
export type Grant = { action: Action; scope: Scope };

export type Subject = {
  userId: string;
  organisationId: string;
  roles: readonly string[];
  grants: readonly Grant[];
};

/** The attributes of a resource the policy looks at. */
export type Resource = { organisationId?: string | null; userId?: string | null };

export type PermissionRow = { role_code: string; action: string; scope: string };

/** Validates permission rows from the database; an unknown action or scope stops the start. */
export function parsePermissionRows(rows: readonly PermissionRow[]): Map<string, Grant[]> {
  const byRole = new Map<string, Grant[]>();
  for (const row of rows) {
    if (!isAction(row.action)) throw new Error(`role_permissions: unknown action "${row.action}" for role ${row.role_code}`);
    if (!(SCOPES as readonly string[]).includes(row.scope)) {
      throw new Error(`role_permissions: unknown scope "${row.scope}" for role ${row.role_code}`);
    }
    const list = byRole.get(row.role_code) ?? [];
    list.push({ action: row.action, scope: row.scope as Scope });
    byRole.set(row.role_code, list);
  }
  return byRole;
}

export function grantsForRoles(roles: readonly string[], byRole: Map<string, Grant[]>): Grant[] {
  const seen = new Set<string>();
  const out: Grant[] = [];
  for (const role of roles) {
    for (const g of byRole.get(role) ?? []) {
      const key = `${g.action}:${g.scope}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(g);
      }
    }
  }
  return out;
}

function scopeHolds(subject: Subject, scope: Scope, resource: Resource): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'organisation':
      return resource.organisationId != null && resource.organisationId === subject.organisationId;
    case 'self':
      return resource.userId != null && resource.userId === subject.userId;
  }
}

/** Has the subject this action at any scope? (the route-level gate) */
export function hasAction(subject: Subject, action: Action): boolean {
  return subject.grants.some((g) => g.action === action);
}

/** May the subject perform `action` on this resource? Any grant whose scope condition holds allows. */
export function can(subject: Subject, action: Action, resource: Resource): boolean {
  return subject.grants.some((g) => g.action === action && scopeHolds(subject, g.scope, resource));
}

/**
 * The same rules as `can`, as a SQL condition over a table's columns. Parameters are appended to
 * `params` and referenced by position; nothing is pasted into the SQL text.
 */
export function sqlFilter(
  subject: Subject,
  action: Action,
  columns: { organisationId?: string; userId?: string },
  params: unknown[],
): string {
  const grants = subject.grants.filter((g) => g.action === action);
  // Checked first: a narrower grant listed before it must not leave parameters behind.
  if (grants.some((g) => g.scope === 'all')) return 'TRUE';
  const clauses: string[] = [];
  for (const g of grants) {
    if (g.scope === 'organisation' && columns.organisationId) {
      params.push(subject.organisationId);
      clauses.push(`${columns.organisationId} = $${params.length}`);
    }
    if (g.scope === 'self' && columns.userId) {
      params.push(subject.userId);
      clauses.push(`${columns.userId} = $${params.length}`);
    }
  }
  return clauses.length ? `(${clauses.join(' OR ')})` : 'FALSE';
}

/** May the subject give a role with these grants to someone? (see ADMINISTRATIVE_ACTIONS) */
export function canAssignRole(subject: Subject, roleGrants: readonly Grant[]): boolean {
  return roleGrants.every(
    (g) =>
      !ADMINISTRATIVE_ACTIONS.has(g.action) ||
      subject.grants.some((own) => own.action === g.action && SCOPE_WIDTH[own.scope] >= SCOPE_WIDTH[g.scope]),
  );
}

/**
 * May the subject manage this user account? The account must be in scope of user.manage, and the
 * subject must be able to assign every role the account holds (no takeover of a wider account).
 */
export function canManageUser(
  subject: Subject,
  target: { userId: string; organisationId: string; roles: readonly string[] },
  grantsByRole: Map<string, Grant[]>,
): boolean {
  if (!can(subject, 'user.manage', { organisationId: target.organisationId, userId: target.userId })) return false;
  return target.roles.every((r) => canAssignRole(subject, grantsByRole.get(r) ?? []));
}
