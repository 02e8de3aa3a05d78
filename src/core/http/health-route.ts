/** GET /health: public liveness with a real round trip to the table (503 when it cannot be read). */
import * as z from 'zod/mini';
import { systemContext } from '../context.js';
import { defineEntity } from '../store/entity.js';
import { defineRoute, json } from './route.js';

const healthProbe = defineEntity({ name: 'HealthProbe', schemaVersion: 1, scope: 'platform', schema: z.object({}), primary: { pk: 'P#HEALTH', sk: 'HEALTH' } });

export const HealthSchema = z.object({ status: z.literal('ok'), time: z.string(), checks: z.object({ dynamodb: z.object({ status: z.literal('ok'), latencyMs: z.number() }) }) });

export const healthRoute = defineRoute({
  method: 'GET',
  path: '/health',
  operationId: 'getHealth',
  summary: 'Health check',
  description: 'Reads one key from the table; a store that cannot be reached answers 503 with Retry-After.',
  tags: ['platform'],
  access: 'public',
  tenant: 'optional',
  idempotent: false,
  responses: { 200: { description: 'Healthy.', schema: HealthSchema } },
  handler: async ({ runtime }) => {
    const started = performance.now();
    await runtime.store.get(systemContext(), healthProbe, {}, { consistent: false });
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    return json(200, { status: 'ok', time: runtime.clock.now().toISOString(), checks: { dynamodb: { status: 'ok', latencyMs } } });
  },
});
