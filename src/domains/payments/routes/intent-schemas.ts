/** Bodies of the payment-intent routes. */
import * as z from 'zod/mini';
import { CurrencySchema } from '../../../core/money.js';
import { IdSchema, doc, trimmedText } from '../../../core/schemas.js';
import { PspIdSchema } from '../models/common.js';
import { PositiveAmount } from './schemas.js';

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

