/**
 * Stripe webhooks: the signature is checked against the raw body (300 s tolerance), each event id
 * is recorded once (in the same transaction as its effect, so a repeat, even a concurrent one,
 * changes nothing), and events are applied in the order of their creation: every record keeps the
 * `created` of the newest event applied to it, and an older event, arriving late, changes nothing.
 * Events carry the whole object as it was, so the newest one wins and order of arrival is moot.
 */
import { ERROR_CODES } from '../../../core/constants.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { AppError, RuleViolationError, UnauthorizedError, UnavailableError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import type { WriteOp } from '../../../core/store/write-ops.js';
import { INTENT_STATUSES, canMove, paymentIntentEntity, type IntentStatus, type StoredPaymentIntent } from '../models/payment-intent.js';
import { DISPUTE_STATUSES, paymentEntity, type StoredPayment } from '../models/payment.js';
import { REFUND_REASONS, REFUND_STATUSES, refundEntity, type RefundStatus, type StoredRefund } from '../models/refund.js';
import { webhookEventEntity } from '../models/webhook-event.js';
import type { PspEvent } from '../provider/payment-provider.js';
import { fromStripeAmount } from '../provider/stripe-amounts.js';
import { WebhookSignatureError, verifyStripeSignature } from '../provider/stripe-signature.js';
import { intentStatusChanges } from './intent-status.js';
import { canMoveRefund, refundStatusOps, reserveOnPayment } from './refund-status.js';

export type WebhookOutcome = 'applied' | 'stale' | 'ignored';
export interface WebhookResult {
  received: true;
  eventId: string;
  type: string;
  duplicate: boolean;
  outcome: WebhookOutcome;
}

interface Effect {
  outcome: WebhookOutcome;
  tenantId?: string | undefined;
  ops: WriteOp[];
}

const INTENT_EVENT_STATUS: Record<string, IntentStatus> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.processing': 'processing',
  'payment_intent.requires_action': 'requires_action',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
  'payment_intent.amount_capturable_updated': 'requires_capture',
};

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const isNewer = (event: PspEvent, stateAt: number | undefined): boolean => stateAt === undefined || event.created >= stateAt;
const ignored: Effect = { outcome: 'ignored', ops: [] };
/** Writes lost to a concurrent change are read and tried again this many times in all. */
const WRITE_ATTEMPTS = 4;

export const createWebhookService = (runtime: Runtime) => {
  const { store, clock } = runtime;
  const platform = systemContext();

  const intentEffect = async (event: PspEvent): Promise<Effect> => {
    const object = event.data.object;
    const pspIntentId = str(object['id']);
    const intent = pspIntentId === undefined ? undefined : ((await store.findByUnique(platform, paymentIntentEntity, 'pspIntent', { pspIntentId })) as StoredPaymentIntent | undefined);
    if (intent === undefined) return ignored;
    const fromObject = str(object['status']);
    const to = INTENT_EVENT_STATUS[event.type] ?? (INTENT_STATUSES as readonly string[]).find((s) => s === fromObject) as IntentStatus | undefined;
    const counted = { webhookCount: intent.webhookCount + 1, lastWebhookAt: clock.now().toISOString() };
    const error = object['last_payment_error'] as { code?: string; message?: string } | null | undefined;
    const charge = object['latest_charge'];
    const pspChargeId = str(charge) ?? str((charge as Record<string, unknown> | null | undefined)?.['id']);
    const applies = to !== undefined && isNewer(event, intent.pspStateAt) && (to === intent.status || canMove(intent.status, to));
    const changes = applies
      ? { ...(intentStatusChanges(intent, { to, source: 'webhook', eventId: event.id, pspStateAt: event.created, errorCode: str(error?.code), errorMessage: str(error?.message), pspChargeId }, clock.now()) ?? {}), ...counted }
      : counted;
    return { outcome: applies ? 'applied' : 'stale', tenantId: intent.tenantId, ops: [{ type: 'update', entity: paymentIntentEntity, key: { id: intent.id }, changes, current: intent }] };
  };

  const refundEffect = async (event: PspEvent, object: Record<string, unknown>): Promise<Effect> => {
    const pspRefundId = str(object['id']);
    let refund = pspRefundId === undefined ? undefined : ((await store.findByUnique(platform, refundEntity, 'pspRefund', { pspRefundId })) as StoredRefund | undefined);
    // Our own refund, before its PSP id was recorded: found by the ids we gave the PSP.
    const metadata = (object['metadata'] ?? {}) as Record<string, unknown>;
    if (refund === undefined && str(metadata['tenantId']) !== undefined && str(metadata['refundId']) !== undefined) {
      refund = (await store.get(systemContext({ tenantId: metadata['tenantId'] as string }), refundEntity, { id: metadata['refundId'] as string })) as StoredRefund | undefined;
    }
    const to = (REFUND_STATUSES as readonly string[]).find((s) => s === object['status']) as RefundStatus | undefined;
    if (refund === undefined) {
      // Not ours (made in the PSP's dashboard): recorded against its charge's payment.
      const payment = await paymentOfCharge(str(object['charge']));
      return payment === undefined ? ignored : externalRefunds(event, payment, [object]);
    }
    if (to === undefined) return ignored;
    if (!isNewer(event, refund.pspStateAt) || !canMoveRefund(refund.status, to)) return { outcome: 'stale', tenantId: refund.tenantId, ops: [] };
    return { outcome: 'applied', tenantId: refund.tenantId, ops: refundStatusOps(refund, { to, pspRefundId, errorCode: str(object['failure_reason']), pspStateAt: event.created }, clock.now()) };
  };

  const paymentOfCharge = async (chargeId: string | undefined): Promise<StoredPayment | undefined> =>
    chargeId === undefined ? undefined : ((await store.findByUnique(platform, paymentEntity, 'pspCharge', { pspChargeId: chargeId })) as StoredPayment | undefined);

  /** Refunds made at the PSP (its dashboard) that we did not make: recorded and counted like ours. */
  const externalRefunds = async (event: PspEvent, payment: StoredPayment, listed: Array<Record<string, unknown>>): Promise<Effect> => {
    const ops: WriteOp[] = [];
    const ids: string[] = [];
    let total = 0;
    for (const psp of listed) {
      const pspRefundId = str(psp['id']);
      const status = (REFUND_STATUSES as readonly string[]).find((s) => s === psp['status']) as RefundStatus | undefined;
      // Stripe's units (ISK and MGA differ from ISO's) → ours.
      const amount = fromStripeAmount(Number(psp['amount']), payment.currency);
      if (pspRefundId === undefined || status === undefined || status === 'failed' || status === 'canceled' || !Number.isInteger(amount) || amount < 1) continue;
      if (str((psp['metadata'] as Record<string, unknown> | undefined)?.['refundId']) !== undefined) continue; // ours: refund.* events carry it
      if ((await store.findByUnique(platform, refundEntity, 'pspRefund', { pspRefundId })) !== undefined) continue;
      const id = newId();
      const reason = (REFUND_REASONS as readonly string[]).includes(String(psp['reason'])) ? psp['reason'] : 'other';
      total += amount;
      ids.push(id);
      ops.push({ type: 'create', entity: refundEntity, data: { id, tenantId: payment.tenantId, paymentId: payment.id, amount, currency: payment.currency, reason, status, psp: payment.psp, pspRefundId, initiatedBy: 'psp', pspStateAt: event.created } });
    }
    if (ids.length === 0) return { outcome: 'stale', tenantId: payment.tenantId, ops: [] };
    // One write on the payment (a transaction touches an item once), never beyond the gross.
    ops.push(reserveOnPayment(payment.id, total, ids, (now) =>
      new RuleViolationError(ERROR_CODES.refundExceedsRemaining, `The PSP reports refunds of ${total} on a payment with ${String(now?.['refundableAmount'])} left.`, { details: { paymentId: payment.id } })));
    return { outcome: 'applied', tenantId: payment.tenantId, ops };
  };

  /** charge.refunded lists the charge's refunds where the API version expands them; refund.* events cover the rest. */
  const chargeRefundedEffect = async (event: PspEvent): Promise<Effect> => {
    const payment = await paymentOfCharge(str(event.data.object['id']));
    if (payment === undefined) return ignored;
    const listed = ((event.data.object['refunds'] as { data?: unknown[] } | undefined)?.data ?? []) as Array<Record<string, unknown>>;
    return externalRefunds(event, payment, listed);
  };

  const disputeEffect = async (event: PspEvent): Promise<Effect> => {
    const object = event.data.object;
    const payment = await paymentOfCharge(str(object['charge']));
    const status = (DISPUTE_STATUSES as readonly string[]).find((s) => s === object['status']);
    const id = str(object['id']);
    if (payment === undefined || status === undefined || id === undefined) return ignored;
    if (!isNewer(event, payment.pspStateAt)) return { outcome: 'stale', tenantId: payment.tenantId, ops: [] };
    const reason = str(object['reason']);
    return { outcome: 'applied', tenantId: payment.tenantId, ops: [{ type: 'update', entity: paymentEntity, key: { id: payment.id }, changes: { dispute: { id, status, ...(reason === undefined ? {} : { reason }) }, pspStateAt: event.created }, current: payment }] };
  };

  const effectOf = (event: PspEvent): Promise<Effect> => {
    if (event.type.startsWith('payment_intent.')) return intentEffect(event);
    if (event.type.startsWith('refund.') || event.type === 'charge.refund.updated') return refundEffect(event, event.data.object);
    if (event.type === 'charge.refunded') return chargeRefundedEffect(event);
    if (event.type.startsWith('charge.dispute.')) return disputeEffect(event);
    return Promise.resolve(ignored);
  };

  const duplicate = (event: PspEvent): WebhookResult => ({ received: true, eventId: event.id, type: event.type, duplicate: true, outcome: 'ignored' });

  return {
    /** Verifies, records once and applies one Stripe event. */
    async handleStripe(rawBody: string, signature: string | undefined): Promise<WebhookResult> {
      const secret = runtime.config.payments.stripeWebhookSecret;
      if (secret === undefined) {
        throw new UnavailableError(60, 'Webhooks cannot be verified: STRIPE_WEBHOOK_SECRET is not configured.', { code: ERROR_CODES.pspUnavailable, details: { reason: 'webhook_secret_not_configured' } });
      }
      let event: PspEvent;
      try {
        event = verifyStripeSignature(rawBody, signature, secret);
      } catch (error) {
        if (error instanceof WebhookSignatureError) throw new UnauthorizedError(ERROR_CODES.invalidSignature, error.message, { details: { reason: error.reason } });
        throw error;
      }
      const key = { psp: 'stripe', eventId: event.id };
      // Two deliveries of one event, or two events on one record, at the same moment: the loser's
      // write fails on a condition; it reads again, and finds the event recorded or applies anew.
      for (let attempt = 1; ; attempt++) {
        if ((await store.get(platform, webhookEventEntity, key)) !== undefined) return duplicate(event);
        const effect = await effectOf(event);
        const ctx: RequestContext = effect.tenantId === undefined ? platform : systemContext({ tenantId: effect.tenantId });
        try {
          await store.write(ctx, [
            ...effect.ops,
            { type: 'create', entity: webhookEventEntity, data: { ...key, type: event.type, created: event.created, receivedAt: clock.now().toISOString(), outcome: effect.outcome, ...(effect.tenantId === undefined ? {} : { tenantId: effect.tenantId }) } },
          ]);
          return { received: true, eventId: event.id, type: event.type, duplicate: false, outcome: effect.outcome };
        } catch (error) {
          if (!(error instanceof AppError && error.status === 409) || attempt >= WRITE_ATTEMPTS) throw error;
        }
      }
    },
  };
};

export type WebhookService = ReturnType<typeof createWebhookService>;
