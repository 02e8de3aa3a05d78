import * as z from 'zod/mini';
import { PageQueryShape, doc, pageOf } from '../../../../core/schemas.js';
import { BrandingVersionSchema } from '../../models/branding.js';
import { isPublicHostname } from '../../services/dns.js';

export const HostnameSchema = doc(
  z.string().check(z.trim(), z.toLowerCase(), z.refine(isPublicHostname, { error: 'must be a public DNS name such as app.example.com' })),
  { example: 'app.acme.com', format: 'hostname' },
);

export const DomainBody = z.strictObject({ hostname: HostnameSchema });
export const PublicBrandingQuery = z.object({ domain: HostnameSchema });
export const VersionParams = z.object({
  version: doc(z.pipe(z.coerce.number(), z.int().check(z.minimum(1))), { type: 'integer', minimum: 1 }),
});
export const VersionsQuery = z.object(PageQueryShape);
export const VersionPage = pageOf(BrandingVersionSchema);
export const PublicBrandingSchema = doc(z.object({ version: z.int(), branding: z.record(z.string(), z.unknown()) }), { id: 'PublicBranding' });
