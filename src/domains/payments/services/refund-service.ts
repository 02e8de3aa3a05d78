/**
 * Refunds. The amount is reserved on the payment first, in one transaction with the refund's
 * record and conditional on what is left (`refundableAmount >= amount`), so concurrent refunds can
 * never together exceed the gross and each accepted one is counted exactly once. Then the PSP is
 * asked; a refund that fails or is canceled (now or later, by webhook) gives its amount back in
 * one transaction with its status change.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, RuleViolationError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import type { StoredPayment } from '../models/payment.js';
import { refundEntity, type StoredRefund } from '../models/refund.js';
import { paymentProviderOf } from '../provider/index.js';
import { readPayment, readPaymentIntent, readRefund } from './records.js';
import { assertSameCurrency } from './money-rules.js';
import { pspCall } from './psp-call.js';
import { refundStatusOps, reserveOnPayment, type RefundStatusUpdate } from './refund-status.js';

export interface RefundInput {
  paymentId: string;
  amount: number;
  currency?: string | undefined;
  reason: 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'other';
  note?: string | undefined;
}

const exceeds = (amount: number, payment: Pick<StoredPayment, 'refundableAmount' | 'grossAmount' | 'refundedAmount'> | undefined) =>
  new RuleViolationError(ERROR_CODES.refundExceedsRemaining, payment === undefined ? `A refund of ${amount} exceeds what remains of the payment.` : `A refund of ${amount} exceeds what remains of the payment (${payment.refundableAmount} of ${payment.grossAmount}).`, {
    details: { field: 'body.amount', ...(payment === undefined ? {} : { remaining: payment.refundableAmount, grossAmount: payment.grossAmount, refundedAmount: payment.refundedAmount }) },
  });

export const createRefundService = (runtime: Runtime) => {
  const { store, clock } = runtime;

  const read = (ctx: RequestContext, id: string): Promise<StoredRefund> => readRefund(runtime, ctx, id);

  const applyStatus = async (ctx: RequestContext, refund: StoredRefund, update: RefundStatusUpdate): Promise<StoredRefund> => {
    const [updated] = await store.write(ctx, refundStatusOps(refund, update, clock.now()));
    return updated as StoredRefund;
  };

  /** Asks the PSP for a reserved refund (again, after a dropped line: same PSP key) and records its answer. */
  const askPsp = async (ctx: RequestContext, refund: StoredRefund, payment: StoredPayment): Promise<StoredRefund> => {
    // The PSP refunds a charge; a payment recorded without one is found by its intent.
    const pspIntentId = payment.pspChargeId === undefined && payment.paymentIntentId !== undefined ? (await readPaymentIntent(runtime, ctx, payment.paymentIntentId)).pspIntentId : undefined;
    let psp;
    try {
      psp = await pspCall(() => paymentProviderOf(runtime).createRefund({
        chargeId: payment.pspChargeId,
        paymentIntentId: pspIntentId,
        amount: refund.amount,
        currency: refund.currency,
        reason: refund.reason,
        metadata: { tenantId: ctx.tenantId as string, refundId: refund.id, paymentId: payment.id },
        idempotencyKey: `re-${refund.id}`,
      }));
    } catch (error) {
      // Unreachable: the PSP may have refunded before the line dropped, so the refund stays
      // pending with its amount held (never more than the gross); a retry with the same
      // Idempotency-Key asks again with the same PSP key, and its refund.* webhook settles it.
      if (error instanceof AppError && error.code === ERROR_CODES.pspUnavailable) {
        throw new AppError(error.status, error.code, error.message, { cause: error, details: { ...error.details, refundId: refund.id }, headers: error.headers });
      }
      // Refused: the refund failed and its amount goes back to the payment.
      const code = error instanceof AppError ? String(error.details?.['pspCode'] ?? error.code) : 'psp_error';
      await applyStatus(ctx, refund, { to: 'failed', errorCode: code });
      throw error;
    }
    // Should this write fail, the refund stays pending and its refund.* webhook settles it.
    return applyStatus(ctx, refund, { to: psp.status, pspRefundId: psp.id, errorCode: psp.errorCode });
  };

  return {

    /**
     * `idempotencyKey`: the request's Idempotency-Key. A retry after a 503 (which the idempotency
     * layer does not replay) finds the refund the first attempt reserved and asks the PSP again
     * with the same PSP key, so the customer is refunded once.
     */
    async create(ctx: RequestContext, input: RefundInput, idempotencyKey?: string): Promise<StoredRefund> {
      requirePermission(ctx, 'refunds:create');
      const requestKey = idempotencyKey === undefined ? undefined : `${ctx.userId}:${idempotencyKey}`;
      if (requestKey !== undefined) {
        const earlier = (await store.findByUnique(ctx, refundEntity, 'request', { requestKey })) as StoredRefund | undefined;
        if (earlier !== undefined) {
          if (earlier.paymentId !== input.paymentId || earlier.amount !== input.amount) {
            throw new RuleViolationError(ERROR_CODES.idempotencyKeyReused, 'This Idempotency-Key was used for another refund.');
          }
          const payment = await readPayment(runtime, ctx, earlier.paymentId);
          return earlier.status === 'pending' && earlier.pspRefundId === undefined ? askPsp(ctx, earlier, payment) : earlier;
        }
      }
      // No PSP configured is a 503 before anything is reserved.
      paymentProviderOf(runtime);
      const payment = await readPayment(runtime, ctx, input.paymentId);
      if (input.currency !== undefined) assertSameCurrency(payment.currency, input.currency, 'The payment is in');
      if (input.amount < 1) throw new RuleViolationError(ERROR_CODES.ruleViolation, 'A refund is at least 1 minor unit.', { details: { field: 'body.amount' } });
      if (input.amount > payment.refundableAmount) throw exceeds(input.amount, payment);
      const id = newId();
      // The reservation: refund record and payment totals together, or neither.
      const [reserved] = await store.write(ctx, [
        {
          type: 'create',
          entity: refundEntity,
          data: {
            id, tenantId: ctx.tenantId, paymentId: payment.id, amount: input.amount, currency: payment.currency, reason: input.reason, status: 'pending', psp: payment.psp, initiatedBy: ctx.userId,
            ...(input.note === undefined ? {} : { note: input.note }),
            ...(payment.dispute === undefined ? {} : { disputeId: payment.dispute.id }),
            ...(requestKey === undefined ? {} : { requestKey }),
          },
        },
        reserveOnPayment(payment.id, input.amount, [id], (now) => exceeds(input.amount, now as StoredPayment | undefined)),
      ]);
      return askPsp(ctx, reserved as StoredRefund, payment);
    },

    /** The status update operation (webhooks, reconciliation jobs). */
    async updateStatus(ctx: RequestContext, id: string, update: RefundStatusUpdate): Promise<StoredRefund> {
      requirePermission(ctx, 'refunds:update');
      return applyStatus(ctx, await read(ctx, id), update);
    },
  };
};

export type RefundService = ReturnType<typeof createRefundService>;
