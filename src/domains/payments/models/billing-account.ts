/**
 * BillingAccount: who pays, in which currency, and how, with the PSP's customer behind it. The
 * balance is in minor units of the account's currency; negative is credit owed to the customer.
 */
import * as z from 'zod/mini';
import { AmountSchema, CurrencySchema, MAX_AMOUNT, formatMoney } from '../../../core/money.js';
import { EmailSchema, IdSchema, ItemMetaShape, TimestampSchema, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';
import { PSPS, PspIdSchema } from './common.js';

export const BILLING_ACCOUNT_STATUSES = ['active', 'suspended', 'closed'] as const;
export const TAX_EXEMPT = ['none', 'exempt', 'reverse'] as const;
export const PAYMENT_METHOD_TYPES = ['card', 'sepa_debit', 'us_bank_account', 'bacs_debit', 'ideal', 'bancontact', 'link', 'paypal', 'invoice'] as const;

export const AddressSchema = doc(
  z.strictObject({
    line1: trimmedText(1, 200),
    line2: z.optional(trimmedText(1, 200)),
    city: trimmedText(1, 100),
    region: z.optional(trimmedText(1, 100)),
    postalCode: z.optional(trimmedText(1, 20)),
    country: z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code such as DE' })),
  }),
  { id: 'Address', example: { line1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'DE' } },
);
export type Address = z.infer<typeof AddressSchema>;

/** A signed amount in minor units (balances may be negative: credit). */
export const SignedAmountSchema = z.int().check(z.minimum(-MAX_AMOUNT), z.maximum(MAX_AMOUNT));

export const BillingAccountDataSchema = z.object({
  tenantId: IdSchema,
  id: IdSchema,
  name: trimmedText(1, 200),
  billingEmail: EmailSchema,
  phone: z.optional(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{4,30}$/, { error: 'must be a phone number' }))),
  address: z.optional(AddressSchema),
  currency: CurrencySchema,
  locale: z._default(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'must be a locale such as en or de-DE' })), 'en'),
  taxId: z.optional(trimmedText(1, 64)),
  taxType: z.optional(trimmedText(1, 32)),
  taxExempt: z._default(z.enum(TAX_EXEMPT), 'none'),
  psp: z.enum(PSPS),
  pspCustomerId: z.optional(PspIdSchema),
  pspConnectedAccountId: z.optional(PspIdSchema),
  defaultPaymentMethod: z.optional(PspIdSchema),
  allowedPaymentMethods: z._default(z.array(z.enum(PAYMENT_METHOD_TYPES)).check(z.maxLength(PAYMENT_METHOD_TYPES.length)), () => ['card' as const]),
  autoCharge: z._default(z.boolean(), true),
  balance: z._default(SignedAmountSchema, 0),
  creditLimit: z.optional(AmountSchema),
  status: z.enum(BILLING_ACCOUNT_STATUSES),
  statusReason: z.optional(trimmedText(1, 500)),
  closedAt: z.optional(TimestampSchema),
  externalReference: z.optional(trimmedText(1, 200)),
});

export const billingAccountEntity = defineEntity({
  name: 'BillingAccount',
  schemaVersion: 1,
  scope: 'tenant',
  schema: BillingAccountDataSchema,
  primary: { pk: 'T#{tenantId}#BILLACCT#{id}', sk: 'BILLACCT' },
  patterns: { byTenant: { index: 'gsi1', pk: 'T#{tenantId}#BILLACCTS', sk: '{id}' } },
});

export type StoredBillingAccount = z.infer<typeof BillingAccountDataSchema> & z.infer<z.ZodMiniObject<typeof ItemMetaShape>>;
export const BillingAccountSchema = doc(z.object({ ...BillingAccountDataSchema.def.shape, ...ItemMetaShape }), { id: 'BillingAccount' });

/** The balance for people: `-1250, EUR` → `-€12.50 (credit)`. */
export const formatBalance = (account: Pick<StoredBillingAccount, 'balance' | 'currency' | 'locale'>): string =>
  `${formatMoney(account.balance, account.currency, account.locale)}${account.balance < 0 ? ' (credit)' : ''}`;

/** The address as lines for an invoice or a letter, country last. */
export const formatAddress = (address: Address): string[] =>
  [address.line1, address.line2, [address.postalCode, address.city].filter((x) => x !== undefined).join(' '), address.region, address.country].filter((x): x is string => x !== undefined && x !== '');

/** How far the account may still go into debt: credit limit minus what it owes (never below 0). */
export const availableCredit = (account: Pick<StoredBillingAccount, 'balance' | 'creditLimit'>): number =>
  Math.max(0, (account.creditLimit ?? 0) - Math.max(0, account.balance));
