import { describe, expect, it } from 'vitest';
import { availableCredit, formatAddress, formatBalance } from './billing-account.js';
import { INTENT_TRANSITIONS, canMove } from './payment-intent.js';

describe('billing account helpers', () => {
  it('formats the balance (negative is credit) and the address', () => {
    expect(formatBalance({ balance: -1250, currency: 'EUR', locale: 'en' })).toBe('-€12.50 (credit)');
    expect(formatBalance({ balance: 500, currency: 'JPY', locale: 'en' })).toBe('¥500');
    expect(formatAddress({ line1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'DE' })).toEqual(['Hauptstraße 5', '10115 Berlin', 'DE']);
    expect(availableCredit({ balance: 3000, creditLimit: 10_000 })).toBe(7000);
    expect(availableCredit({ balance: -3000, creditLimit: 10_000 })).toBe(10_000);
    expect(availableCredit({ balance: 20_000, creditLimit: 10_000 })).toBe(0);
  });

  it('payment intent transitions: final states go nowhere, a failed attempt may be tried again', () => {
    expect(INTENT_TRANSITIONS.succeeded).toEqual([]);
    expect(INTENT_TRANSITIONS.canceled).toEqual([]);
    expect(canMove('failed', 'succeeded')).toBe(true);
    expect(canMove('failed', 'created')).toBe(false);
    expect(canMove('requires_capture', 'succeeded')).toBe(true);
    expect(canMove('requires_capture', 'requires_payment_method')).toBe(false);
    expect(canMove('succeeded', 'canceled')).toBe(false);
  });
});
