/**
 * Stripe's minor units are ISO 4217's except for a few currencies: ISK (ISO: no decimals) is a
 * two-decimal currency in Stripe's API (100 is 1 króna), and MGA (ISO: two decimals) is a
 * zero-decimal one (1 is 1 ariary). Our amounts are always ISO minor units; these convert at the
 * edge, for the adapter's requests and for the amounts in Stripe's events.
 * See https://docs.stripe.com/currencies (zero-decimal currencies and special cases).
 */

/** Stripe minor units per ISO minor unit, where they differ. */
const STRIPE_SCALE: Readonly<Record<string, number>> = { ISK: 100, MGA: 0.01 };

export class StripeAmountError extends Error {
  constructor(readonly amount: number, readonly currency: string) {
    super(`${amount} ${currency} (ISO minor units) cannot be expressed in Stripe's units for ${currency}.`);
    this.name = 'StripeAmountError';
  }
}

/** ISO minor units → Stripe's: `toStripeAmount(500, 'ISK')` is 50000; `toStripeAmount(12300, 'MGA')` is 123. */
export const toStripeAmount = (amount: number, currency: string): number => {
  const scale = STRIPE_SCALE[currency.toUpperCase()] ?? 1;
  const converted = amount * scale;
  if (!Number.isInteger(converted)) throw new StripeAmountError(amount, currency);
  return converted;
};

/** Stripe's units → ISO minor units (a fraction of an ISO unit is rounded down: never more than Stripe says). */
export const fromStripeAmount = (amount: number, currency: string): number => {
  const scale = STRIPE_SCALE[currency.toUpperCase()] ?? 1;
  return Math.floor(amount / scale);
};
