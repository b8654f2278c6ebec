import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, type Action, type Scope, SCOPES } from './actions.js';
import {
  can,
  canAssignRole,
  canManageUser,
  type Grant,
  grantsForRoles,
  hasAction,
  parsePermissionRows,
  type Subject,
  sqlFilter,
} from './policy.js';

const ORG_A = '00000000-0000-4000-a000-00000000000a';
const ORG_B = '00000000-0000-4000-a000-00000000000b';
const USER_1 = '00000000-0000-4000-a000-000000000001';
const USER_2 = '00000000-0000-4000-a000-000000000002';
const ACTION_LIST = Object.keys(ACTIONS) as Action[];

/** Every combination of owning organisation and user the rules look at, including none. */
const ROWS = [ORG_A, ORG_B, null].flatMap((organisationId) =>
  [USER_1, USER_2, null].map((userId) => ({ organisationId, userId })),
).map((r, i) => ({ id: i + 1, ...r }));

const grantArb: fc.Arbitrary<Grant> = fc.record({ action: fc.constantFrom(...ACTION_LIST), scope: fc.constantFrom(...SCOPES) });
const subjectArb: fc.Arbitrary<Subject> = fc.record({
  userId: fc.constantFrom(USER_1, USER_2),
  organisationId: fc.constantFrom(ORG_A, ORG_B),
  roles: fc.constant(['generated']),
  grants: fc.array(grantArb, { maxLength: 6 }),
});

let pg: PGlite;
beforeAll(async () => {
  pg = await PGlite.create();
  await pg.exec('CREATE TABLE resources (id int PRIMARY KEY, organisation_id uuid, user_id uuid)');
  for (const r of ROWS) {
    await pg.query('INSERT INTO resources VALUES ($1, $2, $3)', [r.id, r.organisationId, r.userId]);
  }
}, 60_000);
afterAll(async () => pg?.close());

async function idsMatching(where: string, params: unknown[]): Promise<number[]> {
  const r = await pg.query<{ id: number }>(`SELECT id FROM resources WHERE ${where} ORDER BY id`, params);
  return r.rows.map((x) => x.id);
}

describe('policy engine: can and sqlFilter are the same rules', () => {
  it('a SQL filter over organisation and user columns selects exactly the rows can() allows', async () => {
    await fc.assert(
      fc.asyncProperty(subjectArb, fc.constantFrom(...ACTION_LIST), async (subject, action) => {
        const params: unknown[] = [];
        const where = sqlFilter(subject, action, { organisationId: 'organisation_id', userId: 'user_id' }, params);
        const allowed = ROWS.filter((r) => can(subject, action, r)).map((r) => r.id);
        expect(await idsMatching(where, params)).toEqual(allowed);
      }),
      { numRuns: 250 },
    );
  });

  it('agrees too when a table has only an organisation column (self scope cannot apply)', async () => {
    await fc.assert(
      fc.asyncProperty(subjectArb, fc.constantFrom(...ACTION_LIST), async (subject, action) => {
        const params: unknown[] = [];
        const where = sqlFilter(subject, action, { organisationId: 'organisation_id' }, params);
        const allowed = ROWS.filter((r) => can(subject, action, { organisationId: r.organisationId })).map((r) => r.id);
        expect(await idsMatching(where, params)).toEqual(allowed);
      }),
      { numRuns: 150 },
    );
  });

  it('never pastes a value into the SQL text; placeholders continue the caller\u2019s numbering', () => {
    fc.assert(
      fc.property(subjectArb, fc.constantFrom(...ACTION_LIST), fc.array(fc.string(), { maxLength: 3 }), (subject, action, existing) => {
        const params: unknown[] = [...existing];
        const where = sqlFilter(subject, action, { organisationId: 'o.organisation_id', userId: 'o.user_id' }, params);
        expect(where).not.toContain(subject.organisationId);
        expect(where).not.toContain(subject.userId);
        const placeholders = [...where.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
        expect(placeholders.every((n) => n > existing.length && n <= params.length)).toBe(true);
        expect(new Set(placeholders).size).toBe(params.length - existing.length);
      }),
    );
  });

  it('a wide grant after a narrow one (two roles) still gives a runnable filter with no stray parameters', async () => {
    // e.g. a user holding org_admin (user.read: organisation) and system_admin (user.read: all)
    const subject: Subject = {
      userId: USER_1,
      organisationId: ORG_A,
      roles: ['org_admin', 'system_admin'],
      grants: [
        { action: 'user.read', scope: 'organisation' },
        { action: 'user.read', scope: 'self' },
        { action: 'user.read', scope: 'all' },
      ],
    };
    const params: unknown[] = [];
    const where = sqlFilter(subject, 'user.read', { organisationId: 'organisation_id', userId: 'user_id' }, params);
    expect(params).toHaveLength([...where.matchAll(/\$\d+/g)].length);
    expect(await idsMatching(where, params)).toEqual(ROWS.map((r) => r.id));
  });

  it('denies everything to a subject without grants', () => {
    const subject: Subject = { userId: USER_1, organisationId: ORG_A, roles: [], grants: [] };
    expect(sqlFilter(subject, 'user.read', { organisationId: 'organisation_id', userId: 'id' }, [])).toBe('FALSE');
    expect(can(subject, 'user.read', { organisationId: ORG_A, userId: USER_1 })).toBe(false);
    expect(hasAction(subject, 'home.read')).toBe(false);
  });
});

describe('hasAction', () => {
  it('is true exactly when some grant names the action, whatever its scope', () => {
    fc.assert(
      fc.property(subjectArb, fc.constantFrom(...ACTION_LIST), (subject, action) => {
        expect(hasAction(subject, action)).toBe(subject.grants.some((g) => g.action === action));
        // A route-level yes is necessary for any record-level yes.
        if (ROWS.some((r) => can(subject, action, r))) expect(hasAction(subject, action)).toBe(true);
      }),
    );
  });
});

describe('parsePermissionRows', () => {
  it('groups valid rows by role', () => {
    const byRole = parsePermissionRows([
      { role_code: 'org_admin', action: 'user.manage', scope: 'organisation' },
      { role_code: 'org_admin', action: 'home.read', scope: 'all' },
      { role_code: 'analyst', action: 'home.read', scope: 'all' },
    ]);
    expect(byRole.get('org_admin')).toEqual([
      { action: 'user.manage', scope: 'organisation' },
      { action: 'home.read', scope: 'all' },
    ]);
    expect(byRole.get('analyst')).toEqual([{ action: 'home.read', scope: 'all' }]);
  });

  it('refuses an unknown action, naming it and the role', () => {
    expect(() => parsePermissionRows([{ role_code: 'r1', action: 'case.delete_everything', scope: 'all' }])).toThrow(
      /unknown action "case\.delete_everything" for role r1/,
    );
    expect(() => parsePermissionRows([{ role_code: 'r1', action: 'toString', scope: 'all' }])).toThrow(/unknown action/);
  });

  it('refuses an unknown scope', () => {
    expect(() => parsePermissionRows([{ role_code: 'r2', action: 'home.read', scope: 'region' }])).toThrow(/unknown scope "region" for role r2/);
    expect(() => parsePermissionRows([{ role_code: 'r2', action: 'home.read', scope: 'ALL' }])).toThrow(/unknown scope/);
  });

  it('accepts every known action with every scope', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ role_code: fc.constantFrom('a', 'b'), action: fc.constantFrom(...ACTION_LIST), scope: fc.constantFrom(...SCOPES) })), (rows) => {
        const byRole = parsePermissionRows(rows);
        expect([...byRole.values()].flat()).toHaveLength(rows.length);
      }),
    );
  });
});

describe('grantsForRoles', () => {
  it('unites the grants of all roles without duplicates and ignores unknown roles', () => {
    const byRole = new Map<string, Grant[]>([
      ['a', [{ action: 'home.read', scope: 'all' }, { action: 'user.read', scope: 'organisation' }]],
      ['b', [{ action: 'home.read', scope: 'all' }, { action: 'user.read', scope: 'all' }]],
    ]);
    expect(grantsForRoles(['a', 'b', 'nope'], byRole)).toEqual([
      { action: 'home.read', scope: 'all' },
      { action: 'user.read', scope: 'organisation' },
      { action: 'user.read', scope: 'all' },
    ]);
    expect(grantsForRoles([], byRole)).toEqual([]);
  });
});

describe('administration cannot climb', () => {
  const g = (action: Action, scope: Scope): Grant => ({ action, scope });
  const grantsByRole = new Map<string, Grant[]>([
    ['system_admin', [g('user.manage', 'all'), g('user.read', 'all'), g('audit.read', 'all'), g('home.read', 'all')]],
    ['org_admin', [g('user.manage', 'organisation'), g('user.read', 'organisation'), g('home.read', 'all')]],
    ['case_worker', [g('home.read', 'all'), g('profile.manage', 'self')]],
  ]);
  const orgAdmin: Subject = { userId: USER_1, organisationId: ORG_A, roles: ['org_admin'], grants: grantsByRole.get('org_admin')! };
  const sysAdmin: Subject = { userId: USER_2, organisationId: ORG_B, roles: ['system_admin'], grants: grantsByRole.get('system_admin')! };

  it('an organisation administrator may give ordinary roles but not wider administrative ones', () => {
    expect(canAssignRole(orgAdmin, grantsByRole.get('case_worker')!)).toBe(true);
    expect(canAssignRole(orgAdmin, grantsByRole.get('org_admin')!)).toBe(true);
    expect(canAssignRole(orgAdmin, grantsByRole.get('system_admin')!)).toBe(false);
    expect(canAssignRole(sysAdmin, grantsByRole.get('system_admin')!)).toBe(true);
  });

  it('an organisation administrator manages only ordinary accounts of their own organisation', () => {
    const colleague = { userId: USER_2, organisationId: ORG_A, roles: ['case_worker'] };
    expect(canManageUser(orgAdmin, colleague, grantsByRole)).toBe(true);
    expect(canManageUser(orgAdmin, { ...colleague, organisationId: ORG_B }, grantsByRole)).toBe(false);
    expect(canManageUser(orgAdmin, { ...colleague, roles: ['system_admin'] }, grantsByRole)).toBe(false);
    expect(canManageUser(sysAdmin, { ...colleague, organisationId: ORG_B }, grantsByRole)).toBe(true);
  });

  it('whoever may assign a role holds each of its administrative actions at least as widely', () => {
    fc.assert(
      fc.property(subjectArb, fc.array(grantArb, { maxLength: 5 }), (subject, roleGrants) => {
        const widths = { self: 0, organisation: 1, all: 2 } as const;
        if (canAssignRole(subject, roleGrants)) {
          for (const rg of roleGrants) {
            if (!['organisation.manage', 'user.read', 'user.manage', 'role.manage', 'audit.read', 'audit.export'].includes(rg.action)) continue;
            expect(subject.grants.some((own) => own.action === rg.action && widths[own.scope] >= widths[rg.scope])).toBe(true);
          }
        }
      }),
    );
  });
});
