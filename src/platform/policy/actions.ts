/**
 * Every action the policy engine knows. Role → permission rows in the database must name one of
 * these; start-up fails otherwise. Later capabilities add theirs here.
 */
export const ACTIONS = {
  'home.read': 'See the home page',
  'geography.read': 'Browse administrative units',
  'organisation.read': 'See the organisation directory',
  'organisation.manage': 'Create and edit organisations',
  'user.read': 'See user accounts',
  'user.manage': 'Create and edit user accounts, reset passwords, unlock',
  'role.read': 'See roles and their permissions',
  'role.manage': 'Change role settings (second factor requirement)',
  'audit.read': 'Read the audit trail',
  'audit.export': 'Export the audit trail',
  'profile.manage': 'Manage one\u2019s own password, second factor and language',
} as const;

export type Action = keyof typeof ACTIONS;
export type Scope = 'all' | 'organisation' | 'self';
export const SCOPES: readonly Scope[] = ['all', 'organisation', 'self'];

export function isAction(value: string): value is Action {
  return Object.hasOwn(ACTIONS, value);
}

/**
 * Administrative actions: a role carrying one of these may be given (and a holder of it managed) only by
 * someone who has the same action at the same or a wider scope, so an organisation administrator cannot
 * create a system administrator or take over a more privileged account.
 */
export const ADMINISTRATIVE_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'organisation.manage',
  'user.read',
  'user.manage',
  'role.manage',
  'audit.read',
  'audit.export',
]);

/** all ⊃ organisation ⊃ self */
export const SCOPE_WIDTH: Record<Scope, number> = { self: 0, organisation: 1, all: 2 };
