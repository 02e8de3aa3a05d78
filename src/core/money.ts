/**
 * Money is an integer count of a currency's minor units with its ISO 4217 code, everywhere: no
 * floats, no decimal strings. Each currency's exponent (minor-unit digits) comes from ISO 4217:
 * JPY has none (¥500 is 500), USD two ($5.00 is 500), KWD three (5.000 KD is 5000).
 */
import * as z from 'zod/mini';
import { doc } from './schemas.js';

/** Active ISO 4217 codes with two minor-unit digits (the common case). */
const TWO = `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD
CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD
MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD
RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD
USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG`;
const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...TWO.split(/\s+/).map((code): [string, number] => [code, 2]),
  ...ZERO.split(' ').map((code): [string, number] => [code, 0]),
  ...THREE.split(' ').map((code): [string, number] => [code, 3]),
  ...FOUR.split(' ').map((code): [string, number] => [code, 4]),
]);

export const isCurrency = (code: string): boolean => EXPONENTS.has(code);

/** Minor-unit digits of an ISO 4217 currency (JPY 0, EUR 2, KWD 3). */
export const currencyExponent = (code: string): number => {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) throw new RangeError(`${code} is not an ISO 4217 currency.`);
  return exponent;
};

/** An ISO 4217 code, upper case (`usd` is read as `USD`); an unknown code is a 400. */
export const CurrencySchema = doc(
  z.string().check(
    z.trim(),
    z.toUpperCase(),
    z.refine((code) => EXPONENTS.has(code), { error: 'must be an ISO 4217 currency code such as USD, EUR or JPY' }),
  ),
  { example: 'EUR', description: 'ISO 4217 currency code.' },
);

/** Largest amount accepted: keeps every sum exact in a double (and far above any real payment). */
export const MAX_AMOUNT = 2 ** 48;

/** An amount in minor units: a whole number, never negative; a fraction is a 400. */
export const AmountSchema = doc(z.int().check(z.minimum(0), z.maximum(MAX_AMOUNT)), {
  description: 'Integer in the currency\'s minor units (cents for EUR, yen for JPY, fils for KWD).',
  example: 1999,
});

/** `1999, 'EUR'` → `19.99`; `500, 'JPY'` → `500`; `5000, 'KWD'` → `5.000` (no symbol, no grouping). */
export const formatMinor = (amount: number, currency: string): string => {
  const exponent = currencyExponent(currency);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
};

/** The amount for people, in a locale: `formatMoney(1999, 'EUR', 'de-DE')` → `19,99 €`. */
export const formatMoney = (amount: number, currency: string, locale = 'en'): string => {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(amount / 10 ** exponent);
};
