/**
 * Payment intents: made at the PSP and recorded here; their status moves only along the allowed
 * transitions (INTENT_TRANSITIONS), from our own calls (confirm, capture, cancel) or from the
 * PSP's webhooks, each change kept in the history. The client secret is shown to the creator only.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, RuleViolationError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import { canMove, paymentIntentEntity, type StoredPaymentIntent } from '../models/payment-intent.js';
import { paymentProviderOf } from '../provider/index.js';
import type { PspIntent } from '../provider/payment-provider.js';
import { intentStatusChanges, invalidIntentMove, type StatusUpdate } from './intent-status.js';
import { assertAccountTakes } from './money-rules.js';
import { pspCall } from './psp-call.js';
import { pspKey } from './psp-keys.js';
import { readBillingAccount, readPaymentIntent } from './records.js';

export interface PaymentIntentInput {
  amount: number;
  currency: string;
  billingAccountId?: string | undefined;
  captureMethod?: 'automatic' | 'manual' | undefined;
  confirmationMethod?: 'automatic' | 'manual' | undefined;
  setupFutureUsage?: 'on_session' | 'off_session' | undefined;
  description?: string | undefined;
  invoiceId?: string | undefined;
  subscriptionId?: string | undefined;
}

export const createPaymentIntentService = (runtime: Runtime) => {
  const { store, clock } = runtime;

  const read = (ctx: RequestContext, id: string): Promise<StoredPaymentIntent> => readPaymentIntent(runtime, ctx, id);

  const applyStatus = async (ctx: RequestContext, intent: StoredPaymentIntent, update: StatusUpdate): Promise<StoredPaymentIntent> => {
    const changes = intentStatusChanges(intent, update, clock.now());
    if (changes === undefined) return intent;
    return (await store.update(ctx, paymentIntentEntity, { id: intent.id }, changes, { current: intent })) as StoredPaymentIntent;
  };

  /** Our record follows what the PSP answered. */
  const follow = (ctx: RequestContext, intent: StoredPaymentIntent, psp: PspIntent): Promise<StoredPaymentIntent> =>
    applyStatus(ctx, intent, { to: psp.status, source: 'provider', paymentMethod: psp.paymentMethod, errorCode: psp.errorCode, errorMessage: psp.errorMessage, pspChargeId: psp.latestChargeId });

  return {

    /** `idempotencyKey`: the request's Idempotency-Key, from which the PSP's key is made (psp-keys.ts). */
    async create(ctx: RequestContext, input: PaymentIntentInput, idempotencyKey?: string): Promise<StoredPaymentIntent> {
      requirePermission(ctx, 'payments:create');
      const account = input.billingAccountId === undefined ? undefined : await readBillingAccount(runtime, ctx, input.billingAccountId);
      if (account !== undefined) assertAccountTakes(account, input.currency);
      const provider = paymentProviderOf(runtime);
      const id = newId();
      const captureMethod = input.captureMethod ?? 'automatic';
      const confirmationMethod = input.confirmationMethod ?? 'automatic';
      const psp = await pspCall(() => provider.createPaymentIntent({
        amount: input.amount,
        currency: input.currency,
        customerId: account?.pspCustomerId,
        captureMethod,
        confirmationMethod,
        setupFutureUsage: input.setupFutureUsage,
        description: input.description,
        metadata: { tenantId: ctx.tenantId as string, paymentIntentId: id },
        // A retried call (ours, or the client's with its key) makes one PSP intent, not two.
        idempotencyKey: pspKey('pi', ctx, id, idempotencyKey),
      }));
      const now = clock.now().toISOString();
      const history = [{ from: null, to: 'created' as const, at: now, source: 'api' as const }];
      if (psp.status !== 'created') history.push({ from: 'created', to: psp.status, at: now, source: 'provider' } as never);
      const [created] = await store.write(ctx, [{
        type: 'create',
        entity: paymentIntentEntity,
        data: {
          ...input,
          id,
          tenantId: ctx.tenantId,
          psp: provider.name,
          pspIntentId: psp.id,
          clientSecret: psp.clientSecret,
          captureMethod,
          confirmationMethod,
          status: psp.status,
          statusHistory: history,
          webhookCount: 0,
        },
      }]);
      return created as StoredPaymentIntent;
    },

    /** The status update operation: a change the transition table allows, or 422. */
    async updateStatus(ctx: RequestContext, id: string, update: StatusUpdate): Promise<StoredPaymentIntent> {
      requirePermission(ctx, 'payments:update');
      return applyStatus(ctx, await read(ctx, id), update);
    },

    async confirm(ctx: RequestContext, id: string, paymentMethod: string): Promise<StoredPaymentIntent> {
      requirePermission(ctx, 'payments:update');
      const intent = await read(ctx, id);
      const provider = paymentProviderOf(runtime);
      try {
        return follow(ctx, intent, await pspCall(() => provider.confirmPaymentIntent(intent.pspIntentId, paymentMethod)));
      } catch (error) {
        // Stripe answers a declined card with an error, and the intent waits for another method
        // with the decline as its last error: our record says the same (200), as the local PSP's does.
        if (!(error instanceof AppError && error.code === ERROR_CODES.pspRefused)) throw error;
        const now = await pspCall(() => provider.retrievePaymentIntent(intent.pspIntentId));
        // Only this refusal recorded on the intent counts (not an earlier attempt's error).
        if (now.errorCode === undefined || now.errorCode !== error.details?.['pspCode']) throw error;
        return follow(ctx, intent, now);
      }
    },

    async capture(ctx: RequestContext, id: string, amount: number | undefined): Promise<StoredPaymentIntent> {
      requirePermission(ctx, 'payments:update');
      const intent = await read(ctx, id);
      if (intent.status !== 'requires_capture') throw new RuleViolationError(ERROR_CODES.invalidTransition, `Only an intent that requires capture can be captured; this one is ${intent.status}.`, { details: { from: intent.status, to: 'succeeded' } });
      if (amount !== undefined && amount > intent.amount) throw new RuleViolationError(ERROR_CODES.ruleViolation, `At most ${intent.amount} can be captured.`, { details: { field: 'body.amount', limit: intent.amount } });
      return follow(ctx, intent, await pspCall(() => paymentProviderOf(runtime).capturePaymentIntent(intent.pspIntentId, amount, intent.currency)));
    },

    async cancel(ctx: RequestContext, id: string, reason: string | undefined): Promise<StoredPaymentIntent> {
      requirePermission(ctx, 'payments:update');
      const intent = await read(ctx, id);
      if (!canMove(intent.status, 'canceled')) throw invalidIntentMove(intent.status, 'canceled');
      const psp = await pspCall(() => paymentProviderOf(runtime).cancelPaymentIntent(intent.pspIntentId, reason));
      return applyStatus(ctx, intent, { to: psp.status, source: 'provider', cancellationReason: reason });
    },
  };
};

export type PaymentIntentService = ReturnType<typeof createPaymentIntentService>;
