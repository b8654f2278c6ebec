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
