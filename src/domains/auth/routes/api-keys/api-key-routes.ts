/** API keys over HTTP: create, list, read, revoke, rotate. */
import { defineRoute, json, resource } from '../../../../core/http/route.js';
import { ApiKeySchema } from '../../models/api-key.js';
import { apiKeyService } from '../../services/index.js';
import { ApiKeyPage, ApiKeyParams, CreateApiKeyBody, CreatedApiKey, ListApiKeysQuery, RotateBody, RotatedApiKey } from './schemas.js';

const tags = ['api-keys'];

export const createApiKeyRoute = defineRoute({
  method: 'POST',
  path: '/api-keys',
  operationId: 'createApiKey',
  summary: 'Create an API key',
  description: 'Returns the key once (`gcsk_…`). Its scopes are permissions and must be within your own (403 scope_not_held). Use it as `x-api-key`.',
  tags,
  permission: 'api-keys:create',
  body: CreateApiKeyBody,
  responses: { 201: { description: 'The key record and the key itself.', schema: CreatedApiKey } },
  handler: async ({ ctx, body, runtime }) => {
    const result = await apiKeyService(runtime).create(ctx, body);
    return { ...resource(201, result.apiKey, { location: `/api-keys/${encodeURIComponent(result.apiKey.id)}` }), body: result };
  },
});

export const listApiKeysRoute = defineRoute({
  method: 'GET',
  path: '/api-keys',
  operationId: 'listApiKeys',
  summary: 'List API keys',
  description: 'Newest first, optionally by stored status. Keys are never shown again, only their first characters.',
  tags,
  permission: 'api-keys:read',
  query: ListApiKeysQuery,
  responses: { 200: { description: 'One page of keys.', schema: ApiKeyPage } },
  handler: async ({ ctx, query, runtime }) => json(200, await apiKeyService(runtime).list(ctx, query)),
});

export const getApiKeyRoute = defineRoute({
  method: 'GET',
  path: '/api-keys/{apiKeyId}',
  operationId: 'getApiKey',
  summary: 'Get an API key',
  tags,
  permission: 'api-keys:read',
  params: ApiKeyParams,
  responses: { 200: { description: 'The key record.', schema: ApiKeySchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, await apiKeyService(runtime).get(ctx, params.apiKeyId)),
});

export const revokeApiKeyRoute = defineRoute({
  method: 'POST',
  path: '/api-keys/{apiKeyId}/revoke',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key',
  description: 'It stops working at once in this process, and within ACCESS_CACHE_TTL_SECONDS everywhere.',
  tags,
  permission: 'api-keys:revoke',
  params: ApiKeyParams,
  responses: { 200: { description: 'The revoked key.', schema: ApiKeySchema } },
  handler: async ({ ctx, params, ifMatch, runtime }) => resource(200, await apiKeyService(runtime).revoke(ctx, params.apiKeyId, ifMatch)),
});

export const rotateApiKeyRoute = defineRoute({
  method: 'POST',
  path: '/api-keys/{apiKeyId}/rotate',
  operationId: 'rotateApiKey',
  summary: 'Rotate an API key',
  description: 'A new key with the same name, scopes, expiry and rate limit, returned once. The old key keeps working for the grace period (default 24 h), then stops.',
  tags,
  permission: 'api-keys:rotate',
  params: ApiKeyParams,
  body: RotateBody,
  responses: { 201: { description: 'The new key and the old one\'s record.', schema: RotatedApiKey } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => {
    const result = await apiKeyService(runtime).rotate(ctx, params.apiKeyId, body, ifMatch);
    return { ...resource(201, result.apiKey, { location: `/api-keys/${encodeURIComponent(result.apiKey.id)}` }), body: result };
  },
});
