/**
 * Every read of the domain: billing accounts, payment intents and refunds, one by one or a page
 * at a time. Nothing here talks to the PSP, so the Lambdas of these routes carry no PSP client.
 * (Payments themselves are read by payment-service.ts, which does not either.)
 */
import { requirePermission } from '../../../core/access/policies.js';
import type { RequestContext } from '../../../core/context.js';
import type { Runtime } from '../../../core/runtime.js';
import { pageOptions, type Page } from '../../../core/store/store.js';
import { billingAccountEntity, type StoredBillingAccount } from '../models/billing-account.js';
import type { StoredPaymentIntent } from '../models/payment-intent.js';
import { refundEntity, type StoredRefund } from '../models/refund.js';
import { readBillingAccount, readPayment, readPaymentIntent, readRefund } from './records.js';

export interface PageInput {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Newest first (ids are ULIDs), one page. */
export const newestFirst = (input: PageInput) => ({ order: 'desc' as const, ...pageOptions(input) });

export const createPaymentReads = (runtime: Runtime) => {
  const { store } = runtime;
  return {
    async billingAccount(ctx: RequestContext, id: string): Promise<StoredBillingAccount> {
      requirePermission(ctx, 'billing:read');
      return readBillingAccount(runtime, ctx, id);
    },

    async billingAccounts(ctx: RequestContext, input: PageInput): Promise<Page<StoredBillingAccount>> {
      requirePermission(ctx, 'billing:read');
      return (await store.query(ctx, billingAccountEntity, 'byTenant', {}, newestFirst(input))) as Page<StoredBillingAccount>;
    },

    async paymentIntent(ctx: RequestContext, id: string): Promise<StoredPaymentIntent> {
      requirePermission(ctx, 'payments:read');
      return readPaymentIntent(runtime, ctx, id);
    },

    async refund(ctx: RequestContext, id: string): Promise<StoredRefund> {
      requirePermission(ctx, 'refunds:read');
      return readRefund(runtime, ctx, id);
    },

    async refundsOfPayment(ctx: RequestContext, paymentId: string, input: PageInput): Promise<Page<StoredRefund>> {
      requirePermission(ctx, 'refunds:read');
      await readPayment(runtime, ctx, paymentId);
      return (await store.query(ctx, refundEntity, 'byPayment', { paymentId }, newestFirst(input))) as Page<StoredRefund>;
    },
  };
};

export type PaymentReads = ReturnType<typeof createPaymentReads>;
