/** Feature-flag definitions (platform admins) and their evaluation for the caller. */
import { defineRoute, json, resource } from '../../../../core/http/route.js';
import { FlagDefinitionSchema } from '../../models/flag.js';
import { flagService } from '../../services/index.js';
import { CreateFlagBody, EvaluateAll, FlagPage, FlagParams, PageQuery, UpdateFlagBody } from './schemas.js';

const tags = ['flags'];

export const evaluateFlagsRoute = defineRoute({
  method: 'GET',
  path: '/flags/evaluate',
  operationId: 'evaluateFlags',
  summary: 'Every flag, evaluated for the caller',
  description: 'One call for a front end: value, variant and reason (STATIC, DEFAULT, TARGETING_MATCH, SPLIT, DISABLED, ERROR) of every flag in the caller\'s tenant.',
  tags,
  tenant: 'optional',
  permission: 'flags:evaluate',
  responses: { 200: { description: 'Each flag\'s value for the caller.', schema: EvaluateAll } },
  handler: async ({ ctx, runtime }) => json(200, { flags: await flagService(runtime).evaluateAll(ctx) }),
});

export const createFlagRoute = defineRoute({
  method: 'POST',
  path: '/flags',
  operationId: 'createFlag',
  summary: 'Define a flag',
  description: 'Platform admins. The default and every variant must be of the flag\'s type (422 flag_type_mismatch).',
  tags,
  tenant: 'optional',
  permission: 'flags:create',
  body: CreateFlagBody,
  responses: { 201: { description: 'The definition.', schema: FlagDefinitionSchema } },
  handler: async ({ ctx, body, runtime }) => {
    const flag = await flagService(runtime).createDefinition(ctx, body);
    return resource(201, flag, { location: `/flags/${flag.key}` });
  },
});

export const listFlagsRoute = defineRoute({
  method: 'GET',
  path: '/flags',
  operationId: 'listFlags',
  summary: 'List flag definitions',
  tags,
  tenant: 'optional',
  permission: 'flags:read',
  query: PageQuery,
  responses: { 200: { description: 'One page of definitions, by key.', schema: FlagPage } },
  handler: async ({ ctx, query, runtime }) => json(200, await flagService(runtime).listDefinitions(ctx, query)),
});

export const getFlagRoute = defineRoute({
  method: 'GET',
  path: '/flags/{key}',
  operationId: 'getFlag',
  summary: 'Get a flag definition',
  tags,
  tenant: 'optional',
  permission: 'flags:read',
  params: FlagParams,
  responses: { 200: { description: 'The definition.', schema: FlagDefinitionSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, await flagService(runtime).getDefinition(ctx, params.key)),
});

export const updateFlagRoute = defineRoute({
  method: 'PATCH',
  path: '/flags/{key}',
  operationId: 'updateFlag',
  summary: 'Change a flag definition',
  description: 'Default, description, variants, or enabled (off answers the default with reason DISABLED everywhere). The type cannot change.',
  tags,
  tenant: 'optional',
  permission: 'flags:update',
  params: FlagParams,
  body: UpdateFlagBody,
  responses: { 200: { description: 'The definition.', schema: FlagDefinitionSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, await flagService(runtime).updateDefinition(ctx, params.key, body, ifMatch)),
});

export const deleteFlagRoute = defineRoute({
  method: 'DELETE',
  path: '/flags/{key}',
  operationId: 'deleteFlag',
  summary: 'Delete a flag definition',
  description: 'Evaluations then answer ERROR with FLAG_NOT_FOUND; tenants\' overrides of it are ignored.',
  tags,
  tenant: 'optional',
  permission: 'flags:delete',
  params: FlagParams,
  responses: { 204: { description: 'Deleted.' } },
  handler: async ({ ctx, params, ifMatch, runtime }) => {
    await flagService(runtime).deleteDefinition(ctx, params.key, ifMatch);
    return { status: 204 };
  },
});
