import type { ModuleRoutes } from '../../platform/http/app.js';
import { organisationRoutes } from './organisations.js';
import { roleRoutes } from './roles.js';
import { userRoutes } from './users.js';

export const directoryRoutes: ModuleRoutes = async (app, ctx) => {
  await organisationRoutes(app, ctx);
  await userRoutes(app, ctx);
  await roleRoutes(app, ctx);
};
