/**
 * Branding: a tenant's draft, its published versions (kept), the published pointer (one read for
 * GET /branding) and its custom domain. All in the tenant's branding partition; a hostname is
 * unique across the platform through a platform lookup guard, which is also how the public
 * branding of a domain is found without knowing the tenant.
 */
import * as z from 'zod/mini';
import { EmailSchema, IdSchema, ItemMetaShape, TimestampSchema, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';
import { normalizeHex } from '../services/contrast.js';

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
export const HexColorSchema = doc(
  z.pipe(z.string().check(z.regex(HEX, { error: 'must be a hex colour such as #1a73e8 or #fff' })), z.transform(normalizeHex)),
  { type: 'string', pattern: HEX.source, example: '#1a73e8' },
);

const HTTPS = /^https:\/\/[^\s/$.?#][^\s]{0,2000}$/i;
export const HttpsUrlSchema = doc(z.string().check(z.trim(), z.regex(HTTPS, { error: 'must be an https URL' })), { format: 'uri', example: 'https://example.com/terms' });

/** A logo or favicon: an https URL, or the id of a file (checked once the files domain exists). */
export const AssetRefSchema = doc(
  z.string().check(z.refine((v) => HTTPS.test(v) || /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(v), { error: 'must be an https URL or a file id' })),
  { description: 'An https URL, or a file id.', example: 'https://cdn.example.com/logo.svg' },
);

export const BrandColorsSchema = z.strictObject({
  primary: z.optional(HexColorSchema),
  secondary: z.optional(HexColorSchema),
  accent: z.optional(HexColorSchema),
  background: z.optional(HexColorSchema),
  text: z.optional(HexColorSchema),
});

export const BrandingProfileSchema = doc(
  z.strictObject({
    displayName: trimmedText(1, 120),
    logos: z.optional(z.strictObject({ light: z.optional(AssetRefSchema), dark: z.optional(AssetRefSchema) })),
    favicon: z.optional(AssetRefSchema),
    colors: z.optional(BrandColorsSchema),
    email: z.optional(z.strictObject({ fromName: z.optional(trimmedText(1, 120)), fromAddress: z.optional(EmailSchema), replyTo: z.optional(EmailSchema) })),
    supportUrl: z.optional(HttpsUrlSchema),
    legal: z.optional(z.strictObject({ termsUrl: z.optional(HttpsUrlSchema), privacyUrl: z.optional(HttpsUrlSchema), imprintUrl: z.optional(HttpsUrlSchema), cookiesUrl: z.optional(HttpsUrlSchema) })),
  }),
  { id: 'BrandingProfile' },
);
export type BrandingProfile = z.infer<typeof BrandingProfileSchema>;

/** What anyone may see of a tenant's published branding (white-label sign-in pages). */
export const PUBLIC_BRANDING_FIELDS = ['displayName', 'logos', 'favicon', 'colors', 'supportUrl', 'legal'] as const;

const PARTITION = 'T#{tenantId}#BRANDING';

export const brandingDraftEntity = defineEntity({
  name: 'BrandingDraft',
  schemaVersion: 1,
  scope: 'tenant',
  schema: z.object({ tenantId: IdSchema, profile: z.record(z.string(), z.unknown()), lastPublishedNumber: z.optional(z.int()) }),
  primary: { pk: PARTITION, sk: 'DRAFT' },
});

/** A published version: immutable, numbered 1, 2, 3… (zero-padded in the key so that they sort). */
export const brandingVersionEntity = defineEntity({
  name: 'BrandingVersion',
  schemaVersion: 1,
  scope: 'tenant',
  schema: z.object({ tenantId: IdSchema, number: z.int(), key: z.string(), profile: z.record(z.string(), z.unknown()), publishedAt: TimestampSchema, publishedBy: z.string(), restoredFrom: z.optional(z.int()) }),
  primary: { pk: PARTITION, sk: 'VERSION#{key}' },
});

/** Which version is live, with a copy of its profile so that GET /branding is one read. */
export const brandingPublishedEntity = defineEntity({
  name: 'BrandingPublished',
  schemaVersion: 1,
  scope: 'tenant',
  schema: z.object({ tenantId: IdSchema, number: z.int(), profile: z.record(z.string(), z.unknown()), publishedAt: TimestampSchema, publishedBy: z.string(), restoredFrom: z.optional(z.int()) }),
  primary: { pk: PARTITION, sk: 'PUBLISHED' },
});

export const DOMAIN_STATUSES = ['pending', 'verified', 'failed'] as const;

export const brandingDomainEntity = defineEntity({
  name: 'BrandingDomain',
  schemaVersion: 1,
  scope: 'tenant',
  schema: z.object({
    tenantId: IdSchema,
    hostname: z.string(),
    status: z.enum(DOMAIN_STATUSES),
    txtName: z.string(),
    txtValue: z.string(),
    failureReason: z.optional(z.string()),
    lastCheckedAt: z.optional(TimestampSchema),
    verifiedAt: z.optional(TimestampSchema),
  }),
  primary: { pk: PARTITION, sk: 'DOMAIN' },
  unique: { hostname: { fields: ['hostname'], key: 'P#DOMAIN#{hostname}', scope: 'platform' } },
});

export const versionKey = (n: number): string => String(n).padStart(6, '0');

export const PublishedBrandingSchema = doc(
  z.object({ number: z.int(), profile: BrandingProfileSchema, publishedAt: TimestampSchema, publishedBy: z.string(), restoredFrom: z.optional(z.int()) }),
  { id: 'PublishedBranding' },
);
export const BrandingDraftSchema = doc(z.object({ profile: BrandingProfileSchema, lastPublishedNumber: z.optional(z.int()), ...ItemMetaShape }), { id: 'BrandingDraft' });
export const BrandingVersionSchema = doc(
  z.object({ number: z.int(), profile: BrandingProfileSchema, publishedAt: TimestampSchema, publishedBy: z.string(), restoredFrom: z.optional(z.int()) }),
  { id: 'BrandingVersion' },
);
export const BrandingDomainSchema = doc(
  z.object({
    hostname: z.string(),
    status: z.enum(DOMAIN_STATUSES),
    txtName: doc(z.string(), { description: 'Publish a TXT record with this name…' }),
    txtValue: doc(z.string(), { description: '…and this value, then POST /branding/domain/verify.' }),
    failureReason: z.optional(z.string()),
    lastCheckedAt: z.optional(TimestampSchema),
    verifiedAt: z.optional(TimestampSchema),
    ...ItemMetaShape,
  }),
  { id: 'BrandingDomain' },
);
