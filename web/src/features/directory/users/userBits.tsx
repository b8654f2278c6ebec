import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Permission, Role, User } from '../../../api/types';
import { useFormat } from '../../../i18n/format';
import { canAssignRole } from '../../auth/session';

/** Active / inactive, locked, second factor missing, password change pending. */
export function UserStatusBadges({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge variant="light" color={user.active ? 'green' : 'gray'} radius="sm" tt="none">
        {user.active ? t('common.active') : t('common.inactive')}
      </Badge>
      {user.locked && (
        <Badge variant="light" color="red" radius="sm" tt="none">
          {t('users.locked')}
        </Badge>
      )}
      {!user.mfaEnrolled && (
        <Badge variant="light" color="orange" radius="sm" tt="none">
          {t('users.noMfa')}
        </Badge>
      )}
      {user.mustChangePassword && (
        <Badge variant="light" color="gray" radius="sm" tt="none">
          {t('users.mustChangePassword')}
        </Badge>
      )}
    </Group>
  );
}

export function RoleBadges({ codes, roles }: { codes: string[]; roles: Role[] | undefined }) {
  const fmt = useFormat();
  return (
    <Group gap={4}>
      {codes.map((c) => {
        const role = roles?.find((r) => r.code === c);
        return (
          <Badge key={c} variant="light" radius="sm" tt="none">
            {role ? fmt.name(role) : c}
          </Badge>
        );
      })}
    </Group>
  );
}

/** The roles this administrator may give (the server applies the same rule). */
export function assignableRoles(roles: Role[] | undefined, own: Permission[]): Role[] {
  return (roles ?? []).filter((r) => canAssignRole(own, r.permissions));
}
