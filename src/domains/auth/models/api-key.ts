/** ApiKey as the API shows it: never the hash, and the status as of now (expired is computed). */
import * as z from 'zod/mini';
import { ApiKeyDataSchema, effectiveKeyStatus, type ApiKeyRecord } from '../../../core/auth/api-key-entity.js';
import { ItemMetaShape, doc } from '../../../core/schemas.js';

export { apiKeyEntity, type ApiKeyRecord } from '../../../core/auth/api-key-entity.js';

export const ApiKeySchema = doc(
  z.object({
    // The stored fields but the hash, with the status as of now.
    ...z.omit(ApiKeyDataSchema, { keyHash: true }).def.shape,
    displayPrefix: doc(z.string(), { description: 'The first characters of the key, to recognise it.', example: 'gcsk_Qm9vYmFy' }),
    status: z.enum(['active', 'revoked', 'expired']),
    ...ItemMetaShape,
  }),
  { id: 'ApiKey' },
);
export type ApiKeyView = z.infer<typeof ApiKeySchema>;

export const toApiKeyView = (stored: ApiKeyRecord, now: Date): ApiKeyView => {
  const { keyHash: _hash, ...rest } = stored;
  return { ...rest, status: effectiveKeyStatus(stored, now) };
};
