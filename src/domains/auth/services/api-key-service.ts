/**
 * API keys: create (returned once; scopes must be within the creator's own permissions), list,
 * read, revoke, and rotate (a new key; the old one keeps working for a grace period, then stops).
 */
import { PLATFORM_PERMISSIONS, checkPermission, requirePermission } from '../../../core/access/policies.js';
import { permissionCovers, permissionsOverlap } from '../../../core/access/permissions.js';
import { forgetApiKey } from '../../../core/auth/api-key-auth.js';
import { effectiveKeyStatus } from '../../../core/auth/api-key-entity.js';
import { generateApiKey } from '../../../core/auth/api-key-format.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../../../core/errors.js';
import { domainEvent } from '../../../core/events.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import type { Page } from '../../../core/store/store.js';
import { pageOptions } from '../../../core/store/store.js';
import { apiKeyEntity, toApiKeyView, type ApiKeyRecord, type ApiKeyView } from '../models/api-key.js';

export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
  expiresAt?: string | undefined;
  rateLimit?: { limit: number; windowSeconds: number } | undefined;
}

/**
 * A scope is within the creator's reach when they are allowed it and none of their denies
 * overlaps it (a `users:*` scope from someone denied `users:delete` would escalate).
 */
const assertScopesHeld = (ctx: RequestContext, scopes: readonly string[]): void => {
  const denies = ctx.grants.flatMap((g) => g.deny);
  // Platform permissions are never a tenant key's, even when a platform admin creates it.
  const platform = (scope: string) => PLATFORM_PERMISSIONS.some((p) => permissionCovers(p, scope));
  const platformScopes = scopes.filter(platform);
  if (platformScopes.length > 0) {
    throw new ForbiddenError(ERROR_CODES.scopeNotHeld, `Platform permissions cannot be given to a tenant's key: ${platformScopes.join(', ')}.`, {
      details: { scopes: platformScopes, field: 'body.scopes' },
    });
  }
  const beyond = scopes.filter((scope) => !checkPermission(ctx, scope).allowed || denies.some((d) => permissionsOverlap(d, scope)));
  if (beyond.length > 0) {
    throw new ForbiddenError(ERROR_CODES.scopeNotHeld, `A key's scopes must be within your own permissions; you do not hold: ${beyond.join(', ')}.`, {
      details: { scopes: beyond, field: 'body.scopes' },
    });
  }
};

export const createApiKeyService = (runtime: Runtime) => {
  const { store, clock, events } = runtime;
  const now = () => clock.now();

  const mustGet = async (ctx: RequestContext, id: string): Promise<ApiKeyRecord> => {
    const found = await store.get(ctx, apiKeyEntity, { id });
    if (found === undefined) throw new NotFoundError('ApiKey');
    return found as ApiKeyRecord;
  };

  const newKeyData = (ctx: RequestContext, input: CreateApiKeyInput, extra: Record<string, unknown> = {}) => {
    const { key, keyHash, displayPrefix } = generateApiKey();
    return {
      key,
      data: {
        tenantId: ctx.tenantId as string, id: newId(), name: input.name, scopes: [...new Set(input.scopes)], displayPrefix, keyHash, status: 'active',
        ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
        ...(input.rateLimit === undefined ? {} : { rateLimit: input.rateLimit }),
        ...extra,
      },
    };
  };

  return {
    async create(ctx: RequestContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKeyView; key: string }> {
      requirePermission(ctx, 'api-keys:create');
      assertScopesHeld(ctx, input.scopes);
      if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now().getTime()) {
        throw new ValidationError([{ path: 'body.expiresAt', message: 'must be in the future', code: 'too_small' }], 'body.expiresAt must be in the future.');
      }
      const { key, data } = newKeyData(ctx, input);
      const created = (await store.create(ctx, apiKeyEntity, data as never)) as ApiKeyRecord;
      await events.publish(domainEvent(ctx, clock, 'api-key.created', { apiKeyId: created.id, name: created.name, scopes: created.scopes }));
      return { apiKey: toApiKeyView(created, now()), key };
    },

    async get(ctx: RequestContext, id: string): Promise<ApiKeyView> {
      requirePermission(ctx, 'api-keys:read');
      return toApiKeyView(await mustGet(ctx, id), now());
    },

    async list(ctx: RequestContext, input: { status?: 'active' | 'revoked' | undefined; limit?: number | undefined; cursor?: string | undefined }): Promise<Page<ApiKeyView>> {
      requirePermission(ctx, 'api-keys:read');
      const paging = { order: 'desc' as const, ...pageOptions(input) };
      const page = input.status === undefined
        ? await store.query(ctx, apiKeyEntity, 'byTenant', {}, paging)
        : await store.query(ctx, apiKeyEntity, 'byStatus', { status: input.status }, paging);
      return { items: page.items.map((k) => toApiKeyView(k as ApiKeyRecord, now())), nextCursor: page.nextCursor };
    },

    async revoke(ctx: RequestContext, id: string, ifMatch: number | undefined): Promise<ApiKeyView> {
      requirePermission(ctx, 'api-keys:revoke');
      const current = await mustGet(ctx, id);
      if (current.status === 'revoked') return toApiKeyView(current, now());
      const updated = (await store.update(ctx, apiKeyEntity, { id }, { status: 'revoked', revokedAt: now().toISOString() }, {
        current: current as never, ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }),
      })) as ApiKeyRecord;
      forgetApiKey(runtime, current.keyHash);
      await events.publish(domainEvent(ctx, clock, 'api-key.revoked', { apiKeyId: id }));
      return toApiKeyView(updated, now());
    },

    async rotate(ctx: RequestContext, id: string, input: { graceSeconds?: number | undefined }, ifMatch: number | undefined): Promise<{ apiKey: ApiKeyView; key: string; previous: ApiKeyView }> {
      requirePermission(ctx, 'api-keys:rotate');
      const current = await mustGet(ctx, id);
      const status = effectiveKeyStatus(current, now());
      if (status !== 'active' || current.rotatedToId !== undefined) {
        throw new RuleViolationError(ERROR_CODES.invalidTransition, current.rotatedToId === undefined ? `${status === 'expired' ? 'An' : 'A'} ${status} key cannot be rotated.` : 'This key was already rotated; rotate its successor.', {
          details: { from: status, rotatedToId: current.rotatedToId },
        });
      }
      // Whoever rotates must hold the scopes today: a rotation never carries on access they have lost.
      assertScopesHeld(ctx, current.scopes);
      const graceUntil = new Date(now().getTime() + (input.graceSeconds ?? runtime.config.apiKeys.rotationGraceSeconds) * 1000).toISOString();
      const { key, data } = newKeyData(ctx, { name: current.name, scopes: current.scopes, expiresAt: current.expiresAt, rateLimit: current.rateLimit }, { rotatedFromId: id });
      const [created, previous] = await store.write(ctx, [
        { type: 'create', entity: apiKeyEntity, data },
        { type: 'update', entity: apiKeyEntity, key: { id }, changes: { graceUntil, rotatedToId: data.id }, current, ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }) },
      ]);
      forgetApiKey(runtime, current.keyHash);
      await events.publish(domainEvent(ctx, clock, 'api-key.rotated', { apiKeyId: data.id, previousApiKeyId: id, graceUntil }));
      return { apiKey: toApiKeyView(created as ApiKeyRecord, now()), key, previous: toApiKeyView(previous as ApiKeyRecord, now()) };
    },
  };
};

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
