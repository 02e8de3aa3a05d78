/**
 * Tenant: a customer of the platform. Platform-level (the tenant registry), so its keys start
 * with `P#`; its slug is unique across the platform through a guard item.
 */
import * as z from 'zod/mini';
import { TENANT_PRIMARY_KEY } from '../../../core/access/directory.js';
import { IdSchema, ItemMetaShape, TimestampSchema, boundedJsonObject, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';

export const TENANT_STATUSES = ['active', 'suspended', 'closed'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;

export const SlugSchema = doc(
  z.string().check(z.trim(), z.toLowerCase(), z.regex(SLUG_PATTERN, { error: 'must be 3-63 lower-case letters, digits or hyphens, starting and ending with a letter or digit' })),
  { example: 'acme', description: 'Unique across the platform; usable as a subdomain.' },
);

export const TenantNameSchema = trimmedText(1, 120);
export const TenantSettingsSchema = doc(boundedJsonObject(16 * 1024), { description: 'Free-form JSON settings, at most 16 KiB.', example: { locale: 'en-GB' } });
export const StatusReasonSchema = trimmedText(1, 500);

export const TenantDataSchema = z.object({
  id: IdSchema,
  name: TenantNameSchema,
  slug: SlugSchema,
  status: z.enum(TENANT_STATUSES),
  statusReason: z.optional(z.string()),
  statusChangedAt: z.optional(TimestampSchema),
  suspendedAt: z.optional(TimestampSchema),
  closedAt: z.optional(TimestampSchema),
  ownerUserId: z.optional(IdSchema),
  settings: TenantSettingsSchema,
});

export const TenantSchema = doc(z.object({ ...TenantDataSchema.def.shape, ...ItemMetaShape }), { id: 'Tenant' });
export type Tenant = z.infer<typeof TenantSchema>;

export const tenantEntity = defineEntity({
  name: 'Tenant',
  schemaVersion: 1,
  scope: 'platform',
  schema: TenantDataSchema,
  primary: TENANT_PRIMARY_KEY,
  patterns: {
    all: { index: 'gsi1', pk: 'P#TENANTS', sk: '{id}' },
    byStatus: { index: 'gsi2', pk: 'P#TENANTS#{status}', sk: '{id}' },
  },
  unique: { slug: { fields: ['slug'], key: 'P#TENANT_SLUG#{slug}' } },
});
