/** Bodies and pages of the payment routes. */
import * as z from 'zod/mini';
import { AmountSchema, CurrencySchema } from '../../../core/money.js';
import { IdSchema, PageQueryShape, TimestampSchema, pageOf, trimmedText } from '../../../core/schemas.js';
import { PSPS, PaymentMethodDetailsSchema, PspIdSchema } from '../models/common.js';
import { FeeSchema, PaymentSchema, ReceiptSchema } from '../models/payment.js';
import { PositiveAmount } from './schemas.js';

export const RecordPaymentBody = z.strictObject({
  grossAmount: PositiveAmount,
  currency: CurrencySchema,
  fees: z.optional(z.array(FeeSchema).check(z.maxLength(20))),
  feeAmount: z.optional(AmountSchema),
  applicationFeeAmount: z.optional(AmountSchema),
  billingAccountId: z.optional(IdSchema),
  paymentIntentId: z.optional(IdSchema),
  invoiceId: z.optional(IdSchema),
  subscriptionId: z.optional(IdSchema),
  pspTransactionId: z.optional(PspIdSchema),
  pspChargeId: z.optional(PspIdSchema),
  pspBalanceTransactionId: z.optional(PspIdSchema),
  paymentMethod: z.optional(PaymentMethodDetailsSchema),
  settledAt: z.optional(TimestampSchema.check(z.refine((v) => !Number.isNaN(Date.parse(v)), { error: 'must be a date-time' }))),
  receipt: z.optional(z.strictObject(ReceiptSchema.def.shape)),
  description: z.optional(trimmedText(1, 500)),
  psp: z.optional(z.enum(PSPS)),
});

/** The money fields are accepted here only to be refused with 422 payment_settled (never a silent drop). */
export const UpdatePaymentBody = z.strictObject({
  description: z.optional(trimmedText(1, 500)),
  receipt: z.optional(z.strictObject(ReceiptSchema.def.shape)),
  reconciliation: z.optional(z.strictObject({ reconciled: z.boolean(), notes: z.optional(trimmedText(1, 2000)) })),
  grossAmount: z.optional(z.unknown()),
  feeAmount: z.optional(z.unknown()),
  fees: z.optional(z.unknown()),
  netAmount: z.optional(z.unknown()),
  currency: z.optional(z.unknown()),
  applicationFeeAmount: z.optional(z.unknown()),
});
export const ListPaymentsQuery = z.object({ billingAccountId: z.optional(IdSchema), ...PageQueryShape });
export const PaymentPage = pageOf(PaymentSchema);

