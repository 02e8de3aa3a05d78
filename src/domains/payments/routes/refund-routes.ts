/** Refunds at the PSP, reserved on the payment first. */
import { defineRoute, resource } from '../../../core/http/route.js';
import { RefundSchema, toRefundView } from '../models/refund.js';
import { refundService } from '../services/index.js';
import { CreateRefundBody } from './refund-schemas.js';

export const createRefundRoute = defineRoute({
  method: 'POST',
  path: '/refunds',
  operationId: 'createRefund',
  summary: 'Refund (part of) a payment',
  description: 'Never more than what remains of the payment (422 refund_exceeds_remaining), even under concurrent refunds. Takes Idempotency-Key: after a 503 (PSP unreachable; the refund stays pending, its `refundId` in the answer), a retry with the same key asks the PSP again for the same refund.',
  tags: ['payments'],
  permission: 'refunds:create',
  body: CreateRefundBody,
  responses: { 201: { description: 'The refund (succeeded, pending, requires_action or failed as the PSP answered).', schema: RefundSchema } },
  handler: async ({ ctx, body, runtime, header }) => {
    const refund = await refundService(runtime).create(ctx, body, header('idempotency-key'));
    return resource(201, toRefundView(refund), { location: `/refunds/${refund.id}` });
  },
});
