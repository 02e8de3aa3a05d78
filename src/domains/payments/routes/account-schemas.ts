/** Bodies of the billing-account routes (one module per route group keeps each Lambda small). */
import * as z from 'zod/mini';
import { AmountSchema, CurrencySchema } from '../../../core/money.js';
import { EmailSchema, pageOf, trimmedText } from '../../../core/schemas.js';
import { AddressSchema, BillingAccountSchema, PAYMENT_METHOD_TYPES, TAX_EXEMPT } from '../models/billing-account.js';
import { PspIdSchema } from '../models/common.js';

const accountShape = {
  name: trimmedText(1, 200),
  billingEmail: EmailSchema,
  phone: z.optional(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{4,30}$/, { error: 'must be a phone number' }))),
  address: z.optional(AddressSchema),
  locale: z.optional(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'must be a locale such as en or de-DE' }))),
  taxId: z.optional(trimmedText(1, 64)),
  taxType: z.optional(trimmedText(1, 32)),
  taxExempt: z.optional(z.enum(TAX_EXEMPT)),
  pspConnectedAccountId: z.optional(PspIdSchema),
  defaultPaymentMethod: z.optional(PspIdSchema),
  allowedPaymentMethods: z.optional(z.array(z.enum(PAYMENT_METHOD_TYPES)).check(z.minLength(1), z.maxLength(PAYMENT_METHOD_TYPES.length))),
  autoCharge: z.optional(z.boolean()),
  creditLimit: z.optional(AmountSchema),
  externalReference: z.optional(trimmedText(1, 200)),
};

export const CreateBillingAccountBody = z.strictObject({ ...accountShape, currency: CurrencySchema });
/** The currency is fixed at creation (balances and payments are in it). */
export const UpdateBillingAccountBody = z.strictObject({
  ...z.partial(z.object(accountShape)).def.shape,
  status: z.optional(z.enum(['active', 'suspended', 'closed'])),
  statusReason: z.optional(trimmedText(1, 500)),
});
export const BillingAccountPage = pageOf(BillingAccountSchema);

