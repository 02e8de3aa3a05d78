/** One PSP event, recorded once by its id (platform-wide): a repeated delivery finds it and stops. */
import * as z from 'zod/mini';
import { defineEntity } from '../../../core/store/entity.js';

export const webhookEventEntity = defineEntity({
  name: 'WebhookEvent',
  schemaVersion: 1,
  scope: 'platform',
  schema: z.object({
    psp: z.string(),
    eventId: z.string(),
    type: z.string(),
    /** The PSP's creation time of the event (seconds). */
    created: z.int(),
    receivedAt: z.string(),
    /** What became of it: applied, stale (an older state than the record's), or ignored (unknown object or type). */
    outcome: z.enum(['applied', 'stale', 'ignored']),
    tenantId: z.optional(z.string()),
  }),
  primary: { pk: 'P#PSPEVENT#{psp}#{eventId}', sk: 'PSPEVENT' },
});
