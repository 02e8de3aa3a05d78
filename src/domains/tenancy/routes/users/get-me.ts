import { defineRoute, json } from '../../../../core/http/route.js';
import { userService } from '../../services/index.js';
import { MeSchema } from './schemas.js';

export const getMeRoute = defineRoute({
  method: 'GET',
  path: '/me',
  operationId: 'getMe',
  summary: 'Who am I',
  description: 'The caller, their effective roles and permissions, and their membership in the current tenant (null when they have none). The first call activates an invited membership.',
  tags: ['users'],
  tenant: 'optional',
  permission: 'me:read',
  responses: { 200: { description: 'The caller.', schema: MeSchema } },
  handler: async ({ ctx, runtime }) => json(200, await userService(runtime).me(ctx)),
});
