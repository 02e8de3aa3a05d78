/** Reading one record of the domain, or 404: shared by the services without pulling in the PSP client. */
import type { RequestContext } from '../../../core/context.js';
import { NotFoundError } from '../../../core/errors.js';
import type { Runtime } from '../../../core/runtime.js';
import { billingAccountEntity, type StoredBillingAccount } from '../models/billing-account.js';
import { paymentIntentEntity, type StoredPaymentIntent } from '../models/payment-intent.js';
import { paymentEntity, type StoredPayment } from '../models/payment.js';
import { refundEntity, type StoredRefund } from '../models/refund.js';

export const readBillingAccount = async (runtime: Runtime, ctx: RequestContext, id: string): Promise<StoredBillingAccount> => {
  const account = (await runtime.store.get(ctx, billingAccountEntity, { id })) as StoredBillingAccount | undefined;
  if (account === undefined) throw new NotFoundError('Billing account');
  return account;
};

export const readPaymentIntent = async (runtime: Runtime, ctx: RequestContext, id: string): Promise<StoredPaymentIntent> => {
  const intent = (await runtime.store.get(ctx, paymentIntentEntity, { id })) as StoredPaymentIntent | undefined;
  if (intent === undefined) throw new NotFoundError('Payment intent');
  return intent;
};

export const readPayment = async (runtime: Runtime, ctx: RequestContext, id: string): Promise<StoredPayment> => {
  const payment = (await runtime.store.get(ctx, paymentEntity, { id })) as StoredPayment | undefined;
  if (payment === undefined) throw new NotFoundError('Payment');
  return payment;
};

export const readRefund = async (runtime: Runtime, ctx: RequestContext, id: string): Promise<StoredRefund> => {
  const refund = (await runtime.store.get(ctx, refundEntity, { id })) as StoredRefund | undefined;
  if (refund === undefined) throw new NotFoundError('Refund');
  return refund;
};
