import { defineRoute, resource } from '../../../../core/http/route.js';
import { UserSchema } from '../../models/user.js';
import { userService } from '../../services/index.js';
import { CreateUserBody } from './schemas.js';

export const createUserRoute = defineRoute({
  method: 'POST',
  path: '/users',
  operationId: 'createUser',
  summary: 'Add a user to the tenant',
  description: 'Creates a membership (status `invited` until the person first signs in). The email is unique within the tenant (409). `id` is the person\'s identity subject when known. Accepts Idempotency-Key.',
  tags: ['users'],
  permission: 'users:create',
  body: CreateUserBody,
  responses: { 201: { description: 'The new membership.', schema: UserSchema } },
  handler: async ({ ctx, body, runtime }) => {
    const user = await userService(runtime).create(ctx, body);
    return resource(201, user, { location: `/users/${encodeURIComponent(user.id)}` });
  },
});
