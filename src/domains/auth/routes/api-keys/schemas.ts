import * as z from 'zod/mini';
import { PermissionListSchema } from '../../../../core/access/policy-entity.js';
import { RateLimitSchema } from '../../../../core/auth/api-key-entity.js';
import { IdSchema, PageQueryShape, doc, pageOf, trimmedText } from '../../../../core/schemas.js';
import { ApiKeySchema } from '../../models/api-key.js';

export const ApiKeyParams = z.object({ apiKeyId: IdSchema });

export const CreateApiKeyBody = z.strictObject({
  name: trimmedText(1, 120),
  scopes: PermissionListSchema.check(z.minLength(1)),
  expiresAt: z.optional(z.iso.datetime()),
  rateLimit: z.optional(RateLimitSchema),
});

const KeyOnce = doc(z.string(), { description: 'The key itself, shown this once: only its SHA-256 is stored.', example: 'gcsk_…' });
export const CreatedApiKey = z.object({ apiKey: ApiKeySchema, key: KeyOnce });

export const RotateBody = z.strictObject({
  graceSeconds: z.optional(doc(z.int().check(z.minimum(0), z.maximum(7 * 86_400)), { description: 'How long the old key keeps working (default 24 h, at most 7 days).' })),
});
export const RotatedApiKey = z.object({ apiKey: ApiKeySchema, key: KeyOnce, previous: ApiKeySchema });

export const ListApiKeysQuery = z.object({ status: z.optional(z.enum(['active', 'revoked'])), ...PageQueryShape });
export const ApiKeyPage = pageOf(ApiKeySchema);
