/** Creating and changing billing accounts (the PSP customer follows). */
import { defineRoute, resource } from '../../../core/http/route.js';
import { billingAccountService } from '../services/index.js';
import { BillingAccountSchema } from '../models/billing-account.js';
import { CreateBillingAccountBody, UpdateBillingAccountBody } from './account-schemas.js';
import { BillingAccountParams } from './schemas.js';

export const createBillingAccountRoute = defineRoute({
  method: 'POST',
  path: '/billing-accounts',
  operationId: 'createBillingAccount',
  summary: 'Create a billing account',
  description: 'Creates the PSP customer too. Idempotency-Key makes a retry safe.',
  tags: ['payments'],
  permission: 'billing:create',
  body: CreateBillingAccountBody,
  responses: { 201: { description: 'The billing account.', schema: BillingAccountSchema } },
  handler: async ({ ctx, body, runtime, header }) => {
    const account = await billingAccountService(runtime).create(ctx, body, header('idempotency-key'));
    return resource(201, account, { location: `/billing-accounts/${account.id}` });
  },
});

export const updateBillingAccountRoute = defineRoute({
  method: 'PATCH',
  path: '/billing-accounts/{billingAccountId}',
  operationId: 'updateBillingAccount',
  summary: 'Change a billing account',
  description: 'Any field but the currency; `status` moves active ⇄ suspended → closed (closed is final).',
  tags: ['payments'],
  permission: 'billing:update',
  params: BillingAccountParams,
  body: UpdateBillingAccountBody,
  responses: { 200: { description: 'The billing account.', schema: BillingAccountSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, await billingAccountService(runtime).update(ctx, params.billingAccountId, body, ifMatch)),
});
