import { describe, expect, it } from 'vitest';
import { AmountSchema, CurrencySchema, currencyExponent, formatMinor, formatMoney, isCurrency } from './money.js';

describe('money', () => {
  it('knows each currency\'s ISO 4217 exponent', () => {
    expect(['JPY', 'KRW', 'CLP', 'ISK', 'VND'].map(currencyExponent)).toEqual([0, 0, 0, 0, 0]);
    expect(['USD', 'EUR', 'GBP', 'CHF', 'INR'].map(currencyExponent)).toEqual([2, 2, 2, 2, 2]);
    expect(['KWD', 'BHD', 'JOD', 'OMR', 'TND', 'IQD', 'LYD'].map(currencyExponent)).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(currencyExponent('CLF')).toBe(4);
    expect(isCurrency('XYZ')).toBe(false);
    expect(() => currencyExponent('XYZ')).toThrow(/not an ISO 4217 currency/);
  });

  it('writes minor units in the currency\'s own decimals, exactly', () => {
    expect(formatMinor(1999, 'EUR')).toBe('19.99');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(500, 'JPY')).toBe('500');
    expect(formatMinor(5000, 'KWD')).toBe('5.000');
    expect(formatMinor(-1250, 'USD')).toBe('-12.50');
    expect(formatMoney(1999, 'EUR', 'de-DE')).toBe('19,99\u00a0€');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
    expect(formatMoney(1234, 'KWD', 'en')).toMatch(/1\.234/);
  });

  it('reads a currency code in any case, and refuses unknown ones and fractions of a minor unit', () => {
    expect(CurrencySchema.parse(' usd ')).toBe('USD');
    expect(CurrencySchema.safeParse('XYZ').success).toBe(false);
    expect(CurrencySchema.safeParse('EURO').success).toBe(false);
    expect(AmountSchema.safeParse(10.5).success).toBe(false);
    expect(AmountSchema.safeParse(-1).success).toBe(false);
    expect(AmountSchema.safeParse(2 ** 53).success).toBe(false);
    expect(AmountSchema.parse(0)).toBe(0);
  });
});
