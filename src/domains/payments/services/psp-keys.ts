/**
 * Idempotency keys sent to the PSP. With the client's Idempotency-Key, the PSP key is made from it
 * (and the caller), so a client retry after our own write failed (which the idempotency layer does
 * not replay) gets the same PSP object back instead of a second customer or intent. Without one,
 * the key is our new record's id: the SDK's own retries of one call are covered.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../../core/context.js';

export const pspKey = (prefix: string, ctx: RequestContext, recordId: string, idempotencyKey: string | undefined): string =>
  idempotencyKey === undefined
    ? `${prefix}-${recordId}`
    // Hashed: PSPs limit key length (Stripe: 255), and the caller's key is theirs, not the PSP's to read.
    : `${prefix}-${createHash('sha256').update(`${ctx.tenantId ?? ''}\u0000${ctx.userId}\u0000${idempotencyKey}`).digest('base64url')}`;
