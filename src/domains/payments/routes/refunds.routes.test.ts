/** Refunds over HTTP: the remaining amount holds under concurrency, failures give the amount back, replays refund once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../routes.js';
import { createTransport, type Transport } from '../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../test/support/world.js';
import { PAYMENT_PROVIDER } from '../provider/index.js';
import { createLocalProvider } from '../provider/local-provider.js';
import { PspError, type PspRefundInput } from '../provider/payment-provider.js';

let t: TestRuntime;
let api: Transport;
let f: TenantFixture;
let other: TenantFixture;
let billing: string;

beforeAll(async () => {
  t = await createTestRuntime();
  api = await createTransport('lambda', apiRoutes, t.runtime);
  f = await createTenantFixture(t, 'refunds');
  other = await createTenantFixture(t, 'refunds-other');
  billing = await t.token({ userId: 'refunds-billing', tenantId: f.tenant.id, roles: ['billing_admin'] });
});
afterAll(() => api.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = billing) => api.request({ method: 'POST', path, token, body, headers });
const get = (path: string, token = billing) => api.request({ method: 'GET', path, token });
const payment = async (grossAmount: number, currency = 'EUR') => (await post('/payments', { grossAmount, currency, fees: [{ type: 'psp_fee', amount: 30 }] })).body;

describe('refunds', () => {
  it('refunds part of a payment, then the rest, and no more', async () => {
    const paid = await payment(10_000);
    const first = await post('/refunds', { paymentId: paid.id, amount: 2500, reason: 'requested_by_customer', note: 'damaged box' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ paymentId: paid.id, amount: 2500, currency: 'EUR', reason: 'requested_by_customer', status: 'succeeded', initiatedBy: 'refunds-billing', succeededAt: expect.any(String) });
    expect(first.body.pspRefundId).toMatch(/^re_local_/);
    const over = await post('/refunds', { paymentId: paid.id, amount: 7501, reason: 'other' });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'refund_exceeds_remaining', remaining: 7500, grossAmount: 10_000, field: 'body.amount' });
    expect((await post('/refunds', { paymentId: paid.id, amount: 7500, reason: 'duplicate' })).status).toBe(201);
    expect((await get(`/payments/${paid.id}`)).body).toMatchObject({ refundedAmount: 10_000, refundableAmount: 0, refundCount: 2, grossAmount: 10_000, netAmount: 9970 });
    const listed = await get(`/payments/${paid.id}/refunds?limit=1`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].amount).toBe(7500);
    expect((await get(`/refunds/${first.body.id}`)).body.note).toBe('damaged box');
  });

  it('checks its input: currency, amount, reason, the payment', async () => {
    const paid = await payment(1000);
    expect((await post('/refunds', { paymentId: paid.id, amount: 100, currency: 'USD', reason: 'other' })).body).toMatchObject({ status: 422, code: 'currency_mismatch', expected: 'EUR' });
    const bad = await post('/refunds', { paymentId: paid.id, amount: 1.5, reason: 'because' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.amount', 'body.reason']);
    expect((await post('/refunds', { paymentId: 'nope', amount: 1, reason: 'other' })).status).toBe(404);
    // Another tenant's payment does not exist for this one.
    const theirs = await post('/payments', { grossAmount: 500, currency: 'EUR' }, {}, other.adminToken);
    expect((await post('/refunds', { paymentId: theirs.body.id, amount: 1, reason: 'other' })).status).toBe(404);
    expect((await get(`/payments/${theirs.body.id}/refunds`)).status).toBe(404);
    expect((await post('/refunds', { paymentId: paid.id, amount: 1, reason: 'other' }, {}, f.memberToken)).body).toMatchObject({ status: 403, missingPermission: 'refunds:create' });
  });

  it('50 concurrent partial refunds never refund more than the gross, and every accepted one is counted once', async () => {
    const paid = await payment(10_000);
    const results = await Promise.all(Array.from({ length: 50 }, () => post('/refunds', { paymentId: paid.id, amount: 700, reason: 'requested_by_customer' })));
    const accepted = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    // 10,000 / 700: at most 14 fit.
    expect(accepted.length).toBe(14);
    expect(refused.every((r) => r.status === 422 && r.body.code === 'refund_exceeds_remaining')).toBe(true);
    const after = (await get(`/payments/${paid.id}`)).body;
    expect(after).toMatchObject({ refundedAmount: 14 * 700, refundableAmount: 10_000 - 14 * 700, refundCount: 14 });
    expect([...after.refundIds].sort()).toEqual(accepted.map((r) => r.body.id).sort());
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await get(`/payments/${paid.id}/refunds?limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      all.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(all.sort()).toEqual(accepted.map((r) => r.body.id).sort());
  });

  it('a refund the PSP fails gives its amount back to the payment', async () => {
    const paid = await payment(5000);
    // The local PSP fails refunds of amounts ending in 13 minor units.
    const failed = await post('/refunds', { paymentId: paid.id, amount: 1013, reason: 'other' });
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({ status: 'failed', pspErrorCode: 'expired_or_canceled_card', failedAt: expect.any(String) });
    expect((await get(`/payments/${paid.id}`)).body).toMatchObject({ refundedAmount: 0, refundableAmount: 5000, refundCount: 0, refundIds: [failed.body.id] });
    expect((await post('/refunds', { paymentId: paid.id, amount: 5000, reason: 'other' })).status).toBe(201);
  });

  it('a replayed refund (same Idempotency-Key) refunds once', async () => {
    const paid = await payment(3000);
    const key = `refund-${Date.now()}`;
    const first = await post('/refunds', { paymentId: paid.id, amount: 1000, reason: 'duplicate' }, { 'idempotency-key': key });
    const replays = await Promise.all([1, 2, 3].map(() => post('/refunds', { paymentId: paid.id, amount: 1000, reason: 'duplicate' }, { 'idempotency-key': key })));
    for (const replay of replays) {
      expect(replay.body.id).toBe(first.body.id);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    }
    expect((await get(`/payments/${paid.id}`)).body).toMatchObject({ refundedAmount: 1000, refundCount: 1 });
    expect((await post('/refunds', { paymentId: paid.id, amount: 999, reason: 'duplicate' }, { 'idempotency-key': key })).body.code).toBe('idempotency_key_reused');
  });
});

describe('refunds when the PSP cannot be reached', () => {
  it('keeps the refund pending with its amount held, answers 503, and a retry with the same key finishes that refund', async () => {
    const local = createLocalProvider();
    const asked: string[] = [];
    // The line drops on every refund: the PSP is unreachable.
    t.runtime.provide(PAYMENT_PROVIDER, { ...local, createRefund: (input: PspRefundInput) => { asked.push(input.idempotencyKey); return Promise.reject(new PspError('socket hang up', undefined, true)); } });
    const key = `dropped-${Date.now()}`;
    const paid = await payment(2000);
    try {
      const res = await post('/refunds', { paymentId: paid.id, amount: 500, reason: 'other' }, { 'idempotency-key': key });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.code).toBe('psp_unavailable');
      const after = (await get(`/payments/${paid.id}`)).body;
      expect(after).toMatchObject({ refundedAmount: 500, refundableAmount: 1500, refundCount: 1 });
      expect(res.body.refundId).toBe(after.refundIds[0]);
      expect((await get(`/refunds/${res.body.refundId}`)).body.status).toBe('pending');
    } finally {
      t.runtime.provide(PAYMENT_PROVIDER, { ...local, createRefund: (input: PspRefundInput) => { asked.push(input.idempotencyKey); return local.createRefund(input); } });
    }
    // The PSP is back: the retry asks again for the same refund (same PSP key) and nothing more is held.
    const retried = await post('/refunds', { paymentId: paid.id, amount: 500, reason: 'other' }, { 'idempotency-key': key });
    expect(retried.status).toBe(201);
    expect(retried.body.status).toBe('succeeded');
    expect(asked).toHaveLength(2);
    expect(asked[1]).toBe(asked[0]);
    expect((await get(`/payments/${paid.id}`)).body).toMatchObject({ refundedAmount: 500, refundCount: 1, refundIds: [retried.body.id] });
    // The same key for another refund is refused.
    expect((await post('/refunds', { paymentId: paid.id, amount: 400, reason: 'other' }, { 'idempotency-key': key })).body.code).toBe('idempotency_key_reused');
    t.runtime.provide(PAYMENT_PROVIDER, createLocalProvider());
  });
});

describe('refunds without a payment provider', () => {
  it('answer 503 psp_not_configured before anything is reserved', async () => {
    const bare = await createTestRuntime({ env: { PAYMENT_PROVIDER: '' } });
    const http = await createTransport('lambda', apiRoutes, bare.runtime);
    const tenant = await createTenantFixture(bare, 'refunds-no-psp');
    try {
      // A payment settled elsewhere can still be recorded, naming its PSP.
      const paid = await http.request({ method: 'POST', path: '/payments', token: tenant.adminToken, body: { grossAmount: 900, currency: 'EUR' } });
      expect(paid.body).toMatchObject({ status: 422, field: 'body.psp' });
      const named = await http.request({ method: 'POST', path: '/payments', token: tenant.adminToken, body: { grossAmount: 900, currency: 'EUR', psp: 'stripe' } });
      expect(named.body).toMatchObject({ psp: 'stripe', netAmount: 900 });
      const refund = await http.request({ method: 'POST', path: '/refunds', token: tenant.adminToken, body: { paymentId: named.body.id, amount: 100, reason: 'other' } });
      expect(refund.status).toBe(503);
      expect(refund.body).toMatchObject({ code: 'store_unavailable', reason: 'psp_not_configured' });
      expect((await http.request({ method: 'GET', path: `/payments/${named.body.id}`, token: tenant.adminToken })).body).toMatchObject({ refundedAmount: 0, refundCount: 0, refundIds: [] });
    } finally {
      await http.close();
    }
  });
});
