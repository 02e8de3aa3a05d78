/**
 * Billing accounts: created with the PSP's customer behind them, changed with If-Match (the
 * customer's name, email, phone and address follow), listed one page at a time. A closed account
 * stays closed.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { RuleViolationError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import { billingAccountEntity, type Address, type StoredBillingAccount } from '../models/billing-account.js';
import { paymentProviderOf } from '../provider/index.js';
import { pspCall } from './psp-call.js';
import { pspKey } from './psp-keys.js';
import { readBillingAccount } from './records.js';

export interface BillingAccountInput {
  name: string;
  billingEmail: string;
  currency: string;
  phone?: string | undefined;
  address?: Address | undefined;
  locale?: string | undefined;
  taxId?: string | undefined;
  taxType?: string | undefined;
  taxExempt?: 'none' | 'exempt' | 'reverse' | undefined;
  pspConnectedAccountId?: string | undefined;
  defaultPaymentMethod?: string | undefined;
  allowedPaymentMethods?: string[] | undefined;
  autoCharge?: boolean | undefined;
  creditLimit?: number | undefined;
  externalReference?: string | undefined;
}

export type BillingAccountChanges = Partial<Omit<BillingAccountInput, 'currency'>> & {
  status?: 'active' | 'suspended' | 'closed' | undefined;
  statusReason?: string | undefined;
};

export const createBillingAccountService = (runtime: Runtime) => {
  const { store, clock } = runtime;

  const read = (ctx: RequestContext, id: string): Promise<StoredBillingAccount> => readBillingAccount(runtime, ctx, id);

  return {

    /** `idempotencyKey`: the request's Idempotency-Key, from which the PSP's key is made (psp-keys.ts). */
    async create(ctx: RequestContext, input: BillingAccountInput, idempotencyKey?: string): Promise<StoredBillingAccount> {
      requirePermission(ctx, 'billing:create');
      const provider = paymentProviderOf(runtime);
      const id = newId();
      const customer = await pspCall(() => provider.createCustomer({
        name: input.name,
        email: input.billingEmail,
        phone: input.phone,
        address: input.address,
        metadata: { tenantId: ctx.tenantId as string, billingAccountId: id },
        idempotencyKey: pspKey('cus', ctx, id, idempotencyKey),
      }));
      const [created] = await store.write(ctx, [{
        type: 'create',
        entity: billingAccountEntity,
        data: { ...input, id, tenantId: ctx.tenantId, psp: provider.name, pspCustomerId: customer.id, status: 'active' },
      }]);
      return created as StoredBillingAccount;
    },

    async update(ctx: RequestContext, id: string, changes: BillingAccountChanges, ifMatch: number | undefined): Promise<StoredBillingAccount> {
      requirePermission(ctx, 'billing:update');
      const account = await read(ctx, id);
      // active ⇄ suspended → closed: every move is allowed but out of closed, which is final.
      if (account.status === 'closed') throw new RuleViolationError(ERROR_CODES.billingAccountClosed, 'A closed billing account cannot be changed.');
      const closing = changes.status === 'closed' ? { closedAt: clock.now().toISOString() } : {};
      const [updated] = await store.write(ctx, [{
        type: 'update',
        entity: billingAccountEntity,
        key: { id },
        changes: { ...changes, ...closing },
        current: account,
        ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }),
      }]);
      const customerFields = { name: changes.name, email: changes.billingEmail, phone: changes.phone, address: changes.address };
      if (account.pspCustomerId !== undefined && Object.values(customerFields).some((v) => v !== undefined)) {
        const customerId = account.pspCustomerId;
        // After our write: a refused PSP update leaves our record right and says so.
        await pspCall(() => paymentProviderOf(runtime).updateCustomer(customerId, Object.fromEntries(Object.entries(customerFields).filter(([, v]) => v !== undefined))));
      }
      return updated as StoredBillingAccount;
    },
  };
};

export type BillingAccountService = ReturnType<typeof createBillingAccountService>;
