/**
 * Settled payments: recorded once (net = gross - fees, computed here), read, listed newest first
 * by tenant or billing account, and annotated afterwards (receipt, reconciliation, description).
 * The money fields never change after settlement; refunds move the refunded totals only, through
 * their own atomic writes (refund-service.ts).
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import type { Page } from '../../../core/store/store.js';
import type { WriteOp } from '../../../core/store/write-ops.js';
import type { PaymentMethodDetails } from '../models/common.js';
import { paymentIntentEntity } from '../models/payment-intent.js';
import { MONEY_FIELDS, paymentEntity, type StoredPayment } from '../models/payment.js';
import { assertAccountTakes, assertSameCurrency } from './money-rules.js';
import { newestFirst } from './payment-reads.js';
import { readBillingAccount, readPayment } from './records.js';

export interface RecordPaymentInput {
  grossAmount: number;
  currency: string;
  fees?: Array<{ type: string; amount: number; description?: string | undefined }> | undefined;
  feeAmount?: number | undefined;
  applicationFeeAmount?: number | undefined;
  billingAccountId?: string | undefined;
  paymentIntentId?: string | undefined;
  invoiceId?: string | undefined;
  subscriptionId?: string | undefined;
  pspTransactionId?: string | undefined;
  pspChargeId?: string | undefined;
  pspBalanceTransactionId?: string | undefined;
  paymentMethod?: PaymentMethodDetails | undefined;
  settledAt?: string | undefined;
  receipt?: { number?: string | undefined; email?: string | undefined; url?: string | undefined } | undefined;
  description?: string | undefined;
  /** Which PSP settled it: the intent's, else the configured one, else this. */
  psp?: 'stripe' | 'local' | undefined;
}

export type PaymentChanges = Record<string, unknown>;

export const createPaymentService = (runtime: Runtime) => {
  const { store, clock } = runtime;

  const read = (ctx: RequestContext, id: string): Promise<StoredPayment> => readPayment(runtime, ctx, id);

  return {

    async record(ctx: RequestContext, input: RecordPaymentInput): Promise<StoredPayment> {
      requirePermission(ctx, 'payments:create');
      const fees = input.fees ?? (input.feeAmount === undefined || input.feeAmount === 0 ? [] : [{ type: 'total', amount: input.feeAmount }]);
      const feeAmount = fees.reduce((sum, fee) => sum + fee.amount, 0);
      if (input.feeAmount !== undefined && input.feeAmount !== feeAmount) {
        throw new RuleViolationError(ERROR_CODES.ruleViolation, `feeAmount ${input.feeAmount} is not the sum of the fees (${feeAmount}).`, { details: { field: 'body.feeAmount', expected: feeAmount } });
      }
      if (feeAmount > input.grossAmount) throw new RuleViolationError(ERROR_CODES.feesExceedGross, `The fees (${feeAmount}) exceed the gross amount (${input.grossAmount}).`, { details: { field: 'body.fees', feeAmount, grossAmount: input.grossAmount } });
      if (input.billingAccountId !== undefined) {
        assertAccountTakes(await readBillingAccount(runtime, ctx, input.billingAccountId), input.currency);
      }
      const id = newId();
      const ops: WriteOp[] = [];
      let psp = input.psp ?? runtime.config.payments.provider;
      let pspChargeId = input.pspChargeId;
      if (input.paymentIntentId !== undefined) {
        const intent = await store.get(ctx, paymentIntentEntity, { id: input.paymentIntentId });
        if (intent === undefined) throw new NotFoundError('Payment intent');
        if (intent.status !== 'succeeded') throw new RuleViolationError(ERROR_CODES.invalidTransition, `A payment is recorded for a succeeded intent; this one is ${intent.status}.`, { details: { field: 'body.paymentIntentId', intentStatus: intent.status } });
        assertSameCurrency(intent.currency, input.currency, 'The intent is in');
        if (input.grossAmount > intent.amount) throw new RuleViolationError(ERROR_CODES.ruleViolation, `The gross amount exceeds the intent's ${intent.amount}.`, { details: { field: 'body.grossAmount', limit: intent.amount } });
        psp = intent.psp;
        pspChargeId ??= intent.pspChargeId;
        // One payment per intent, in the same transaction.
        ops.push({
          type: 'update',
          entity: paymentIntentEntity,
          key: { id: intent.id },
          changes: { paymentId: id },
          current: intent,
          condition: { expression: (b) => `attribute_not_exists(${b.name('paymentId')})`, onFail: (now) => new ConflictError(ERROR_CODES.alreadyExists, 'A payment is already recorded for this intent.', { details: { paymentId: now?.['paymentId'] } }) },
        });
      }
      if (psp === undefined) throw new RuleViolationError(ERROR_CODES.ruleViolation, 'Name the PSP that settled this payment (no payment provider is configured).', { details: { field: 'body.psp' } });
      const [created] = await store.write(ctx, [{
        type: 'create',
        entity: paymentEntity,
        data: {
          ...input,
          ...(pspChargeId === undefined ? {} : { pspChargeId }),
          id,
          tenantId: ctx.tenantId,
          psp,
          fees,
          feeAmount,
          netAmount: input.grossAmount - feeAmount,
          settledAt: input.settledAt ?? clock.now().toISOString(),
          refundedAmount: 0,
          refundableAmount: input.grossAmount,
          refundCount: 0,
          refundIds: [],
        },
      }, ...ops]);
      return created as StoredPayment;
    },

    async get(ctx: RequestContext, id: string): Promise<StoredPayment> {
      requirePermission(ctx, 'payments:read');
      return read(ctx, id);
    },

    /** Newest first, the tenant's or one billing account's. */
    async list(ctx: RequestContext, input: { billingAccountId?: string | undefined; limit?: number | undefined; cursor?: string | undefined }): Promise<Page<StoredPayment>> {
      requirePermission(ctx, 'payments:read');
      const page = input.billingAccountId === undefined
        ? await store.query(ctx, paymentEntity, 'byTenant', {}, newestFirst(input))
        : await store.query(ctx, paymentEntity, 'byBillingAccount', { billingAccountId: input.billingAccountId }, newestFirst(input));
      return page as Page<StoredPayment>;
    },

    /** Receipt, reconciliation, description: never the money (422 payment_settled). */
    async update(ctx: RequestContext, id: string, changes: PaymentChanges, ifMatch: number | undefined): Promise<StoredPayment> {
      requirePermission(ctx, 'payments:update');
      const payment = await read(ctx, id);
      const touched = MONEY_FIELDS.filter((field) => field in changes && JSON.stringify(changes[field]) !== JSON.stringify(payment[field]));
      if (touched.length > 0) {
        throw new RuleViolationError(ERROR_CODES.paymentSettled, `A settled payment's money cannot change (${touched.join(', ')}); record a refund instead.`, { details: { fields: touched.map((f) => `body.${f}`) } });
      }
      const allowed = Object.fromEntries(Object.entries(changes).filter(([field]) => !(MONEY_FIELDS as readonly string[]).includes(field)));
      const reconciliation = allowed['reconciliation'] as { reconciled: boolean; reconciledAt?: string } | undefined;
      if (reconciliation?.reconciled === true && reconciliation.reconciledAt === undefined) allowed['reconciliation'] = { ...reconciliation, reconciledAt: clock.now().toISOString() };
      return (await store.update(ctx, paymentEntity, { id }, allowed, { current: payment, ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }) })) as StoredPayment;
    },
  };
};

export type PaymentService = ReturnType<typeof createPaymentService>;
