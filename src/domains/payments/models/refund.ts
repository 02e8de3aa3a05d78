/** Refund: money going back on a payment, never more than what is left of it. */
import * as z from 'zod/mini';
import { AmountSchema, CurrencySchema } from '../../../core/money.js';
import { IdSchema, ItemMetaShape, TimestampSchema, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';
import { PSPS, PspIdSchema } from './common.js';

export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'other'] as const;
export const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** failed and canceled give the amount back to the payment; succeeded is final. */
export const REFUND_TRANSITIONS: Readonly<Record<RefundStatus, readonly RefundStatus[]>> = {
  pending: ['requires_action', 'succeeded', 'failed', 'canceled'],
  requires_action: ['pending', 'succeeded', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};
export const RELEASING_STATUSES: readonly RefundStatus[] = ['failed', 'canceled'];

export const RefundDataSchema = z.object({
  tenantId: IdSchema,
  id: IdSchema,
  paymentId: IdSchema,
  amount: AmountSchema,
  currency: CurrencySchema,
  reason: z.enum(REFUND_REASONS),
  status: z.enum(REFUND_STATUSES),
  psp: z.enum(PSPS),
  pspRefundId: z.optional(PspIdSchema),
  pspErrorCode: z.optional(z.string()),
  initiatedBy: z.string(),
  disputeId: z.optional(PspIdSchema),
  receiptNumber: z.optional(trimmedText(1, 64)),
  note: z.optional(trimmedText(1, 500)),
  succeededAt: z.optional(TimestampSchema),
  failedAt: z.optional(TimestampSchema),
  canceledAt: z.optional(TimestampSchema),
  pspStateAt: z.optional(z.int()),
  /** The caller and the Idempotency-Key of the request that made it: a retry finds this refund. */
  requestKey: z.optional(z.string().check(z.maxLength(400))),
});

export const refundEntity = defineEntity({
  name: 'Refund',
  schemaVersion: 1,
  scope: 'tenant',
  schema: RefundDataSchema,
  primary: { pk: 'T#{tenantId}#REFUND#{id}', sk: 'REFUND' },
  patterns: { byPayment: { index: 'gsi1', pk: 'T#{tenantId}#PAYMENT#{paymentId}#REFUNDS', sk: '{id}' } },
  unique: {
    pspRefund: { fields: ['pspRefundId'], key: 'P#PSPREFUND#{pspRefundId}', scope: 'platform' },
    request: { fields: ['requestKey'], key: 'T#{tenantId}#REFUNDREQUEST#{requestKey}' },
  },
});

export type StoredRefund = z.infer<typeof RefundDataSchema> & z.infer<z.ZodMiniObject<typeof ItemMetaShape>>;
export const RefundSchema = doc(z.object({ ...z.omit(RefundDataSchema, { pspStateAt: true, requestKey: true }).def.shape, ...ItemMetaShape }), { id: 'Refund' });
export type RefundView = z.infer<typeof RefundSchema>;
export const toRefundView = (refund: StoredRefund): RefundView => {
  const { pspStateAt: _at, requestKey: _key, ...rest } = refund;
  return rest;
};
