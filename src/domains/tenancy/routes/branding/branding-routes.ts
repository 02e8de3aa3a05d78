/** Branding over HTTP: the published profile, the draft, publishing, versions and restore. */
import { defineRoute, etagOf, json, resource } from '../../../../core/http/route.js';
import { BrandingDraftSchema, BrandingProfileSchema, BrandingVersionSchema, PublishedBrandingSchema } from '../../models/branding.js';
import { brandingService } from '../../services/index.js';
import { VersionPage, VersionParams, VersionsQuery } from './schemas.js';

const tags = ['branding'];
const published = (p: { number: number }) => ({ etag: etagOf(p.number), location: `/branding/versions/${p.number}` });

export const getBrandingRoute = defineRoute({
  method: 'GET',
  path: '/branding',
  operationId: 'getBranding',
  summary: 'The published branding',
  tags,
  permission: 'branding:read',
  responses: { 200: { description: 'The live version.', schema: PublishedBrandingSchema } },
  handler: async ({ ctx, runtime }) => {
    const live = await brandingService(runtime).getPublished(ctx);
    return json(200, live, { etag: etagOf(live.number) });
  },
});

export const getBrandingDraftRoute = defineRoute({
  method: 'GET',
  path: '/branding/draft',
  operationId: 'getBrandingDraft',
  summary: 'The branding draft',
  tags,
  permission: 'branding:read',
  responses: { 200: { description: 'The draft, with its ETag.', schema: BrandingDraftSchema } },
  handler: async ({ ctx, runtime }) => resource(200, await brandingService(runtime).getDraft(ctx)),
});

export const putBrandingDraftRoute = defineRoute({
  method: 'PUT',
  path: '/branding/draft',
  operationId: 'putBrandingDraft',
  summary: 'Replace the branding draft',
  description: 'Colours are hex; text on background needs a WCAG AA contrast of 4.5:1 (422 insufficient_contrast). Replacing an existing draft needs If-Match (428 without, 412 when stale).',
  tags,
  permission: 'branding:update',
  body: BrandingProfileSchema,
  errors: [428],
  responses: { 200: { description: 'The replaced draft.', schema: BrandingDraftSchema }, 201: { description: 'The first draft.', schema: BrandingDraftSchema } },
  handler: async ({ ctx, body, ifMatch, runtime }) => {
    const { draft, created } = await brandingService(runtime).putDraft(ctx, body, ifMatch);
    return resource(created ? 201 : 200, draft, created ? { location: '/branding/draft' } : {});
  },
});

export const publishBrandingRoute = defineRoute({
  method: 'POST',
  path: '/branding/publish',
  operationId: 'publishBranding',
  summary: 'Publish the draft',
  description: 'The draft becomes the next version and goes live; earlier versions are kept. If-Match names the draft version you reviewed.',
  tags,
  permission: 'branding:update',
  conditional: true,
  errors: [422],
  responses: { 201: { description: 'The new live version.', schema: PublishedBrandingSchema } },
  handler: async ({ ctx, ifMatch, runtime }) => {
    const live = await brandingService(runtime).publish(ctx, ifMatch);
    return json(201, live, published(live));
  },
});

export const listBrandingVersionsRoute = defineRoute({
  method: 'GET',
  path: '/branding/versions',
  operationId: 'listBrandingVersions',
  summary: 'Published versions, newest first',
  tags,
  permission: 'branding:read',
  query: VersionsQuery,
  responses: { 200: { description: 'One page of versions.', schema: VersionPage } },
  handler: async ({ ctx, query, runtime }) => json(200, await brandingService(runtime).listVersions(ctx, query)),
});

export const getBrandingVersionRoute = defineRoute({
  method: 'GET',
  path: '/branding/versions/{version}',
  operationId: 'getBrandingVersion',
  summary: 'One published version',
  tags,
  permission: 'branding:read',
  params: VersionParams,
  responses: { 200: { description: 'The version.', schema: BrandingVersionSchema } },
  handler: async ({ ctx, params, runtime }) => json(200, await brandingService(runtime).getVersion(ctx, params.version), { etag: etagOf(params.version) }),
});

export const restoreBrandingVersionRoute = defineRoute({
  method: 'POST',
  path: '/branding/versions/{version}/restore',
  operationId: 'restoreBrandingVersion',
  summary: 'Restore an earlier version',
  description: 'The version goes live again as the next version (history stays linear) and becomes the draft.',
  tags,
  permission: 'branding:update',
  params: VersionParams,
  responses: { 201: { description: 'The new live version.', schema: PublishedBrandingSchema } },
  conditional: true,
  handler: async ({ ctx, params, ifMatch, runtime }) => {
    const live = await brandingService(runtime).restore(ctx, params.version, ifMatch);
    return json(201, live, published(live));
  },
});
