/** The custom domain over HTTP, and the public branding a verified domain serves. */
import { defineRoute, json, resource } from '../../../../core/http/route.js';
import { NotFoundError } from '../../../../core/errors.js';
import { BrandingDomainSchema } from '../../models/branding.js';
import { brandingService } from '../../services/index.js';
import { DomainBody, PublicBrandingQuery, PublicBrandingSchema } from './schemas.js';

const tags = ['branding'];

export const getBrandingDomainRoute = defineRoute({
  method: 'GET',
  path: '/branding/domain',
  operationId: 'getBrandingDomain',
  summary: 'The custom domain and its verification record',
  tags,
  permission: 'branding:read',
  responses: { 200: { description: 'The domain, with the TXT record to publish.', schema: BrandingDomainSchema } },
  handler: async ({ ctx, runtime }) => resource(200, await brandingService(runtime).getDomain(ctx)),
});

export const putBrandingDomainRoute = defineRoute({
  method: 'PUT',
  path: '/branding/domain',
  operationId: 'putBrandingDomain',
  summary: 'Set the custom domain',
  description: 'Creates a verification challenge (status pending): publish the TXT record, then verify. A hostname belongs to one tenant on the platform (409 domain_taken).',
  tags,
  permission: 'branding:update',
  body: DomainBody,
  responses: { 200: { description: 'The domain and its TXT record.', schema: BrandingDomainSchema } },
  handler: async ({ ctx, body, ifMatch, runtime }) => resource(200, await brandingService(runtime).putDomain(ctx, body.hostname, ifMatch)),
});

export const verifyBrandingDomainRoute = defineRoute({
  method: 'POST',
  path: '/branding/domain/verify',
  operationId: 'verifyBrandingDomain',
  summary: 'Check the TXT record',
  description: 'Looks the record up in DNS: the domain becomes verified, or failed with the reason.',
  tags,
  permission: 'branding:update',
  idempotent: false,
  conditional: true,
  responses: { 200: { description: 'The domain after the check.', schema: BrandingDomainSchema } },
  handler: async ({ ctx, ifMatch, runtime }) => resource(200, await brandingService(runtime).verifyDomain(ctx, ifMatch)),
});

export const deleteBrandingDomainRoute = defineRoute({
  method: 'DELETE',
  path: '/branding/domain',
  operationId: 'deleteBrandingDomain',
  summary: 'Remove the custom domain',
  tags,
  permission: 'branding:update',
  responses: { 204: { description: 'Removed; the hostname is free again.' } },
  handler: async ({ ctx, ifMatch, runtime }) => {
    await brandingService(runtime).deleteDomain(ctx, ifMatch);
    return { status: 204 };
  },
});

const CACHE = 'public, max-age=300, stale-while-revalidate=60';

export const getPublicBrandingRoute = defineRoute({
  method: 'GET',
  path: '/public/branding',
  operationId: 'getPublicBranding',
  summary: 'Public branding of a verified domain',
  description: 'For white-label sign-in pages: no credentials. Only the published public fields (no email settings). Unknown or unverified domains are 404. Cacheable; answers 304 to a matching If-None-Match.',
  tags,
  access: 'public',
  tenant: 'optional',
  query: PublicBrandingQuery,
  errors: [404],
  responses: { 200: { description: 'The public fields of the live version.', schema: PublicBrandingSchema }, 304: { description: 'Not modified.' } },
  handler: async ({ query, runtime, header }) => {
    const found = await brandingService(runtime).publicBranding(query.domain);
    if (found === undefined) throw new NotFoundError('Branding for this domain');
    const etag = `"${found.tag}"`;
    if (header('if-none-match')?.split(',').map((t) => t.trim()).includes(etag)) return { status: 304, headers: { etag, 'cache-control': CACHE } };
    return json(200, { version: found.number, branding: found.branding }, { etag, 'cache-control': CACHE });
  },
});
