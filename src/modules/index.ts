import type { ModuleRoutes } from '../platform/http/app.js';
import { authRoutes } from '../platform/auth/routes.js';
import { auditRoutes } from '../platform/audit/routes.js';
import { directoryRoutes } from './directory/routes.js';
import { geographyRoutes } from './geography/routes.js';
import { homeRoutes } from './home/routes.js';

/** Every capability's routes, in one list. A new module adds one line here. */
export const moduleRoutes: ModuleRoutes[] = [authRoutes, auditRoutes, directoryRoutes, geographyRoutes, homeRoutes];
