/** ApiKey as the API shows it: never the hash, and the status as of now (expired is computed). */
import * as z from 'zod/mini';
import { PermissionListSchema } from '../../../core/access/policy-entity.js';
import { RateLimitSchema, effectiveKeyStatus, type ApiKeyRecord } from '../../../core/auth/api-key-entity.js';
import { IdSchema, ItemMetaShape, TimestampSchema, doc } from '../../../core/schemas.js';

export { apiKeyEntity, type ApiKeyRecord } from '../../../core/auth/api-key-entity.js';

export const ApiKeySchema = doc(
  z.object({
    tenantId: IdSchema,
    id: IdSchema,
    name: z.string(),
    scopes: PermissionListSchema,
    displayPrefix: doc(z.string(), { description: 'The first characters of the key, to recognise it.', example: 'gcsk_Qm9vYmFy' }),
    status: z.enum(['active', 'revoked', 'expired']),
    expiresAt: z.optional(TimestampSchema),
    rateLimit: z.optional(RateLimitSchema),
    lastUsedAt: z.optional(TimestampSchema),
    revokedAt: z.optional(TimestampSchema),
    rotatedFromId: z.optional(IdSchema),
    rotatedToId: z.optional(IdSchema),
    graceUntil: z.optional(TimestampSchema),
    ...ItemMetaShape,
  }),
  { id: 'ApiKey' },
);
export type ApiKeyView = z.infer<typeof ApiKeySchema>;

export const toApiKeyView = (stored: ApiKeyRecord, now: Date): ApiKeyView => {
  const { keyHash: _hash, ...rest } = stored;
  return { ...rest, status: effectiveKeyStatus(stored, now) };
};
