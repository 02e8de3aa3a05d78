/** Shapes every payments route module uses: path parameters, paging, a positive amount. */
import * as z from 'zod/mini';
import { IdSchema, PageQueryShape, doc } from '../../../core/schemas.js';

export const BillingAccountParams = z.object({ billingAccountId: IdSchema });
export const PaymentIntentParams = z.object({ paymentIntentId: IdSchema });
export const PaymentParams = z.object({ paymentId: IdSchema });
export const RefundParams = z.object({ refundId: IdSchema });
export const PageQuery = z.object(PageQueryShape);

/** Stripe's smallest charge is about 50 cents; we only insist on something to pay. */
export const PositiveAmount = doc(z.int().check(z.minimum(1), z.maximum(2 ** 48)), { description: 'Integer in minor units, at least 1.', example: 1999 });

