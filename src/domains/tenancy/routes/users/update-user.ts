import { defineRoute, resource } from '../../../../core/http/route.js';
import { UserSchema } from '../../models/user.js';
import { userService } from '../../services/index.js';
import { UpdateUserBody, UserParams } from './schemas.js';

export const updateUserRoute = defineRoute({
  method: 'PATCH',
  path: '/users/{userId}',
  operationId: 'updateUser',
  summary: 'Update a user',
  description: 'Name, email, roles, or status (active / disabled). Send If-Match with the ETag you read: a stale one is 412.',
  tags: ['users'],
  permission: 'users:update',
  params: UserParams,
  body: UpdateUserBody,
  responses: { 200: { description: 'The updated user.', schema: UserSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, await userService(runtime).update(ctx, params.userId, body, ifMatch)),
});
