/** A tenant's overrides of feature flags: a plain value, targeting rules, a sticky rollout. */
import { defineRoute, json, resource } from '../../../../core/http/route.js';
import { FlagOverrideSchema } from '../../models/flag.js';
import { flagService } from '../../services/index.js';
import { FlagParams, OverrideBody, OverridePage, PageQuery } from './schemas.js';

const tags = ['flags'];

export const putFlagOverrideRoute = defineRoute({
  method: 'PUT',
  path: '/flag-overrides/{key}',
  operationId: 'putFlagOverride',
  summary: 'Override a flag for this tenant',
  description: '`{ value }` for a plain override, or `{ rules: [...], rollout: { percentage, value } }` (a value may fall back behind them). Rules match roles, user ids or email domains; the rollout is sticky per user.',
  tags,
  permission: 'flag-overrides:update',
  params: FlagParams,
  body: OverrideBody,
  responses: { 200: { description: 'The override, replaced.', schema: FlagOverrideSchema }, 201: { description: 'The override, created.', schema: FlagOverrideSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => {
    const { override, created } = await flagService(runtime).putOverride(ctx, params.key, body, ifMatch);
    return resource(created ? 201 : 200, override, created ? { location: `/flag-overrides/${params.key}` } : {});
  },
});

export const listFlagOverridesRoute = defineRoute({
  method: 'GET',
  path: '/flag-overrides',
  operationId: 'listFlagOverrides',
  summary: 'This tenant\'s flag overrides',
  tags,
  permission: 'flag-overrides:read',
  query: PageQuery,
  responses: { 200: { description: 'One page of overrides, by key.', schema: OverridePage } },
  handler: async ({ ctx, query, runtime }) => json(200, await flagService(runtime).listOverrides(ctx, query)),
});

export const deleteFlagOverrideRoute = defineRoute({
  method: 'DELETE',
  path: '/flag-overrides/{key}',
  operationId: 'deleteFlagOverride',
  summary: 'Remove this tenant\'s override of a flag',
  tags,
  permission: 'flag-overrides:delete',
  params: FlagParams,
  responses: { 204: { description: 'Removed: the flag\'s default applies again.' } },
  handler: async ({ ctx, params, ifMatch, runtime }) => {
    await flagService(runtime).deleteOverride(ctx, params.key, ifMatch);
    return { status: 204 };
  },
});
