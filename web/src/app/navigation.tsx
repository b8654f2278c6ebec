import type { ComponentType } from 'react';
import {
  IconBuildingCommunity,
  IconHome,
  IconListSearch,
  IconMapPin,
  IconShieldLock,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import type { Access } from '../features/auth/session';

export type NavItem = {
  to: string;
  labelKey: string;
  descriptionKey: string;
  icon: ComponentType<{ size?: number | string; stroke?: number; 'aria-hidden'?: boolean }>;
  visible: (access: Access) => boolean;
};

/** The sections that exist, each shown only to those whose permissions allow it. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/', labelKey: 'nav.home', descriptionKey: 'nav.homeDescription', icon: IconHome, visible: (a) => a.has('home.read') },
  {
    to: '/organisations',
    labelKey: 'nav.organisations',
    descriptionKey: 'nav.organisationsDescription',
    icon: IconBuildingCommunity,
    visible: (a) => a.has('organisation.read'),
  },
  { to: '/users', labelKey: 'nav.users', descriptionKey: 'nav.usersDescription', icon: IconUsers, visible: (a) => a.beyondSelf('user.read') },
  { to: '/roles', labelKey: 'nav.roles', descriptionKey: 'nav.rolesDescription', icon: IconShieldLock, visible: (a) => a.has('role.read') },
  { to: '/geography', labelKey: 'nav.geography', descriptionKey: 'nav.geographyDescription', icon: IconMapPin, visible: (a) => a.has('geography.read') },
  { to: '/audit', labelKey: 'nav.audit', descriptionKey: 'nav.auditDescription', icon: IconListSearch, visible: (a) => a.has('audit.read') },
  { to: '/profile', labelKey: 'nav.profile', descriptionKey: 'nav.profileDescription', icon: IconUserCircle, visible: (a) => a.has('profile.manage') },
];

export function isActive(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}
