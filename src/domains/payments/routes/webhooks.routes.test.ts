/**
 * POST /webhooks/stripe with events signed by the stripe package's own test helper: good, bad,
 * stale and replayed signatures, and events applied in creation order whatever the arrival order.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../routes.js';
import { createTransport, type Transport } from '../../../../test/support/http.js';
import { TEST_STRIPE_WEBHOOK_SECRET, createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../test/support/world.js';

let t: TestRuntime;
let api: Transport;
let f: TenantFixture;
let billing: string;
const stripe = new Stripe('sk_test_unused');
let seq = 0;

beforeAll(async () => {
  t = await createTestRuntime({ env: { LOG_LEVEL: 'error' } });
  api = await createTransport('lambda', apiRoutes, t.runtime);
  f = await createTenantFixture(t, 'webhooks');
  billing = await t.token({ userId: 'webhooks-billing', tenantId: f.tenant.id, roles: ['billing_admin'] });
});
afterAll(() => api.close());

const now = () => Math.floor(Date.now() / 1000);
const event = (type: string, object: Record<string, unknown>, created = now()) => ({ id: `evt_test_${Date.now()}_${++seq}`, object: 'event', type, created, data: { object } });

/** Sends an event as Stripe would: the raw JSON and its signature. */
const deliver = (body: unknown, options: { secret?: string; timestamp?: number; tamper?: boolean; header?: string | null } = {}) => {
  const payload = JSON.stringify(body);
  const signature = options.header === undefined
    ? stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_STRIPE_WEBHOOK_SECRET, ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }) })
    : options.header;
  return api.request({
    method: 'POST',
    path: '/webhooks/stripe',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
    rawBody: options.tamper === true ? payload.replace('"created"', '"created" ') : payload,
  });
};

const post = (path: string, body: unknown) => api.request({ method: 'POST', path, token: billing, body });
const get = (path: string) => api.request({ method: 'GET', path, token: billing });
const newIntent = async () => (await post('/payment-intents', { amount: 2500, currency: 'EUR' })).body;

describe('POST /webhooks/stripe', () => {
  it('accepts a good signature and refuses a bad, stale, missing or foreign one with 401', async () => {
    const intent = await newIntent();
    const ok = await deliver(event('payment_intent.processing', { id: intent.pspIntentId, object: 'payment_intent', status: 'processing' }));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ received: true, duplicate: false, outcome: 'applied', type: 'payment_intent.processing' });
    const cases: Array<[string, Parameters<typeof deliver>[1], string]> = [
      ['tampered body', { tamper: true }, 'no_match'],
      ['another endpoint\'s secret', { secret: 'whsec_someone_else' }, 'no_match'],
      ['301 seconds old', { timestamp: now() - 301 }, 'stale'],
      ['no header', { header: null }, 'missing'],
      ['garbage header', { header: 'hello' }, 'malformed'],
    ];
    for (const [why, options, reason] of cases) {
      const res = await deliver(event('payment_intent.succeeded', { id: intent.pspIntentId, status: 'succeeded' }), options);
      expect(res.status, why).toBe(401);
      expect(res.body, why).toMatchObject({ code: 'invalid_signature', reason });
    }
    // Within the tolerance is fine.
    expect((await deliver(event('payment_intent.requires_action', { id: intent.pspIntentId, status: 'requires_action' }), { timestamp: now() - 290 })).status).toBe(200);
    const after = (await get(`/payment-intents/${intent.id}`)).body;
    expect(after).toMatchObject({ status: 'requires_action', webhookCount: 2, lastWebhookAt: expect.any(String) });
  });

  it('records each event once: a replay (even concurrent) is acknowledged and changes nothing', async () => {
    const intent = await newIntent();
    const succeeded = event('payment_intent.succeeded', { id: intent.pspIntentId, status: 'succeeded' });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(succeeded)));
    expect(results.map((r) => [r.status, r.body.code, r.body.detail])).toEqual(results.map(() => [200, undefined, undefined]));
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(results.filter((r) => r.body.duplicate === true)).toHaveLength(4);
    const after = (await get(`/payment-intents/${intent.id}`)).body;
    expect(after).toMatchObject({ status: 'succeeded', webhookCount: 1 });
    expect(after.statusHistory.filter((h: { source: string }) => h.source === 'webhook')).toHaveLength(1);
  });

  it('applies events in the order they were created, whatever order they arrive in', async () => {
    const intent = await newIntent();
    const t0 = now() - 60;
    const processing = event('payment_intent.processing', { id: intent.pspIntentId, status: 'processing' }, t0 + 10);
    const succeeded = event('payment_intent.succeeded', { id: intent.pspIntentId, status: 'succeeded' }, t0 + 20);
    const created = event('payment_intent.created', { id: intent.pspIntentId, status: 'requires_payment_method' }, t0);
    expect((await deliver(succeeded)).body.outcome).toBe('applied');
    expect((await deliver(created)).body.outcome).toBe('stale');
    expect((await deliver(processing)).body.outcome).toBe('stale');
    const after = (await get(`/payment-intents/${intent.id}`)).body;
    expect(after).toMatchObject({ status: 'succeeded', webhookCount: 3 });
    expect(after.statusHistory.at(-1)).toMatchObject({ to: 'succeeded', source: 'webhook', eventId: succeeded.id });
    // Two events on one intent at the same moment: both applied (the loser reads again), newest state wins.
    const raced = await newIntent();
    const both = await Promise.all([
      deliver(event('payment_intent.processing', { id: raced.pspIntentId, status: 'processing' }, t0 + 1)),
      deliver(event('payment_intent.succeeded', { id: raced.pspIntentId, status: 'succeeded' }, t0 + 2)),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await get(`/payment-intents/${raced.id}`)).body).toMatchObject({ status: 'succeeded', webhookCount: 2 });
    // A failure with the PSP's error.
    const other = await newIntent();
    await deliver(event('payment_intent.payment_failed', { id: other.pspIntentId, status: 'requires_payment_method', last_payment_error: { code: 'card_declined', message: 'Your card was declined.' } }, t0 + 1));
    expect((await get(`/payment-intents/${other.id}`)).body).toMatchObject({ status: 'failed', pspErrorCode: 'card_declined', pspErrorMessage: 'Your card was declined.' });
    // The customer tries another card, and it goes through: the error is cleared, the charge recorded.
    expect((await deliver(event('payment_intent.succeeded', { id: other.pspIntentId, status: 'succeeded', latest_charge: 'ch_retry_1' }, t0 + 5))).body.outcome).toBe('applied');
    expect((await get(`/payment-intents/${other.id}`)).body).toMatchObject({ status: 'succeeded', pspChargeId: 'ch_retry_1' });
    expect((await get(`/payment-intents/${other.id}`)).body.pspErrorCode).toBeUndefined();
  });

  it('applies refund.*, charge.refunded and charge.dispute.* to the records', async () => {
    const paid = (await post('/payments', { grossAmount: 8000, currency: 'EUR', pspChargeId: `ch_test_${Date.now()}` })).body;
    const refund = (await post('/refunds', { paymentId: paid.id, amount: 1000, reason: 'other' })).body;
    // A refund that later fails at the PSP: status follows, the amount goes back.
    const failed = await deliver(event('refund.failed', { id: refund.pspRefundId, object: 'refund', status: 'failed', failure_reason: 'lost_or_stolen_card' }));
    expect(failed.body.outcome).toBe('stale');
    // (succeeded is final.) Pending ones settle later: one succeeds, one fails and gives its amount back.
    const settles = (await post('/refunds', { paymentId: paid.id, amount: 517, reason: 'other' })).body;
    const bounces = (await post('/refunds', { paymentId: paid.id, amount: 1017, reason: 'other' })).body;
    expect([settles.status, bounces.status]).toEqual(['pending', 'pending']);
    expect((await get(`/payments/${paid.id}`)).body).toMatchObject({ refundedAmount: 2534, refundCount: 3 });
    expect((await deliver(event('refund.updated', { id: settles.pspRefundId, object: 'refund', status: 'succeeded' }))).body.outcome).toBe('applied');
    expect((await deliver(event('refund.failed', { id: bounces.pspRefundId, object: 'refund', status: 'failed', failure_reason: 'lost_or_stolen_card' }))).body.outcome).toBe('applied');
    expect((await get(`/refunds/${settles.id}`)).body).toMatchObject({ status: 'succeeded', succeededAt: expect.any(String) });
    expect((await get(`/refunds/${bounces.id}`)).body).toMatchObject({ status: 'failed', pspErrorCode: 'lost_or_stolen_card' });
    expect((await get(`/payments/${paid.id}`)).body).toMatchObject({ refundedAmount: 1517, refundableAmount: 6483, refundCount: 2 });
    // A refund made in the Stripe dashboard arrives with charge.refunded: recorded and counted.
    const external = await deliver(event('charge.refunded', { id: paid.pspChargeId, object: 'charge', amount_refunded: 2500, refunds: { data: [{ id: `re_dash_${Date.now()}`, object: 'refund', amount: 1000, status: 'succeeded', reason: 'requested_by_customer' }] } }));
    expect(external.body).toMatchObject({ outcome: 'applied' });
    const afterExternal = (await get(`/payments/${paid.id}`)).body;
    expect(afterExternal).toMatchObject({ refundedAmount: 2517, refundableAmount: 5483, refundCount: 3 });
    const listed = (await get(`/payments/${paid.id}/refunds`)).body.items;
    expect(listed.find((r: { initiatedBy: string }) => r.initiatedBy === 'psp')).toMatchObject({ amount: 1000, status: 'succeeded', reason: 'requested_by_customer' });
    // The same refund reported again (a later event): nothing more is counted.
    expect((await deliver(event('charge.refunded', { id: paid.pspChargeId, object: 'charge', refunds: { data: [{ id: listed.find((r: { initiatedBy: string }) => r.initiatedBy === 'psp').pspRefundId, amount: 1000, status: 'succeeded' }] } }))).body.outcome).toBe('stale');
    expect((await get(`/payments/${paid.id}`)).body.refundCount).toBe(3);
    // A dashboard refund announced by refund.created (charges no longer list their refunds).
    const dashboard = await deliver(event('refund.created', { id: `re_dash2_${Date.now()}`, object: 'refund', amount: 300, status: 'succeeded', charge: paid.pspChargeId }));
    expect(dashboard.body.outcome).toBe('applied');
    expect((await get(`/payments/${paid.id}`)).body).toMatchObject({ refundedAmount: 2817, refundCount: 4 });
    // A dispute opens, then (an older update arriving late) is not rolled back.
    const opened = event('charge.dispute.created', { id: 'dp_test_1', object: 'dispute', charge: paid.pspChargeId, status: 'needs_response', reason: 'fraudulent' }, now());
    const older = event('charge.dispute.updated', { id: 'dp_test_1', object: 'dispute', charge: paid.pspChargeId, status: 'warning_needs_response', reason: 'fraudulent' }, now() - 30);
    expect((await deliver(opened)).body.outcome).toBe('applied');
    expect((await deliver(older)).body.outcome).toBe('stale');
    expect((await get(`/payments/${paid.id}`)).body.dispute).toEqual({ id: 'dp_test_1', status: 'needs_response', reason: 'fraudulent' });
    // Unknown objects and types are acknowledged and ignored.
    expect((await deliver(event('customer.created', { id: 'cus_x' }))).body).toMatchObject({ outcome: 'ignored', duplicate: false });
    expect((await deliver(event('payment_intent.succeeded', { id: 'pi_unknown', status: 'succeeded' }))).body.outcome).toBe('ignored');
  });
});
