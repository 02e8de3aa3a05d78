/**
 * The Stripe adapter against a fake Stripe on 127.0.0.1: what it sends (form fields, idempotency
 * keys), how it maps Stripe's answers and errors back, and webhook verification, which must agree
 * with our own verifyStripeSignature on the same signed (and tampered, stale, missing) inputs.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PspError, type PaymentProvider, type PspEvent } from './payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';
import { WebhookSignatureError, verifyStripeSignature } from './stripe-signature.js';

interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: URLSearchParams;
  idempotencyKey: string | undefined;
}
interface Reply {
  status: number;
  body: unknown;
}

const intent = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'pi_1',
  object: 'payment_intent',
  amount: 1250,
  currency: 'eur',
  status: 'requires_payment_method',
  client_secret: 'pi_1_secret_abc',
  latest_charge: null,
  last_payment_error: null,
  ...overrides,
});
const charge = { id: 'ch_1', object: 'charge', payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', funding: 'credit' } } };

let server: Server;
let port: number;
let requests: Recorded[] = [];
/** What the fake answers; each test sets its own. */
let reply: (request: Recorded) => Reply = () => ({ status: 404, body: { error: { type: 'invalid_request_error', message: 'no route' } } });

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const header = req.headers['idempotency-key'];
      const recorded: Recorded = { method: req.method ?? '', path: url.pathname, query: url.searchParams, body: new URLSearchParams(await readBody(req)), idempotencyKey: Array.isArray(header) ? header[0] : header };
      requests.push(recorded);
      const { status, body } = reply(recorded);
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` });
      res.end(JSON.stringify(body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
});

const provider = (): PaymentProvider => createStripeProvider({ secretKey: 'sk_test_fake', host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, timeoutMs: 5_000 });
const only = (): Recorded => {
  expect(requests).toHaveLength(1);
  return requests[0] as Recorded;
};
const fields = (params: URLSearchParams): Record<string, string> => Object.fromEntries(params.entries());

describe('Stripe adapter: customers', () => {
  it('creates a customer with address (region → state, postalCode → postal_code) and metadata', async () => {
    reply = () => ({ status: 200, body: { id: 'cus_1', object: 'customer' } });
    const created = await provider().createCustomer({
      name: 'Acme GmbH',
      email: 'billing@acme.example',
      phone: '+49 30 1234567',
      address: { line1: 'Hauptstraße 5', line2: '2. OG', city: 'Berlin', region: 'BE', postalCode: '10115', country: 'DE' },
      metadata: { tenantId: 't_1', billingAccountId: 'ba_1' },
    });
    expect(created).toEqual({ id: 'cus_1' });
    const r = only();
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/customers');
    expect(fields(r.body)).toEqual({
      name: 'Acme GmbH',
      email: 'billing@acme.example',
      phone: '+49 30 1234567',
      'address[line1]': 'Hauptstraße 5',
      'address[line2]': '2. OG',
      'address[city]': 'Berlin',
      'address[state]': 'BE',
      'address[postal_code]': '10115',
      'address[country]': 'DE',
      'metadata[tenantId]': 't_1',
      'metadata[billingAccountId]': 'ba_1',
    });
    // The stripe package keys every POST itself (so its own retries cannot double-create).
    expect(r.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });

  it('updates only what is given, clearing address fields the new address lacks', async () => {
    reply = () => ({ status: 200, body: { id: 'cus_1', object: 'customer' } });
    await provider().updateCustomer('cus_1', { email: 'new@acme.example', address: { line1: 'Neue Str. 1', city: 'Hamburg', country: 'DE' } });
    const r = only();
    expect(r.path).toBe('/v1/customers/cus_1');
    expect(fields(r.body)).toEqual({
      email: 'new@acme.example',
      'address[line1]': 'Neue Str. 1',
      'address[line2]': '',
      'address[city]': 'Hamburg',
      'address[state]': '',
      'address[postal_code]': '',
      'address[country]': 'DE',
    });
  });
});

describe('Stripe adapter: payment intents', () => {
  it('creates an intent: currency lower case, methods, metadata, our idempotency key; maps back', async () => {
    reply = () => ({ status: 200, body: intent() });
    const result = await provider().createPaymentIntent({
      amount: 1250,
      currency: 'EUR',
      customerId: 'cus_1',
      captureMethod: 'manual',
      confirmationMethod: 'automatic',
      setupFutureUsage: 'off_session',
      description: 'Invoice 2024-001',
      metadata: { tenantId: 't_1', paymentIntentRef: 'pir_1' },
      idempotencyKey: 'pi-create-t_1-pir_1',
    });
    const r = only();
    expect(r.path).toBe('/v1/payment_intents');
    expect(r.idempotencyKey).toBe('pi-create-t_1-pir_1');
    expect(fields(r.body)).toEqual({
      amount: '1250',
      currency: 'eur',
      customer: 'cus_1',
      capture_method: 'manual',
      confirmation_method: 'automatic',
      setup_future_usage: 'off_session',
      description: 'Invoice 2024-001',
      'metadata[tenantId]': 't_1',
      'metadata[paymentIntentRef]': 'pir_1',
    });
    expect(result).toEqual({ id: 'pi_1', clientSecret: 'pi_1_secret_abc', status: 'requires_payment_method', amount: 1250, currency: 'EUR' });
  });

  it('converts amounts where Stripe\'s units are not ISO\'s: ISK ×100, MGA ÷100, and back', async () => {
    reply = (r) => ({ status: 200, body: intent({ amount: Number(r.body.get('amount')), currency: r.body.get('currency') }) });
    const base = { captureMethod: 'automatic', confirmationMethod: 'automatic', metadata: {}, idempotencyKey: 'k' } as const;
    const isk = await provider().createPaymentIntent({ ...base, amount: 500, currency: 'ISK' });
    expect(requests.at(-1)?.body.get('amount')).toBe('50000');
    expect(isk).toMatchObject({ amount: 500, currency: 'ISK' });
    const mga = await provider().createPaymentIntent({ ...base, amount: 12300, currency: 'MGA', idempotencyKey: 'k2' });
    expect(requests.at(-1)?.body.get('amount')).toBe('123');
    expect(mga).toMatchObject({ amount: 12300, currency: 'MGA' });
    // A fraction of an ariary cannot be charged: refused before Stripe is asked.
    const asked = requests.length;
    await expect(provider().createPaymentIntent({ ...base, amount: 12345, currency: 'MGA', idempotencyKey: 'k3' })).rejects.toMatchObject({ name: 'PspError', code: 'amount_not_supported', transient: false });
    expect(requests.length).toBe(asked);
  });

  it('retrieves with the charge expanded: latest charge id and payment method details', async () => {
    reply = () => ({ status: 200, body: intent({ status: 'succeeded', currency: 'usd', latest_charge: charge }) });
    const result = await provider().retrievePaymentIntent('pi_1');
    const r = only();
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/v1/payment_intents/pi_1');
    expect(r.query.get('expand[0]')).toBe('latest_charge');
    expect(result).toMatchObject({ status: 'succeeded', currency: 'USD', latestChargeId: 'ch_1', paymentMethod: { type: 'card', brand: 'visa', last4: '4242', funding: 'credit' } });
  });

  it('takes the latest charge as a plain id too, and the last payment error', async () => {
    reply = () => ({ status: 200, body: intent({ latest_charge: 'ch_2', last_payment_error: { code: 'card_declined', message: 'Your card was declined.' } }) });
    const result = await provider().retrievePaymentIntent('pi_1');
    expect(result).toMatchObject({ latestChargeId: 'ch_2', errorCode: 'card_declined', errorMessage: 'Your card was declined.' });
    expect(result.paymentMethod).toBeUndefined();
  });

  it('maps every Stripe intent status one to one, and refuses one it does not know', async () => {
    const p = provider();
    for (const status of ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'canceled', 'succeeded']) {
      reply = () => ({ status: 200, body: intent({ status }) });
      expect((await p.retrievePaymentIntent('pi_1')).status).toBe(status);
    }
    reply = () => ({ status: 200, body: intent({ status: 'requires_source' }) });
    await expect(p.retrievePaymentIntent('pi_1')).rejects.toBeInstanceOf(PspError);
  });

  it('confirms with a payment method', async () => {
    reply = () => ({ status: 200, body: intent({ status: 'requires_capture', latest_charge: charge }) });
    const result = await provider().confirmPaymentIntent('pi_1', 'pm_card_visa');
    const r = only();
    expect(r.path).toBe('/v1/payment_intents/pi_1/confirm');
    expect(fields(r.body)).toEqual({ payment_method: 'pm_card_visa', 'expand[0]': 'latest_charge' });
    expect(result).toMatchObject({ status: 'requires_capture', latestChargeId: 'ch_1' });
  });

  it('captures part of the amount, or all of it without amount_to_capture', async () => {
    reply = () => ({ status: 200, body: intent({ status: 'succeeded', latest_charge: charge }) });
    const p = provider();
    await p.capturePaymentIntent('pi_1', 1000);
    await p.capturePaymentIntent('pi_1');
    expect(requests.map((r) => r.path)).toEqual(['/v1/payment_intents/pi_1/capture', '/v1/payment_intents/pi_1/capture']);
    expect(fields(requests[0]!.body)).toEqual({ amount_to_capture: '1000', 'expand[0]': 'latest_charge' });
    expect(fields(requests[1]!.body)).toEqual({ 'expand[0]': 'latest_charge' });
  });

  it('cancels with a reason Stripe accepts, and without one it does not', async () => {
    reply = () => ({ status: 200, body: intent({ status: 'canceled' }) });
    const p = provider();
    expect((await p.cancelPaymentIntent('pi_1', 'requested_by_customer')).status).toBe('canceled');
    await p.cancelPaymentIntent('pi_1', 'customer changed their mind');
    await p.cancelPaymentIntent('pi_1');
    expect(requests.map((r) => r.path)).toEqual(Array(3).fill('/v1/payment_intents/pi_1/cancel'));
    expect(requests.map((r) => fields(r.body))).toEqual([{ cancellation_reason: 'requested_by_customer' }, {}, {}]);
  });
});

describe('Stripe adapter: refunds', () => {
  it('refunds a charge with reason, amount, metadata and our idempotency key', async () => {
    reply = () => ({ status: 200, body: { id: 're_1', object: 'refund', status: 'pending' } });
    const result = await provider().createRefund({ chargeId: 'ch_1', amount: 500, currency: 'EUR', reason: 'duplicate', metadata: { refundId: 'rf_1' }, idempotencyKey: 'refund-rf_1' });
    const r = only();
    expect(r.path).toBe('/v1/refunds');
    expect(r.idempotencyKey).toBe('refund-rf_1');
    expect(fields(r.body)).toEqual({ charge: 'ch_1', amount: '500', reason: 'duplicate', 'metadata[refundId]': 'rf_1' });
    expect(result).toEqual({ id: 're_1', status: 'pending' });
  });

  it("refunds by intent when no charge is known, and sends no reason for 'other'", async () => {
    reply = () => ({ status: 200, body: { id: 're_2', object: 'refund', status: 'failed', failure_reason: 'expired_or_canceled_card' } });
    const result = await provider().createRefund({ paymentIntentId: 'pi_1', amount: 500, currency: 'EUR', reason: 'other', metadata: {}, idempotencyKey: 'refund-rf_2' });
    expect(fields(only().body)).toEqual({ payment_intent: 'pi_1', amount: '500' });
    expect(result).toEqual({ id: 're_2', status: 'failed', errorCode: 'expired_or_canceled_card' });
  });

  it('maps every Stripe refund status one to one', async () => {
    const p = provider();
    for (const status of ['pending', 'requires_action', 'succeeded', 'failed', 'canceled']) {
      reply = () => ({ status: 200, body: { id: 're_1', object: 'refund', status } });
      expect((await p.createRefund({ chargeId: 'ch_1', amount: 1, currency: 'EUR', reason: 'other', metadata: {}, idempotencyKey: `k-${status}` })).status).toBe(status);
    }
  });
});

describe('Stripe adapter: errors', () => {
  const failure = async (promise: Promise<unknown>): Promise<PspError> => {
    const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PspError);
    return error as PspError;
  };

  it('a card decline (402) is a PspError with Stripe\'s code, not transient', async () => {
    reply = () => ({ status: 402, body: { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } } });
    const error = await failure(provider().confirmPaymentIntent('pi_1', 'pm_1'));
    expect(error).toMatchObject({ code: 'card_declined', transient: false, message: 'Your card has insufficient funds.' });
  });

  it('an invalid request (400) is not transient', async () => {
    reply = () => ({ status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_invalid_integer', message: 'Invalid integer: -1' } } });
    expect(await failure(provider().capturePaymentIntent('pi_1', -1))).toMatchObject({ code: 'parameter_invalid_integer', transient: false });
  });

  it('a 500 and a 429 are transient, and with maxNetworkRetries 0 are asked once', async () => {
    reply = () => ({ status: 500, body: { error: { type: 'api_error', message: 'Something went wrong on Stripe\'s end.' } } });
    expect(await failure(provider().retrievePaymentIntent('pi_1'))).toMatchObject({ transient: true });
    expect(requests).toHaveLength(1);
    reply = () => ({ status: 429, body: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests.' } } });
    expect(await failure(provider().retrievePaymentIntent('pi_1'))).toMatchObject({ code: 'rate_limit', transient: true });
  });

  it('an unreachable Stripe is transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const p = createStripeProvider({ secretKey: 'sk_test_fake', host: '127.0.0.1', port: deadPort, protocol: 'http', maxNetworkRetries: 0 });
    expect(await failure(p.retrievePaymentIntent('pi_1'))).toMatchObject({ transient: true });
  });
});

describe('Stripe adapter: webhooks, and our verifyStripeSignature agreeing with Stripe', () => {
  const secret = 'whsec_test_secret';
  const signer = new Stripe('sk_test_fake').webhooks;
  const now = Math.floor(Date.now() / 1000);
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', created: now, data: { object: { id: 'pi_1', object: 'payment_intent', amount: 1250 } } });
  const good = signer.generateTestHeaderString({ payload, secret });
  const stale = signer.generateTestHeaderString({ payload, secret, timestamp: now - 301 });

  type Outcome = PspEvent | { reason: string };
  const outcome = (verify: () => PspEvent): Outcome => {
    try {
      return verify();
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookSignatureError);
      return { reason: (error as WebhookSignatureError).reason };
    }
  };

  const cases: { name: string; body: string; header: string | undefined; secret?: string; expected: Outcome }[] = [
    { name: 'a good signature', body: payload, header: good, expected: { id: 'evt_1', type: 'payment_intent.succeeded', created: now, data: { object: { id: 'pi_1', object: 'payment_intent', amount: 1250 } } } },
    { name: 'a tampered payload', body: payload.replace('1250', '9999'), header: good, expected: { reason: 'no_match' } },
    { name: 'another endpoint\'s secret', body: payload, header: good, secret: 'whsec_other', expected: { reason: 'no_match' } },
    { name: 'a timestamp 301 s old', body: payload, header: stale, expected: { reason: 'stale' } },
    { name: 'no header', body: payload, header: undefined, expected: { reason: 'missing' } },
    { name: 'an empty header', body: payload, header: '', expected: { reason: 'missing' } },
    { name: 'a header without t= or v1=', body: payload, header: 'hello', expected: { reason: 'malformed' } },
  ];

  for (const c of cases) {
    it(`${c.name}: the adapter (stripe's constructEvent) and verifyStripeSignature agree`, () => {
      const adapter = outcome(() => provider().verifyWebhook(c.body, c.header, c.secret ?? secret));
      const ours = outcome(() => verifyStripeSignature(c.body, c.header, c.secret ?? secret));
      expect(adapter).toMatchObject(c.expected);
      expect(ours).toMatchObject(c.expected);
      if (!('reason' in c.expected)) expect(adapter).toEqual(c.expected);
    });
  }
});
