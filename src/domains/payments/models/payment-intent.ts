/**
 * PaymentIntentRef: our record of a PSP payment intent. Its status moves only along the allowed
 * transitions (the table below, also in the docs); every change is kept in `statusHistory`.
 */
import * as z from 'zod/mini';
import { AmountSchema, CurrencySchema } from '../../../core/money.js';
import { IdSchema, ItemMetaShape, TimestampSchema, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';
import { PSPS, PaymentMethodDetailsSchema, PspIdSchema } from './common.js';

export const INTENT_STATUSES = [
  'created',
  'processing',
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'requires_capture',
  'succeeded',
  'canceled',
  'failed',
] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

/**
 * From each status, where it may go. succeeded and canceled are final; failed means the last
 * attempt failed, and the customer may try again (as Stripe's intent returns to requires_payment_method).
 */
export const INTENT_TRANSITIONS: Readonly<Record<IntentStatus, readonly IntentStatus[]>> = {
  created: ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled', 'failed'],
  requires_payment_method: ['requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled', 'failed'],
  requires_confirmation: ['requires_payment_method', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled', 'failed'],
  requires_action: ['requires_payment_method', 'requires_confirmation', 'processing', 'requires_capture', 'succeeded', 'canceled', 'failed'],
  processing: ['requires_payment_method', 'requires_action', 'requires_capture', 'succeeded', 'canceled', 'failed'],
  requires_capture: ['processing', 'succeeded', 'canceled', 'failed'],
  failed: ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled'],
  succeeded: [],
  canceled: [],
};

export const canMove = (from: IntentStatus, to: IntentStatus): boolean => INTENT_TRANSITIONS[from].includes(to);

export const StatusChangeSchema = z.object({
  from: z.nullable(z.enum(INTENT_STATUSES)),
  to: z.enum(INTENT_STATUSES),
  at: TimestampSchema,
  source: z.enum(['api', 'webhook', 'provider']),
  eventId: z.optional(z.string()),
});

export const PaymentIntentDataSchema = z.object({
  tenantId: IdSchema,
  id: IdSchema,
  psp: z.enum(PSPS),
  pspIntentId: PspIdSchema,
  /** The PSP's latest charge of this intent (what a refund or a dispute names). */
  pspChargeId: z.optional(PspIdSchema),
  /** Only for its creator, never in lists. */
  clientSecret: z.optional(z.string()),
  amount: AmountSchema,
  currency: CurrencySchema,
  paymentMethod: z.optional(PaymentMethodDetailsSchema),
  status: z.enum(INTENT_STATUSES),
  statusHistory: z.array(StatusChangeSchema),
  captureMethod: z.enum(['automatic', 'manual']),
  confirmationMethod: z.enum(['automatic', 'manual']),
  setupFutureUsage: z.optional(z.enum(['on_session', 'off_session'])),
  pspErrorCode: z.optional(z.string()),
  pspErrorMessage: z.optional(z.string()),
  webhookCount: z.int().check(z.minimum(0)),
  lastWebhookAt: z.optional(TimestampSchema),
  /** `created` of the newest PSP event applied: an older event never overwrites a newer state. */
  pspStateAt: z.optional(z.int()),
  billingAccountId: z.optional(IdSchema),
  paymentId: z.optional(IdSchema),
  invoiceId: z.optional(IdSchema),
  subscriptionId: z.optional(IdSchema),
  description: z.optional(trimmedText(1, 500)),
  canceledAt: z.optional(TimestampSchema),
  cancellationReason: z.optional(trimmedText(1, 200)),
});

export const paymentIntentEntity = defineEntity({
  name: 'PaymentIntent',
  schemaVersion: 1,
  scope: 'tenant',
  schema: PaymentIntentDataSchema,
  primary: { pk: 'T#{tenantId}#PAYINTENT#{id}', sk: 'PAYINTENT' },
  patterns: { byTenant: { index: 'gsi1', pk: 'T#{tenantId}#PAYINTENTS', sk: '{id}' } },
  // Webhooks name the PSP's id and no tenant: this platform lookup finds the record.
  unique: { pspIntent: { fields: ['pspIntentId'], key: 'P#PSPINTENT#{pspIntentId}', scope: 'platform' } },
});

export type StoredPaymentIntent = z.infer<typeof PaymentIntentDataSchema> & z.infer<z.ZodMiniObject<typeof ItemMetaShape>>;
export const PaymentIntentSchema = doc(z.object({ ...z.omit(PaymentIntentDataSchema, { pspStateAt: true }).def.shape, ...ItemMetaShape }), { id: 'PaymentIntent' });
export type PaymentIntentView = z.infer<typeof PaymentIntentSchema>;

/** The client secret goes to the intent's creator only. */
export const toIntentView = (intent: StoredPaymentIntent, viewerId: string | undefined): PaymentIntentView => {
  const { pspStateAt: _at, clientSecret, ...rest } = intent;
  return viewerId !== undefined && viewerId === intent.createdBy && clientSecret !== undefined ? { ...rest, clientSecret } : rest;
};
