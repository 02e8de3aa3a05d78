import { defineRoute, resource } from '../../../../core/http/route.js';
import { UserSchema } from '../../models/user.js';
import { userService } from '../../services/index.js';
import { UserParams } from './schemas.js';

export const getUserRoute = defineRoute({
  method: 'GET',
  path: '/users/{userId}',
  operationId: 'getUser',
  summary: 'Get a user',
  tags: ['users'],
  permission: 'users:read',
  params: UserParams,
  responses: { 200: { description: 'The user, with its ETag.', schema: UserSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, await userService(runtime).get(ctx, params.userId)),
});
