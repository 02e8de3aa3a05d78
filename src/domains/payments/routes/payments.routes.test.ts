/** Billing accounts, payment intents and payments over HTTP, through the Lambda handler and the local server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../core/context.js';
import { apiRoutes } from '../../../routes.js';
import { createTransport, type Transport, type TransportKind } from '../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../test/support/world.js';
import { paymentIntentService } from '../services/index.js';
import type { WriteHook } from '../../../core/store/write-ops.js';
import { PAYMENT_PROVIDER } from '../provider/index.js';
import { createLocalProvider } from '../provider/local-provider.js';
import { PspError, type PspCustomerInput, type PspIntentInput } from '../provider/payment-provider.js';

describe.each<TransportKind>(['lambda', 'local-server'])('payments via %s', (kind) => {
  let t: TestRuntime;
  let api: Transport;
  let f: TenantFixture;
  let billing: string;

  beforeAll(async () => {
    t = await createTestRuntime();
    api = await createTransport(kind, apiRoutes, t.runtime);
    f = await createTenantFixture(t, `pay${kind}`);
    billing = await t.token({ userId: `billing-${kind}`, tenantId: f.tenant.id, roles: ['billing_admin'] });
  });
  afterAll(() => api.close());

  const post = (path: string, body: unknown, token = billing, headers: Record<string, string> = {}) => api.request({ method: 'POST', path, token, body, headers });
  const get = (path: string, token = billing) => api.request({ method: 'GET', path, token });
  const account = async (currency = 'EUR') => (await post('/billing-accounts', { name: 'Acme GmbH', billingEmail: 'billing@acme.example', currency })).body;
  const paidIntent = async (amount: number, currency: string) => {
    const intent = (await post('/payment-intents', { amount, currency })).body;
    return (await post(`/payment-intents/${intent.id}/confirm`, { paymentMethod: 'pm_card_visa' })).body;
  };

  it('billing accounts: create with the PSP customer, read, list newest first, change with If-Match', async () => {
    const created = await post('/billing-accounts', {
      name: 'Acme GmbH', billingEmail: 'Billing@Acme.example', currency: 'eur', taxId: 'DE123456789', taxExempt: 'reverse',
      address: { line1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'de' }, creditLimit: 50000,
    });
    expect(created.status).toBe(201);
    expect(created.headers['location']).toBe(`/billing-accounts/${created.body.id}`);
    expect(created.body).toMatchObject({ currency: 'EUR', billingEmail: 'billing@acme.example', psp: 'local', status: 'active', balance: 0, autoCharge: true, allowedPaymentMethods: ['card'], address: { country: 'DE' } });
    expect(created.body.pspCustomerId).toMatch(/^cus_local_/);
    const second = await account('JPY');
    const listed = await get('/billing-accounts?limit=1');
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([second.id]);
    expect(listed.body.nextCursor).not.toBeNull();
    const changed = await api.request({ method: 'PATCH', path: `/billing-accounts/${created.body.id}`, token: billing, headers: { 'if-match': '"1"' }, body: { name: 'Acme AG', status: 'suspended', statusReason: 'unpaid invoice' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Acme AG', status: 'suspended', statusReason: 'unpaid invoice', version: 2 });
    expect((await api.request({ method: 'PATCH', path: `/billing-accounts/${created.body.id}`, token: billing, headers: { 'if-match': '"1"' }, body: { name: 'x' } })).status).toBe(412);
    // A suspended account takes no payments.
    expect((await post('/payment-intents', { amount: 100, currency: 'EUR', billingAccountId: created.body.id })).body).toMatchObject({ status: 422, code: 'billing_account_closed' });
    expect((await post('/payments', { grossAmount: 100, currency: 'EUR', billingAccountId: created.body.id })).body).toMatchObject({ status: 422, code: 'billing_account_closed' });
    const closed = await api.request({ method: 'PATCH', path: `/billing-accounts/${created.body.id}`, token: billing, body: { status: 'closed' } });
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect((await api.request({ method: 'PATCH', path: `/billing-accounts/${created.body.id}`, token: billing, body: { status: 'active' } })).body.code).toBe('billing_account_closed');
  });

  it('billing accounts: bad input is 400 with the field path, nothing written', async () => {
    const bad = await post('/billing-accounts', { name: '', billingEmail: 'nope', currency: 'EURO', address: { line1: 'x', city: 'y', country: 'Germany' }, creditLimit: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.address.country', 'body.billingEmail', 'body.creditLimit', 'body.currency', 'body.name']);
    const created = await account();
    const currency = await api.request({ method: 'PATCH', path: `/billing-accounts/${created.id}`, token: billing, body: { currency: 'USD' } });
    expect(currency.status).toBe(400);
    expect(currency.body.errors[0]).toMatchObject({ path: 'body.currency', code: 'unrecognized_keys' });
    expect((await get('/billing-accounts/nope')).status).toBe(404);
    expect((await post('/billing-accounts', { name: 'x', billingEmail: 'a@b.example', currency: 'EUR' }, f.memberToken)).body).toMatchObject({ status: 403, missingPermission: 'billing:create' });
  });

  it('payment intents: client secret for the creator only, the transitions, each change in the history', async () => {
    const acct = await account('USD');
    const created = await post('/payment-intents', { amount: 1999, currency: 'usd', billingAccountId: acct.id, description: 'Pro plan' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ amount: 1999, currency: 'USD', status: 'requires_payment_method', psp: 'local', webhookCount: 0 });
    expect(created.body.clientSecret).toMatch(/^pi_local_.+_secret_/);
    expect((await get(`/payment-intents/${created.body.id}`)).body.clientSecret).toBe(created.body.clientSecret);
    expect((await get(`/payment-intents/${created.body.id}`, f.adminToken)).body.clientSecret).toBeUndefined();
    const declined = await post(`/payment-intents/${created.body.id}/confirm`, { paymentMethod: 'pm_card_chargeDeclined' });
    expect(declined.body).toMatchObject({ status: 'requires_payment_method', pspErrorCode: 'card_declined' });
    const paid = await post(`/payment-intents/${created.body.id}/confirm`, { paymentMethod: 'pm_card_visa' });
    expect(paid.body).toMatchObject({ status: 'succeeded', paymentMethod: { type: 'card', brand: 'visa', last4: '4242' } });
    expect(paid.body.pspErrorCode).toBeUndefined();
    expect(paid.body.pspChargeId).toMatch(/^ch_local_/);
    expect(paid.body.statusHistory.map((h: { from: string | null; to: string }) => `${h.from}>${h.to}`)).toEqual(['null>created', 'created>requires_payment_method', 'requires_payment_method>succeeded']);
    // Succeeded is final: cancel is an illegal transition.
    const cancel = await post(`/payment-intents/${created.body.id}/cancel`, {});
    expect(cancel.status).toBe(422);
    expect(cancel.body).toMatchObject({ code: 'invalid_transition', from: 'succeeded', to: 'canceled' });
    // The same through the status update operation.
    const ctx = systemContext({ tenantId: f.tenant.id });
    await expect(paymentIntentService(t.runtime).updateStatus(ctx, created.body.id, { to: 'processing', source: 'api' })).rejects.toMatchObject({ status: 422, code: 'invalid_transition' });
    // Manual capture: authorised, then captured.
    const manual = (await post('/payment-intents', { amount: 5000, currency: 'USD', captureMethod: 'manual' })).body;
    expect((await post(`/payment-intents/${manual.id}/confirm`, { paymentMethod: 'pm_card_mastercard' })).body.status).toBe('requires_capture');
    expect((await post(`/payment-intents/${manual.id}/capture`, { amount: 6000 })).body).toMatchObject({ status: 422, field: 'body.amount' });
    expect((await post(`/payment-intents/${manual.id}/capture`, {})).body.status).toBe('succeeded');
    const dropped = (await post('/payment-intents', { amount: 700, currency: 'USD' })).body;
    expect((await post(`/payment-intents/${dropped.id}/cancel`, { reason: 'abandoned' })).body).toMatchObject({ status: 'canceled', cancellationReason: 'abandoned', canceledAt: expect.any(String) });
  });

  it('amounts are whole minor units in a real currency: fractions, negatives and unknown codes are 400', async () => {
    for (const [body, path] of [
      [{ amount: 10.5, currency: 'EUR' }, 'body.amount'],
      [{ amount: -1, currency: 'EUR' }, 'body.amount'],
      [{ amount: 0, currency: 'EUR' }, 'body.amount'],
      [{ amount: '100', currency: 'EUR' }, 'body.amount'],
      [{ amount: 100, currency: 'XYZ' }, 'body.currency'],
    ] as const) {
      const res = await post('/payment-intents', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    const acct = await account('EUR');
    const mismatch = await post('/payment-intents', { amount: 100, currency: 'USD', billingAccountId: acct.id });
    expect(mismatch.body).toMatchObject({ status: 422, code: 'currency_mismatch', expected: 'EUR', actual: 'USD' });
  });

  it('payments: net is computed from the fee breakdown, in each currency\'s own minor units, and the money never changes', async () => {
    const intent = await paidIntent(500, 'JPY');
    const yen = await post('/payments', { grossAmount: 500, currency: 'JPY', paymentIntentId: intent.id, fees: [{ type: 'psp_fee', amount: 18 }, { type: 'fx', amount: 2 }], pspChargeId: `ch_${intent.id}` });
    expect(yen.status).toBe(201);
    expect(yen.body).toMatchObject({ grossAmount: 500, feeAmount: 20, netAmount: 480, currency: 'JPY', refundedAmount: 0, refundableAmount: 500, refundCount: 0, refundIds: [] });
    expect((await get(`/payment-intents/${intent.id}`)).body.paymentId).toBe(yen.body.id);
    // Without a charge id of its own, the payment takes the intent's.
    const fromIntent = await paidIntent(700, 'JPY');
    expect((await post('/payments', { grossAmount: 700, currency: 'JPY', paymentIntentId: fromIntent.id })).body).toMatchObject({ pspChargeId: fromIntent.pspChargeId, psp: 'local' });
    // One payment per intent.
    expect((await post('/payments', { grossAmount: 500, currency: 'JPY', paymentIntentId: intent.id })).body).toMatchObject({ status: 409, code: 'already_exists' });
    const dinar = await post('/payments', { grossAmount: 12345, currency: 'KWD', feeAmount: 345 });
    expect(dinar.body).toMatchObject({ grossAmount: 12345, feeAmount: 345, netAmount: 12000, fees: [{ type: 'total', amount: 345 }] });

    expect((await post('/payments', { grossAmount: 100, currency: 'EUR', netAmount: 90 })).body.errors[0]).toMatchObject({ path: 'body.netAmount', code: 'unrecognized_keys' });
    expect((await post('/payments', { grossAmount: 100, currency: 'EUR', fees: [{ type: 'fee', amount: 150 }] })).body).toMatchObject({ status: 422, code: 'fees_exceed_gross' });
    expect((await post('/payments', { grossAmount: 100, currency: 'EUR', feeAmount: 5, fees: [{ type: 'fee', amount: 4 }] })).body).toMatchObject({ status: 422, field: 'body.feeAmount' });
    const pending = (await post('/payment-intents', { amount: 100, currency: 'EUR' })).body;
    expect((await post('/payments', { grossAmount: 100, currency: 'EUR', paymentIntentId: pending.id })).body).toMatchObject({ status: 422, code: 'invalid_transition' });
    expect((await post('/payments', { grossAmount: 100, currency: 'USD', paymentIntentId: (await paidIntent(100, 'EUR')).id })).body.code).toBe('currency_mismatch');

    const settled = await api.request({ method: 'PATCH', path: `/payments/${yen.body.id}`, token: billing, body: { grossAmount: 600, netAmount: 1 } });
    expect(settled.status).toBe(422);
    expect(settled.body).toMatchObject({ code: 'payment_settled', fields: ['body.grossAmount', 'body.netAmount'] });
    const noted = await api.request({ method: 'PATCH', path: `/payments/${yen.body.id}`, token: billing, headers: { 'if-match': '"1"' }, body: { reconciliation: { reconciled: true, notes: 'bank statement 11/24' }, receipt: { number: 'R-1001', email: 'a@b.example' } } });
    expect(noted.status).toBe(200);
    expect(noted.body).toMatchObject({ grossAmount: 500, netAmount: 480, version: 2, reconciliation: { reconciled: true, reconciledAt: expect.any(String), notes: 'bank statement 11/24' }, receipt: { number: 'R-1001' } });
  });

  it('payments: listed newest first for the tenant and per billing account, one page at a time', async () => {
    const acct = await account('EUR');
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) made.push((await post('/payments', { grossAmount: 100 + i, currency: 'EUR', billingAccountId: acct.id })).body.id);
    const first = await get(`/payments?billingAccountId=${acct.id}&limit=2`);
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual([made[2], made[1]]);
    const rest = await get(`/payments?billingAccountId=${acct.id}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(rest.body).toMatchObject({ items: [{ id: made[0] }], nextCursor: null });
    expect((await get('/payments?limit=1')).body.items[0].id).toBe(made[2]);
    const other = await account('USD');
    expect((await post('/payments', { grossAmount: 100, currency: 'EUR', billingAccountId: other.id })).body.code).toBe('currency_mismatch');
  });

  it('an Idempotency-Key replays the first answer: one intent, one payment, and a different body with the same key is 422', async () => {
    const key = `pay-${kind}-${Date.now()}`;
    const first = await post('/payments', { grossAmount: 4200, currency: 'EUR' }, billing, { 'idempotency-key': key });
    const again = await post('/payments', { grossAmount: 4200, currency: 'EUR' }, billing, { 'idempotency-key': key });
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await post('/payments', { grossAmount: 4300, currency: 'EUR' }, billing, { 'idempotency-key': key })).body.code).toBe('idempotency_key_reused');
    const intentKey = `${key}-intent`;
    const a = await post('/payment-intents', { amount: 100, currency: 'EUR' }, billing, { 'idempotency-key': intentKey });
    const b = await post('/payment-intents', { amount: 100, currency: 'EUR' }, billing, { 'idempotency-key': intentKey });
    expect(b.body.id).toBe(a.body.id);
    expect(b.body.pspIntentId).toBe(a.body.pspIntentId);
  });
});

describe('a client retry after our own write failed', () => {
  it('gets the same PSP intent and customer back (the PSP key comes from the Idempotency-Key), not a second one', async () => {
    // Our write fails once, after the PSP made its object: as if DynamoDB failed at that moment.
    const failing = new Set(['BillingAccount', 'PaymentIntent']);
    const hook: WriteHook = {
      name: 'fail-once',
      appliesTo: (op) => op.type === 'create' && failing.has(op.entity.name),
      actions: (_ctx, planned) => {
        const name = planned.find((p) => p.op.type === 'create' && failing.has(p.op.entity.name))?.op.entity.name;
        if (name !== undefined && failing.delete(name)) throw new Error('DynamoDB went away');
        return [];
      },
    };
    const t = await createTestRuntime({ hooks: [hook] });
    const local = createLocalProvider();
    const made = { customers: new Set<string>(), intents: new Set<string>() };
    t.runtime.provide(PAYMENT_PROVIDER, {
      ...local,
      createCustomer: async (input: PspCustomerInput) => { const customer = await local.createCustomer(input); made.customers.add(customer.id); return customer; },
      createPaymentIntent: async (input: PspIntentInput) => { const intent = await local.createPaymentIntent(input); made.intents.add(intent.id); return intent; },
    });
    const api = await createTransport('lambda', apiRoutes, t.runtime);
    const f = await createTenantFixture(t, 'psp-retry');
    try {
      const send = (path: string, body: unknown, key: string) => api.request({ method: 'POST', path, token: f.adminToken, body, headers: { 'idempotency-key': key } });
      expect((await send('/billing-accounts', { name: 'Retry AB', billingEmail: 'r@retry.example', currency: 'SEK' }, 'acct-1')).status).toBe(500);
      const account = await send('/billing-accounts', { name: 'Retry AB', billingEmail: 'r@retry.example', currency: 'SEK' }, 'acct-1');
      expect(account.status).toBe(201);
      expect((await send('/payment-intents', { amount: 9900, currency: 'SEK' }, 'order-1')).status).toBe(500);
      const intent = await send('/payment-intents', { amount: 9900, currency: 'SEK' }, 'order-1');
      expect(intent.status).toBe(201);
      // The local PSP, like Stripe, answers a repeated key with the object it made the first time.
      expect([...made.intents]).toEqual([intent.body.pspIntentId]);
      // A new key is a new intent.
      const other = await send('/payment-intents', { amount: 9900, currency: 'SEK' }, 'order-2');
      expect(other.body.pspIntentId).not.toBe(intent.body.pspIntentId);
      expect(made.intents.size).toBe(2);
      expect([...made.customers]).toEqual([account.body.pspCustomerId]);
    } finally {
      await api.close();
    }
  });
});

describe('a card declined at Stripe', () => {
  it('answers the intent as Stripe left it (waiting for another method, the decline as its error), not a bare 422', async () => {
    const t = await createTestRuntime();
    const local = createLocalProvider();
    // Stripe's way: the confirm call fails with the card error; the intent keeps the decline.
    t.runtime.provide(PAYMENT_PROVIDER, {
      ...local,
      confirmPaymentIntent: async (id: string, method: string) => {
        const after = await local.confirmPaymentIntent(id, method);
        if (after.errorCode !== undefined) throw new PspError('Your card was declined.', after.errorCode, false);
        return after;
      },
    });
    const api = await createTransport('lambda', apiRoutes, t.runtime);
    const f = await createTenantFixture(t, 'stripe-decline');
    try {
      const intent = (await api.request({ method: 'POST', path: '/payment-intents', token: f.adminToken, body: { amount: 1500, currency: 'EUR' } })).body;
      const declined = await api.request({ method: 'POST', path: `/payment-intents/${intent.id}/confirm`, token: f.adminToken, body: { paymentMethod: 'pm_card_chargeDeclined' } });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'requires_payment_method', pspErrorCode: 'card_declined', pspErrorMessage: 'Your card was declined.' });
      // Another refusal that leaves no error on the intent stays a 422.
      const unknown = await api.request({ method: 'POST', path: `/payment-intents/${intent.id}/confirm`, token: f.adminToken, body: { paymentMethod: 'pm_card_nope' } });
      expect(unknown.body).toMatchObject({ status: 422, code: 'psp_refused', pspCode: 'resource_missing' });
      const paid = await api.request({ method: 'POST', path: `/payment-intents/${intent.id}/confirm`, token: f.adminToken, body: { paymentMethod: 'pm_card_visa' } });
      expect(paid.body.status).toBe('succeeded');
    } finally {
      await api.close();
    }
  });
});
