/**
 * The OpenAPI 3.1 document, generated from the route declarations (zod → JSON Schema 2020-12,
 * which OpenAPI 3.1 uses as is). Kept out of the Lambda handlers: only the docs routes import it.
 */
import * as z from 'zod/mini';
import type { Route } from './route.js';

type Json = Record<string, unknown>;

export interface OpenApiOptions {
  /** Header of an API-key scheme to advertise (only once an API-key authenticator is registered). */
  apiKeyHeader?: string;
  title?: string;
  version?: string;
  description?: string;
  servers?: Array<{ url: string; description?: string }>;
}

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  description: 'RFC 9457 problem details. `code` is stable (see docs/errors.md).',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', example: 'validation_failed' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message', 'code'], properties: { path: { type: 'string', example: 'body.email' }, message: { type: 'string' }, code: { type: 'string' } } },
    },
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad input: `errors[]` names each field path.',
  401: 'No credentials, or invalid ones.',
  403: 'Authenticated but not permitted: `permission_denied` (or `insufficient_scope` for an API key) names the permission; or the tenant is suspended.',
  404: 'Not found, or another tenant\'s (also: a platform admin\'s X-Tenant-Id names no tenant).',
  409: 'Conflict: already exists, unique value taken, lost a race (`version_conflict`), or a duplicate request in progress.',
  412: 'If-Match is stale: the resource has changed.',
  413: 'Body or item too large.',
  410: 'Gone: expired or revoked.',
  415: 'The body is not JSON.',
  422: 'A rule was broken: `code` says which (for example `invalid_transition`, `owner_not_member`, `idempotency_key_reused`).',
  428: 'The resource exists: send If-Match with its ETag to replace it.',
  429: 'Too many requests for this API key in this window; retry after Retry-After seconds.',
  503: 'The store cannot be reached; retry after Retry-After seconds.',
};

/** Converts a schema and moves its named sub-schemas into components. */
const convert = (schema: z.ZodMiniType, io: 'input' | 'output', components: Record<string, Json>): Json => {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  const text = JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/');
  const out = JSON.parse(text) as Json;
  const defs = (out['$defs'] ?? {}) as Record<string, Json>;
  for (const [name, def] of Object.entries(defs)) components[name] = def;
  delete out['$defs'];
  delete out['$schema'];
  return out;
};

const errorStatuses = (route: Route): number[] => {
  const codes = new Set<number>([503]);
  if (route.params !== undefined || route.query !== undefined || route.body !== undefined) codes.add(400);
  if (route.access === 'authenticated') {
    codes.add(401);
    codes.add(403);
    // Also the answer when a platform admin's X-Tenant-Id names no tenant.
    codes.add(404);
    // API keys may carry a rate limit.
    codes.add(429);
  }
  for (const status of route.errors) codes.add(status);
  if (route.params !== undefined) codes.add(404);
  if (route.body !== undefined) {
    codes.add(413);
    codes.add(415);
    codes.add(422);
  }
  if (route.method !== 'GET') codes.add(409);
  if (route.conditional) {
    codes.add(412);
    // A malformed If-Match is a 400 (invalid_if_match).
    codes.add(400);
  }
  return [...codes].sort();
};

const parametersOf = (route: Route, components: Record<string, Json>): Json[] => {
  const params: Json[] = [];
  const add = (where: 'path' | 'query', shape: Record<string, z.ZodMiniType>) => {
    for (const [name, schema] of Object.entries(shape)) {
      const required = where === 'path' || !z.safeParse(schema, undefined).success;
      params.push({ name, in: where, required, schema: convert(schema, 'input', components) });
    }
  };
  add('path', (route.params?.def.shape ?? {}) as Record<string, z.ZodMiniType>);
  add('query', (route.query?.def.shape ?? {}) as Record<string, z.ZodMiniType>);
  if (route.access === 'authenticated' && route.tenant !== 'ignored') {
    params.push({ name: 'X-Tenant-Id', in: 'header', required: false, description: 'Platform admins only: act inside this tenant.', schema: { type: 'string' } });
  }
  if (route.conditional) {
    params.push({ name: 'If-Match', in: 'header', required: false, description: 'The ETag you read; a stale one is 412.', schema: { type: 'string', example: '"3"' } });
  }
  if (route.idempotent) {
    params.push({ name: 'Idempotency-Key', in: 'header', required: false, description: 'Replays the first response for 24 h; another body with the same key is 422.', schema: { type: 'string', maxLength: 255 } });
  }
  return params;
};

const operationOf = (route: Route, components: Record<string, Json>, apiKey: boolean): Json => {
  const responses: Json = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = {
      description: spec.description,
      ...(spec.schema === undefined ? {} : { content: { [spec.contentType ?? 'application/json']: { schema: convert(spec.schema, 'output', components) } } }),
    };
  }
  for (const status of errorStatuses(route)) {
    responses[String(status)] ??= { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  const permissionNote = route.permission === undefined ? 'Public.' : `Requires the permission \`${route.permission}\`.`;
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, permissionNote].filter(Boolean).join('\n\n'),
    tags: route.tags,
    ...(route.permission === undefined ? {} : { 'x-permission': route.permission }),
    security: route.access === 'public' ? [] : [{ bearerAuth: [] }, ...(apiKey ? [{ apiKey: [] }] : [])],
    parameters: parametersOf(route, components),
    ...(route.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: convert(route.body, 'input', components) } } } }),
    responses,
  };
};

export const buildOpenApiDocument = (routes: readonly Route[], options: OpenApiOptions = {}): Json => {
  const components: Record<string, Json> = { Problem: PROBLEM_SCHEMA };
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Json)[route.method.toLowerCase()] = operationOf(route, components, options.apiKeyHeader !== undefined);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Geek Cafe SaaS API',
      version: options.version ?? '0.1.0',
      description: options.description ?? 'Multi-tenant SaaS API. Errors are RFC 9457 problem+json; lists are `{ items, nextCursor }`.',
    },
    ...(options.servers === undefined ? {} : { servers: options.servers }),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        ...(options.apiKeyHeader === undefined ? {} : { apiKey: { type: 'apiKey', in: 'header', name: options.apiKeyHeader } }),
      },
    },
  };
};
