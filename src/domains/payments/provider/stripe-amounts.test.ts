import { describe, expect, it } from 'vitest';
import { fromStripeAmount, toStripeAmount } from './stripe-amounts.js';

describe('Stripe amounts', () => {
  it('are ISO minor units except ISK (Stripe: two decimals) and MGA (Stripe: none)', () => {
    expect(toStripeAmount(1999, 'EUR')).toBe(1999);
    expect(toStripeAmount(500, 'JPY')).toBe(500);
    expect(toStripeAmount(5000, 'KWD')).toBe(5000);
    expect(toStripeAmount(500, 'ISK')).toBe(50_000);
    expect(toStripeAmount(12_300, 'MGA')).toBe(123);
    expect(() => toStripeAmount(12_345, 'MGA')).toThrow(/cannot be expressed/);
    expect(fromStripeAmount(50_000, 'isk')).toBe(500);
    expect(fromStripeAmount(123, 'MGA')).toBe(12_300);
    // A fraction of a króna from Stripe is rounded down: never more than Stripe said.
    expect(fromStripeAmount(50_050, 'ISK')).toBe(500);
  });
});
