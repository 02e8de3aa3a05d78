/** A small tenant-scoped entity used to test the store itself, independent of any domain. */
import * as z from 'zod/mini';
import { defineEntity } from '../../src/core/store/entity.js';

export const WidgetSchema = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string().check(z.minLength(1)),
  code: z.string(),
  status: z.enum(['draft', 'live']),
  color: z.optional(z.string()),
  blob: z.optional(z.string()),
  count: z.optional(z.int()),
});

export const widgetEntity = defineEntity({
  name: 'Widget',
  schemaVersion: 1,
  scope: 'tenant',
  schema: WidgetSchema,
  primary: { pk: 'T#{tenantId}#WIDGET#{id}', sk: 'WIDGET' },
  patterns: {
    byTenant: { index: 'gsi1', pk: 'T#{tenantId}#WIDGETS', sk: '{id}' },
    byStatus: { index: 'gsi2', pk: 'T#{tenantId}#WIDGETS#{status}', sk: '{createdAt}#{id}' },
  },
  unique: { code: { fields: ['code'], key: 'T#{tenantId}#WIDGET_CODE#{code}' } },
});
