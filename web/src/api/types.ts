/** Response shapes of the OpenNRM API (/api/v1), as the web app uses them. */

export type Locale = 'uk' | 'en';
export type Scope = 'all' | 'organisation' | 'self';

export type Permission = { action: string; scope: Scope };

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
  roles: string[];
  locale: Locale;
  mfaEnrolled: boolean;
  mustChangePassword: boolean;
};

export type Session = {
  authenticated: boolean;
  mfaPending: boolean;
  csrfToken: string | null;
  user: SessionUser | null;
  permissions: Permission[];
  idleTimeoutMinutes: number;
};

export type Page<T> = { items: T[]; nextCursor: string | null };
export type Items<T> = { items: T[] };

export type Enrolment = { secret: string; otpauthUri: string; qrSvg: string };

export type UnitRef = { code: string; nameUk: string; nameEn: string; labelUk: string; labelEn: string; category: string };

export type Organisation = {
  id: string;
  nameUk: string;
  nameEn: string;
  typeCode: string;
  active: boolean;
  contacts: { phone?: string; email?: string; address?: string; website?: string };
  jurisdiction: UnitRef[];
  userCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type OrganisationType = { code: string; nameUk: string; nameEn: string };

export type User = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  organisationId: string;
  organisationNameUk: string;
  organisationNameEn: string;
  roles: string[];
  active: boolean;
  locale: Locale;
  mfaEnrolled: boolean;
  locked: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  mustChangePassword: boolean;
  version: number;
  createdAt: string;
};

export type Role = { code: string; nameUk: string; nameEn: string; mfaRequired: boolean; permissions: Permission[] };

export type UnitCategory = 'O' | 'K' | 'P' | 'H' | 'M' | 'T' | 'X' | 'C' | 'B';

export type Unit = {
  code: string;
  category: UnitCategory;
  level: number;
  parentCode: string | null;
  nameUk: string;
  nameEn: string;
  labelUk: string;
  labelEn: string;
  validFrom: string;
  validTo: string | null;
  hasChildren: boolean;
};

export type UnitWithPath = Unit & { path: Unit[] };

export type AuditEvent = {
  id: number;
  occurredAt: string;
  userId: string | null;
  username: string | null;
  organisationId: string | null;
  organisationNameUk: string | null;
  organisationNameEn: string | null;
  role: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  reason: string | null;
  requestId: string | null;
  clientIp: string | null;
  details: Record<string, unknown>;
};

export type HomeData = {
  displayName: string;
  organisation: { id: string; nameUk: string; nameEn: string; typeCode: string };
  roles: { code: string; nameUk: string; nameEn: string }[];
  lastSignIn: { at: string; clientIp: string | null } | null;
  failedSignInsSinceLast: number;
  widgets: { key: string; value: number }[];
};
