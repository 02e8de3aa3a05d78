/** Payment records of one tenant, made through the services (local PSP): what the walkers point at. */
import { systemContext } from '../../src/core/context.js';
import type { Runtime } from '../../src/core/runtime.js';
import { payments } from '../../src/domains/payments/services/index.js';

export interface PaymentRecords {
  billingAccountId: string;
  paymentIntentId: string;
  paymentId: string;
  refundId: string;
}

export const createPaymentRecords = async (runtime: Runtime, tenantId: string): Promise<PaymentRecords> => {
  const ctx = systemContext({ tenantId });
  const services = payments(runtime);
  const account = await services.billingAccounts.create(ctx, { name: 'Fixture GmbH', billingEmail: 'billing@fixture.example', currency: 'EUR' });
  const intent = await services.intents.create(ctx, { amount: 5000, currency: 'EUR', billingAccountId: account.id });
  await services.intents.confirm(ctx, intent.id, 'pm_card_visa');
  const payment = await services.payments.record(ctx, { grossAmount: 5000, currency: 'EUR', fees: [{ type: 'psp_fee', amount: 170 }], billingAccountId: account.id, paymentIntentId: intent.id, pspChargeId: `ch_fixture_${intent.id}` });
  const refund = await services.refunds.create(ctx, { paymentId: payment.id, amount: 1000, reason: 'requested_by_customer' });
  return { billingAccountId: account.id, paymentIntentId: intent.id, paymentId: payment.id, refundId: refund.id };
};
