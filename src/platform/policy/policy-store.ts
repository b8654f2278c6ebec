import type { Queryable } from '../db/db.js';
import { type Grant, grantsForRoles, parsePermissionRows, type PermissionRow } from './policy.js';

export type RoleInfo = { code: string; nameUk: string; nameEn: string; mfaRequired: boolean; position: number };

/**
 * Role → permission data from the database, cached briefly. Several app processes share the database,
 * so a change made in one is seen by the others within `ttlMs`; the process that made it sees it at once.
 */
export class PolicyStore {
  private loaded: { at: number; byRole: Map<string, Grant[]>; roles: Map<string, RoleInfo> } | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 10_000,
  ) {}

  /** Loads and validates; called at start-up so bad permission data stops the start. */
  async load(): Promise<void> {
    const [perms, roles] = await Promise.all([
      this.db.query<PermissionRow>('SELECT role_code, action, scope FROM role_permissions'),
      this.db.query<{ code: string; name_uk: string; name_en: string; mfa_required: boolean; position: number }>(
        'SELECT code, name_uk, name_en, mfa_required, position FROM roles ORDER BY position',
      ),
    ]);
    this.loaded = {
      at: Date.now(),
      byRole: parsePermissionRows(perms.rows),
      roles: new Map(
        roles.rows.map((r) => [
          r.code,
          { code: r.code, nameUk: r.name_uk, nameEn: r.name_en, mfaRequired: r.mfa_required, position: r.position },
        ]),
      ),
    };
  }

  invalidate(): void {
    this.loaded = null;
  }

  private async current() {
    if (!this.loaded || Date.now() - this.loaded.at > this.ttlMs) await this.load();
    return this.loaded!;
  }

  async grantsFor(roles: readonly string[]): Promise<Grant[]> {
    return grantsForRoles(roles, (await this.current()).byRole);
  }

  async roles(): Promise<RoleInfo[]> {
    return [...(await this.current()).roles.values()];
  }

  async grantsByRole(): Promise<Map<string, Grant[]>> {
    return (await this.current()).byRole;
  }

  /** Second factor is mandatory when any of the user's roles requires it. */
  async mfaRequired(roles: readonly string[]): Promise<boolean> {
    const all = (await this.current()).roles;
    return roles.some((r) => all.get(r)?.mfaRequired ?? true);
  }
}
