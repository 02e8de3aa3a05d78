import { defineRoute, resource } from '../../../../core/http/route.js';
import { UserSchema } from '../../models/user.js';
import { userService } from '../../services/index.js';
import { UserParams } from './schemas.js';

export const deleteUserRoute = defineRoute({
  method: 'DELETE',
  path: '/users/{userId}',
  operationId: 'deleteUser',
  summary: 'Disable a user',
  description: 'The membership is disabled, not erased: its record and history stay, and the person loses access at once.',
  tags: ['users'],
  permission: 'users:delete',
  params: UserParams,
  responses: { 200: { description: 'The disabled user.', schema: UserSchema } },
  handler: async ({ ctx, params, ifMatch, runtime }) => resource(200, await userService(runtime).disable(ctx, params.userId, ifMatch)),
});
