/**
 * ApiKey items, declared in core because every request carrying `x-api-key` is authenticated
 * against them; the auth domain creates, lists, revokes and rotates them. The hash is found from
 * any tenant through a platform-level lookup guard (`P#APIKEY#{keyHash}`).
 */
import * as z from 'zod/mini';
import { PermissionListSchema } from '../access/policy-entity.js';
import type { ItemMetaShape} from '../schemas.js';
import { IdSchema, TimestampSchema, doc, trimmedText } from '../schemas.js';
import { defineEntity } from '../store/entity.js';

export const RateLimitSchema = doc(
  z.strictObject({ limit: z.int().check(z.minimum(1), z.maximum(1_000_000)), windowSeconds: z.int().check(z.minimum(1), z.maximum(86_400)) }),
  { description: 'At most `limit` requests per window of `windowSeconds`; more are 429 with Retry-After.', example: { limit: 100, windowSeconds: 60 } },
);

export const ApiKeyDataSchema = z.object({
  tenantId: IdSchema,
  id: IdSchema,
  name: trimmedText(1, 120),
  scopes: PermissionListSchema.check(z.minLength(1)),
  displayPrefix: z.string(),
  keyHash: z.string(),
  status: z.enum(['active', 'revoked']),
  expiresAt: z.optional(TimestampSchema),
  rateLimit: z.optional(RateLimitSchema),
  lastUsedAt: z.optional(TimestampSchema),
  revokedAt: z.optional(TimestampSchema),
  rotatedFromId: z.optional(IdSchema),
  rotatedToId: z.optional(IdSchema),
  /** After a rotation, the old key works until this moment. */
  graceUntil: z.optional(TimestampSchema),
});

export type ApiKeyRecord = z.infer<typeof ApiKeyDataSchema> & z.infer<z.ZodMiniObject<typeof ItemMetaShape>>;

export const apiKeyEntity = defineEntity({
  name: 'ApiKey',
  schemaVersion: 1,
  scope: 'tenant',
  schema: ApiKeyDataSchema,
  primary: { pk: 'T#{tenantId}#APIKEY#{id}', sk: 'APIKEY' },
  patterns: {
    byTenant: { index: 'gsi1', pk: 'T#{tenantId}#APIKEYS', sk: '{id}' },
    byStatus: { index: 'gsi2', pk: 'T#{tenantId}#APIKEYS#{status}', sk: '{id}' },
  },
  unique: { hash: { fields: ['keyHash'], key: 'P#APIKEY#{keyHash}', scope: 'platform' } },
});

/** One counter item per key and window (rate limiting); expires with its window. */
export const rateWindowEntity = defineEntity({
  name: 'RateWindow',
  schemaVersion: 1,
  scope: 'tenant',
  schema: z.object({ tenantId: z.string(), keyId: z.string(), window: z.string(), count: z.int() }),
  primary: { pk: 'T#{tenantId}#RATE#{keyId}#{window}', sk: 'RATE' },
});

export type EffectiveKeyStatus = 'active' | 'revoked' | 'expired';

/** Expiry is decided in code: past `expiresAt`, or past the grace period after a rotation. */
export const effectiveKeyStatus = (key: Pick<ApiKeyRecord, 'status' | 'expiresAt' | 'graceUntil'>, now: Date): EffectiveKeyStatus => {
  if (key.status === 'revoked') return 'revoked';
  const t = now.getTime();
  if (key.expiresAt !== undefined && Date.parse(key.expiresAt) <= t) return 'expired';
  if (key.graceUntil !== undefined && Date.parse(key.graceUntil) <= t) return 'expired';
  return 'active';
};
