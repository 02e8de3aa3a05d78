/**
 * Routes are declared once: method, path, the permission required, zod schemas for path, query,
 * body and responses, and the handler. From the declaration come input validation, permission
 * enforcement, the OpenAPI document, and the Lambda handlers (one per route, or per domain).
 */
import type * as z from 'zod/mini';
import { PERMISSION_PATTERN } from '../access/permissions.js';
import type { RequestContext } from '../context.js';
import { InternalError } from '../errors.js';
import type { Runtime } from '../runtime.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: no credentials. `authenticated`: a caller is required and the permission is enforced. */
export type RouteAccess = 'public' | 'authenticated';

/**
 * `required`: the caller must act inside a tenant. `optional`: platform-level or tenant-less
 * callers too. `ignored`: the tenant named by the credentials plays no part (no tenant gate, no
 * membership): for acts that concern another tenant, such as accepting an invitation.
 */
export type TenantRequirement = 'required' | 'optional' | 'ignored';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodMiniType;
  contentType?: string;
}

type ObjectSchema = z.ZodMiniObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>;
type Infer<S> = [S] extends [z.ZodMiniType] ? z.infer<S> : [S] extends [undefined] ? Record<string, never> : unknown;

export interface RouteInput<PS, QS, BS> {
  ctx: RequestContext;
  params: Infer<PS>;
  query: Infer<QS>;
  body: Infer<BS>;
  runtime: Runtime;
  /** The version named by If-Match, when sent (`*` counts as not sent). */
  ifMatch: number | undefined;
  /** The body exactly as received, for routes that verify a signature over it (webhooks). */
  rawBody: string;
  header(name: string): string | undefined;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to application/json; a string body with another type is sent as is. */
  contentType?: string;
}

export interface RouteConfig<PS extends ObjectSchema | undefined, QS extends ObjectSchema | undefined, BS extends z.ZodMiniType | undefined> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/users/{userId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access?: RouteAccess;
  tenant?: TenantRequirement;
  /** The permission the caller needs (`resource:action`); required unless the route is public. */
  permission?: string;
  params?: PS;
  query?: QS;
  body?: BS;
  responses: Record<number, ResponseSpec>;
  /** Accepts an Idempotency-Key (default: every POST). */
  idempotent?: boolean;
  /** Error statuses particular to this route (410, 428, ...), for the OpenAPI document. */
  errors?: number[];
  /**
   * Honours If-Match (412 when stale). Default: PATCH, PUT and DELETE, and POSTs on a resource
   * (`/x/{id}/action`); the OpenAPI document lists the header and the 412 only where this holds.
   */
  conditional?: boolean;
  handler(input: RouteInput<PS, QS, BS>): Promise<RouteResult>;
}

export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly access: RouteAccess;
  readonly tenant: TenantRequirement;
  readonly permission: string | undefined;
  readonly params: ObjectSchema | undefined;
  readonly query: ObjectSchema | undefined;
  readonly body: z.ZodMiniType | undefined;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  readonly idempotent: boolean;
  readonly errors: readonly number[];
  readonly conditional: boolean;
  readonly pathParams: readonly string[];
  handler(input: RouteInput<unknown, unknown, unknown>): Promise<RouteResult>;
}

const PATH_PARAM = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export const defineRoute = <PS extends ObjectSchema | undefined = undefined, QS extends ObjectSchema | undefined = undefined, BS extends z.ZodMiniType | undefined = undefined>(
  config: RouteConfig<PS, QS, BS>,
): Route => {
  const where = `${config.method} ${config.path}`;
  const access = config.access ?? 'authenticated';
  if (access === 'authenticated' && (config.permission === undefined || !PERMISSION_PATTERN.test(config.permission))) {
    throw new InternalError(`${where}: an authenticated route must declare its permission as resource:action.`);
  }
  const pathParams = [...config.path.matchAll(PATH_PARAM)].map((m) => m[1] as string);
  const declared = Object.keys(config.params?.def.shape ?? {});
  if (pathParams.length !== declared.length || pathParams.some((p) => !declared.includes(p))) {
    throw new InternalError(`${where}: path parameters {${pathParams.join(', ')}} and the params schema (${declared.join(', ')}) differ.`);
  }
  return {
    method: config.method,
    path: config.path,
    operationId: config.operationId,
    summary: config.summary,
    description: config.description,
    tags: config.tags,
    access,
    tenant: config.tenant ?? 'required',
    permission: config.permission,
    params: config.params,
    query: config.query,
    body: config.body,
    responses: config.responses,
    idempotent: config.idempotent ?? config.method === 'POST',
    errors: config.errors ?? [],
    conditional: config.conditional ?? (['PATCH', 'PUT', 'DELETE'].includes(config.method) || (config.method === 'POST' && pathParams.length > 0)),
    pathParams,
    handler: config.handler as Route['handler'],
  };
};

/** The ETag of a versioned resource: a strong validator made from its version. */
export const etagOf = (version: number): string => `"${version}"`;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): RouteResult => ({ status, body, headers });

/** A single resource: its body and an ETag from its version. */
export const resource = <T extends { version: number }>(status: number, entity: T, headers: Record<string, string> = {}): RouteResult => ({
  status,
  body: entity,
  headers: { etag: etagOf(entity.version), ...headers },
});
