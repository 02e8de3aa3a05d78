/** A zip of a whole lineage, streamed to S3. */
import { defineRoute, json } from '../../../core/http/route.js';
import { bundleService } from '../services/index.js';
import { BundleSchema, FileParams } from './schemas.js';

const tags = ['files'];

export const bundleLineageRoute = defineRoute({
  method: 'POST',
  path: '/files/{fileId}/lineage/bundle',
  operationId: 'bundleFileLineage',
  summary: 'A zip of the whole lineage',
  description: 'The original, the main file and every derived file, with a manifest.json, streamed to S3 (never whole in memory). Answers a presigned download URL.',
  tags,
  permission: 'files:read',
  params: FileParams,
  conditional: false,
  idempotent: false,
  responses: { 201: { description: 'Where to download the bundle.', schema: BundleSchema } },
  handler: async ({ ctx, params, runtime }) => json(201, await bundleService(runtime).bundle(ctx, params.fileId)),
});
