import { defineRoute, json } from '../../../../core/http/route.js';
import { userService } from '../../services/index.js';
import { ListUsersQuery, UserPage } from './schemas.js';

export const listUsersRoute = defineRoute({
  method: 'GET',
  path: '/users',
  operationId: 'listUsers',
  summary: 'List the tenant\'s users',
  description: 'Newest first. Filter by `status` (an index) and `role` (a filter: a page may hold fewer than `limit` items; follow `nextCursor`).',
  tags: ['users'],
  permission: 'users:read',
  query: ListUsersQuery,
  responses: { 200: { description: 'One page of users.', schema: UserPage } },
  handler: async ({ ctx, query, runtime }) => json(200, await userService(runtime).list(ctx, query)),
});
