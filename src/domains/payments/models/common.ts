/** Shapes shared by the payment models: payment method details and the PSP's names. */
import * as z from 'zod/mini';
import { doc, trimmedText } from '../../../core/schemas.js';

export const PSPS = ['stripe', 'local'] as const;
export type Psp = (typeof PSPS)[number];

export const PspIdSchema = z.string().check(z.minLength(1), z.maxLength(255), z.regex(/^[A-Za-z0-9_\-.:]+$/, { error: 'must be a PSP id (letters, digits, _ - . :)' }));

export const PaymentMethodDetailsSchema = doc(
  z.object({
    type: trimmedText(1, 40),
    brand: z.optional(trimmedText(1, 40)),
    last4: z.optional(z.string().check(z.regex(/^\d{4}$/, { error: 'must be the last 4 digits' }))),
    funding: z.optional(z.enum(['credit', 'debit', 'prepaid', 'unknown'])),
  }),
  { id: 'PaymentMethodDetails', example: { type: 'card', brand: 'visa', last4: '4242', funding: 'credit' } },
);
export type PaymentMethodDetails = z.infer<typeof PaymentMethodDetailsSchema>;
