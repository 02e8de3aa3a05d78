/**
 * Tenant isolation at the lowest layer: for a tenant-scoped entity the tenant facet of every key
 * comes from the caller's context, never from the caller's input. A wrong id can therefore only
 * miss (404); it can never name another tenant's item.
 */
import type { RequestContext } from '../context.js';
import { ERROR_CODES } from '../constants.js';
import { ForbiddenError } from '../errors.js';
import type { Entity } from './entity.js';

export const tenantOf = (entity: Entity, ctx: RequestContext): string | undefined => {
  if (entity.scope !== 'tenant') return undefined;
  if (ctx.tenantId === undefined || ctx.tenantId === '') {
    throw new ForbiddenError(ERROR_CODES.tenantRequired, 'This operation needs a tenant; your credentials name none.');
  }
  return ctx.tenantId;
};

export const scopedKey = (entity: Entity, ctx: RequestContext, key: Record<string, unknown>): Record<string, unknown> => {
  const tenantId = tenantOf(entity, ctx);
  return tenantId === undefined ? key : { ...key, tenantId };
};
