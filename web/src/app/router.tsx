import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoginPage } from '../features/auth/LoginPage';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { AppLayout } from './AppLayout';
import { RequireAuth, RequirePermission } from './guards';
import { NotFoundPage } from './NotFoundPage';
import { Root } from './Root';
import { RouteError } from './RouteError';

// Screens load on demand: the first visit on a slow connection fetches only the shell and the sign-in page.
const HomePage = lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage })));
const OrganisationsPage = lazy(() => import('../features/directory/organisations/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })));
const OrganisationPage = lazy(() => import('../features/directory/organisations/OrganisationPage').then((m) => ({ default: m.OrganisationPage })));
const OrganisationCreatePage = lazy(() =>
  import('../features/directory/organisations/OrganisationPage').then((m) => ({ default: m.OrganisationCreatePage })),
);
const UsersPage = lazy(() => import('../features/directory/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const UserPage = lazy(() => import('../features/directory/users/UserPage').then((m) => ({ default: m.UserPage })));
const UserCreatePage = lazy(() => import('../features/directory/users/UserCreatePage').then((m) => ({ default: m.UserCreatePage })));
const RolesPage = lazy(() => import('../features/directory/roles/RolesPage').then((m) => ({ default: m.RolesPage })));
const GeographyPage = lazy(() => import('../features/geography/GeographyPage').then((m) => ({ default: m.GeographyPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const ProfilePage = lazy(() => import('../features/profile/ProfilePage').then((m) => ({ default: m.ProfilePage })));

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/change-password',
        element: (
          <RequireAuth passwordChange>
            <ChangePasswordPage />
          </RequireAuth>
        ),
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        errorElement: <RouteError />,
        children: [
          { index: true, element: <RequirePermission allowed={(a) => a.has('home.read')}><HomePage /></RequirePermission> },
          {
            path: 'organisations',
            children: [
              { index: true, element: <RequirePermission allowed={(a) => a.has('organisation.read')}><OrganisationsPage /></RequirePermission> },
              {
                path: 'new',
                element: (
                  <RequirePermission allowed={(a) => a.scope('organisation.manage') === 'all'}>
                    <OrganisationCreatePage />
                  </RequirePermission>
                ),
              },
              { path: ':id', element: <RequirePermission allowed={(a) => a.has('organisation.read')}><OrganisationPage /></RequirePermission> },
            ],
          },
          {
            path: 'users',
            children: [
              { index: true, element: <RequirePermission allowed={(a) => a.beyondSelf('user.read')}><UsersPage /></RequirePermission> },
              { path: 'new', element: <RequirePermission allowed={(a) => a.has('user.manage')}><UserCreatePage /></RequirePermission> },
              { path: ':id', element: <RequirePermission allowed={(a) => a.has('user.read')}><UserPage /></RequirePermission> },
            ],
          },
          { path: 'roles', element: <RequirePermission allowed={(a) => a.has('role.read')}><RolesPage /></RequirePermission> },
          {
            path: 'geography',
            children: [
              { index: true, element: <RequirePermission allowed={(a) => a.has('geography.read')}><GeographyPage /></RequirePermission> },
              { path: ':code', element: <RequirePermission allowed={(a) => a.has('geography.read')}><GeographyPage /></RequirePermission> },
            ],
          },
          { path: 'audit', element: <RequirePermission allowed={(a) => a.has('audit.read')}><AuditPage /></RequirePermission> },
          { path: 'profile', element: <RequirePermission allowed={(a) => a.has('profile.manage')}><ProfilePage /></RequirePermission> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
