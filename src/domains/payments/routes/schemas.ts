import * as z from 'zod/mini';
import { AmountSchema, CurrencySchema } from '../../../core/money.js';
import { EmailSchema, IdSchema, PageQueryShape, TimestampSchema, doc, pageOf, trimmedText } from '../../../core/schemas.js';
import { AddressSchema, BillingAccountSchema, PAYMENT_METHOD_TYPES, TAX_EXEMPT } from '../models/billing-account.js';
import { PaymentMethodDetailsSchema, PspIdSchema } from '../models/common.js';
import { PaymentIntentSchema } from '../models/payment-intent.js';
import { FeeSchema, PaymentSchema, ReceiptSchema } from '../models/payment.js';
import { REFUND_REASONS, RefundSchema } from '../models/refund.js';

export const BillingAccountParams = z.object({ billingAccountId: IdSchema });
export const PaymentIntentParams = z.object({ paymentIntentId: IdSchema });
export const PaymentParams = z.object({ paymentId: IdSchema });
export const RefundParams = z.object({ refundId: IdSchema });
export const PageQuery = z.object(PageQueryShape);

const accountShape = {
  name: trimmedText(1, 200),
  billingEmail: EmailSchema,
  phone: z.optional(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{4,30}$/, { error: 'must be a phone number' }))),
  address: z.optional(AddressSchema),
  locale: z.optional(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'must be a locale such as en or de-DE' }))),
  taxId: z.optional(trimmedText(1, 64)),
  taxType: z.optional(trimmedText(1, 32)),
  taxExempt: z.optional(z.enum(TAX_EXEMPT)),
  pspConnectedAccountId: z.optional(PspIdSchema),
  defaultPaymentMethod: z.optional(PspIdSchema),
  allowedPaymentMethods: z.optional(z.array(z.enum(PAYMENT_METHOD_TYPES)).check(z.minLength(1), z.maxLength(PAYMENT_METHOD_TYPES.length))),
  autoCharge: z.optional(z.boolean()),
  creditLimit: z.optional(AmountSchema),
  externalReference: z.optional(trimmedText(1, 200)),
};

export const CreateBillingAccountBody = z.strictObject({ ...accountShape, currency: CurrencySchema });
/** The currency is fixed at creation (balances and payments are in it). */
export const UpdateBillingAccountBody = z.strictObject({
  ...z.partial(z.object(accountShape)).def.shape,
  status: z.optional(z.enum(['active', 'suspended', 'closed'])),
  statusReason: z.optional(trimmedText(1, 500)),
});
export const BillingAccountPage = pageOf(BillingAccountSchema);

/** Stripe's smallest charge is about 50 cents; we only insist on something to pay. */
const PositiveAmount = doc(z.int().check(z.minimum(1), z.maximum(2 ** 48)), { description: 'Integer in minor units, at least 1.', example: 1999 });

export const CreatePaymentIntentBody = z.strictObject({
  amount: PositiveAmount,
  currency: CurrencySchema,
  billingAccountId: z.optional(IdSchema),
  captureMethod: z.optional(z.enum(['automatic', 'manual'])),
  confirmationMethod: z.optional(z.enum(['automatic', 'manual'])),
  setupFutureUsage: z.optional(z.enum(['on_session', 'off_session'])),
  description: z.optional(trimmedText(1, 500)),
  invoiceId: z.optional(IdSchema),
  subscriptionId: z.optional(IdSchema),
});
export const ConfirmPaymentIntentBody = z.strictObject({
  paymentMethod: doc(PspIdSchema, { description: 'A PSP payment method id (locally: pm_card_visa, pm_card_chargeDeclined, pm_card_authenticationRequired).', example: 'pm_card_visa' }),
});
export const CapturePaymentIntentBody = z.strictObject({ amount: z.optional(PositiveAmount) });
export const CancelPaymentIntentBody = z.strictObject({ reason: z.optional(z.enum(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'])) });

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

export const CreateRefundBody = z.strictObject({
  paymentId: IdSchema,
  amount: PositiveAmount,
  currency: z.optional(CurrencySchema),
  reason: z.enum(REFUND_REASONS),
  note: z.optional(trimmedText(1, 500)),
});
export const RefundPage = pageOf(RefundSchema);

export const WebhookAck = doc(
  z.object({ received: z.literal(true), eventId: z.string(), type: z.string(), duplicate: z.boolean(), outcome: z.enum(['applied', 'stale', 'ignored']) }),
  { id: 'WebhookAck' },
);
export { BillingAccountSchema, PaymentIntentSchema, PaymentSchema, RefundSchema };
