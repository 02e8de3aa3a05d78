/** Bodies and pages of the refund routes. */
import * as z from 'zod/mini';
import { CurrencySchema } from '../../../core/money.js';
import { IdSchema, pageOf, trimmedText } from '../../../core/schemas.js';
import { REFUND_REASONS, RefundSchema } from '../models/refund.js';
import { PositiveAmount } from './schemas.js';

export const CreateRefundBody = z.strictObject({
  paymentId: IdSchema,
  amount: PositiveAmount,
  currency: z.optional(CurrencySchema),
  reason: z.enum(REFUND_REASONS),
  note: z.optional(trimmedText(1, 500)),
});
export const RefundPage = pageOf(RefundSchema);

