/**
 * Payment: money that settled. Net is gross minus fees, computed here and never accepted from a
 * client. Once settled, the money fields never change; refunds move only the refunded total.
 */
import * as z from 'zod/mini';
import { AmountSchema, CurrencySchema } from '../../../core/money.js';
import { EmailSchema, IdSchema, ItemMetaShape, TimestampSchema, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';
import { PSPS, PaymentMethodDetailsSchema, PspIdSchema } from './common.js';

export const DISPUTE_STATUSES = ['warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'] as const;

export const FeeSchema = doc(z.strictObject({ type: trimmedText(1, 40), amount: AmountSchema, description: z.optional(trimmedText(1, 200)) }), {
  id: 'Fee',
  example: { type: 'stripe_fee', amount: 59 },
});

export const DisputeSchema = z.object({ id: PspIdSchema, status: z.enum(DISPUTE_STATUSES), reason: z.optional(z.string().check(z.maxLength(100))) });
export const ReceiptSchema = z.object({ number: z.optional(trimmedText(1, 64)), email: z.optional(EmailSchema), url: z.optional(z.url()) });
export const ReconciliationSchema = z.object({ reconciled: z.boolean(), reconciledAt: z.optional(TimestampSchema), notes: z.optional(trimmedText(1, 2000)) });

/** The fields that are money: fixed once the payment is settled. */
export const MONEY_FIELDS = ['grossAmount', 'feeAmount', 'fees', 'netAmount', 'currency', 'applicationFeeAmount'] as const;

export const PaymentDataSchema = z.object({
  tenantId: IdSchema,
  id: IdSchema,
  billingAccountId: z.optional(IdSchema),
  paymentIntentId: z.optional(IdSchema),
  invoiceId: z.optional(IdSchema),
  subscriptionId: z.optional(IdSchema),
  psp: z.enum(PSPS),
  grossAmount: AmountSchema,
  feeAmount: AmountSchema,
  fees: z.array(FeeSchema),
  netAmount: z.int(),
  currency: CurrencySchema,
  applicationFeeAmount: z.optional(AmountSchema),
  pspTransactionId: z.optional(PspIdSchema),
  pspChargeId: z.optional(PspIdSchema),
  pspBalanceTransactionId: z.optional(PspIdSchema),
  paymentMethod: z.optional(PaymentMethodDetailsSchema),
  settledAt: TimestampSchema,
  refundedAmount: AmountSchema,
  /** What may still be refunded: grossAmount - refundedAmount, kept by the same atomic writes. */
  refundableAmount: AmountSchema,
  refundCount: z.int().check(z.minimum(0)),
  refundIds: z.array(IdSchema),
  dispute: z.optional(DisputeSchema),
  receipt: z.optional(ReceiptSchema),
  reconciliation: z.optional(ReconciliationSchema),
  description: z.optional(trimmedText(1, 500)),
  /** `created` of the newest PSP event applied (disputes, receipts). */
  pspStateAt: z.optional(z.int()),
});

export const paymentEntity = defineEntity({
  name: 'Payment',
  schemaVersion: 1,
  scope: 'tenant',
  schema: PaymentDataSchema,
  primary: { pk: 'T#{tenantId}#PAYMENT#{id}', sk: 'PAYMENT' },
  patterns: {
    // Ids are ULIDs: newest first is the index read backwards.
    byTenant: { index: 'gsi1', pk: 'T#{tenantId}#PAYMENTS', sk: '{id}' },
    byBillingAccount: { index: 'gsi2', pk: 'T#{tenantId}#BILLACCT#{billingAccountId}#PAYMENTS', sk: '{id}' },
  },
  unique: { pspCharge: { fields: ['pspChargeId'], key: 'P#PSPCHARGE#{pspChargeId}', scope: 'platform' } },
});

export type StoredPayment = z.infer<typeof PaymentDataSchema> & z.infer<z.ZodMiniObject<typeof ItemMetaShape>>;
export const PaymentSchema = doc(z.object({ ...z.omit(PaymentDataSchema, { pspStateAt: true }).def.shape, ...ItemMetaShape }), { id: 'Payment' });
export type PaymentView = z.infer<typeof PaymentSchema>;
export const toPaymentView = (payment: StoredPayment): PaymentView => {
  const { pspStateAt: _at, ...rest } = payment;
  return rest;
};
