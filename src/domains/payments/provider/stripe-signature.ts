/**
 * Stripe's webhook signature (`Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`): the
 * HMAC of `<t>.<raw body>` under the endpoint's secret, compared in constant time, and `t` within
 * the tolerance of now. Our own (about 30 lines) so that the webhook Lambda does not bundle the
 * stripe package; the tests sign with the stripe package's own helper to prove the two agree.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PspEvent } from './payment-provider.js';

export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureFailure = 'missing' | 'malformed' | 'no_match' | 'stale' | 'invalid_payload';

export class WebhookSignatureError extends Error {
  constructor(readonly reason: SignatureFailure, message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

const fail = (reason: SignatureFailure, message: string): never => {
  throw new WebhookSignatureError(reason, message);
};

export const verifyStripeSignature = (rawBody: string, header: string | undefined, secret: string, options: { toleranceSeconds?: number; now?: number } = {}): PspEvent => {
  if (header === undefined || header.trim() === '') return fail('missing', 'The Stripe-Signature header is missing.');
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v as string);
  if (!Number.isInteger(timestamp) || signatures.length === 0) return fail('malformed', 'The Stripe-Signature header has no timestamp or no v1 signature.');
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest();
  const matches = signatures.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return fail('no_match', 'No signature matches the payload for this endpoint\'s secret.');
  const tolerance = options.toleranceSeconds ?? STRIPE_SIGNATURE_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > tolerance) return fail('stale', `The signature's timestamp is more than ${tolerance} seconds from now.`);
  let event: unknown;
  try {
    event = JSON.parse(rawBody);
  } catch {
    return fail('invalid_payload', 'The payload is not JSON.');
  }
  const e = event as Partial<PspEvent> | null;
  if (e === null || typeof e.id !== 'string' || typeof e.type !== 'string' || !Number.isInteger(e.created) || typeof e.data?.object !== 'object' || e.data.object === null) {
    return fail('invalid_payload', 'The payload is not a Stripe event (id, type, created, data.object).');
  }
  return e as PspEvent;
};
