/** Reading a lineage: from any file of it, and the derived files of a main file page by page. */
import { defineRoute, json } from '../../../core/http/route.js';
import { lineageService } from '../services/index.js';
import { FilePage, FileParams, LineageSchema, PageQuery } from './schemas.js';

const tags = ['files'];

export const getLineageRoute = defineRoute({
  method: 'GET',
  path: '/files/{fileId}/lineage',
  operationId: 'getFileLineage',
  summary: 'The lineage of any file in it',
  description: '`{ selected, original, main, derived }` (the first 100 derived files; the rest through GET /files/{mainId}/derived).',
  tags,
  permission: 'files:read',
  params: FileParams,
  responses: { 200: { description: 'The lineage.', schema: LineageSchema } },
  handler: async ({ ctx, params, runtime }) => json(200, await lineageService(runtime).lineage(ctx, params.fileId)),
});

export const listDerivedFilesRoute = defineRoute({
  method: 'GET',
  path: '/files/{fileId}/derived',
  operationId: 'listDerivedFiles',
  summary: 'The derived files of a main file',
  tags,
  permission: 'files:read',
  params: FileParams,
  query: PageQuery,
  responses: { 200: { description: 'One page of derived files.', schema: FilePage } },
  handler: async ({ ctx, params, query, runtime }) => json(200, await lineageService(runtime).listDerived(ctx, params.fileId, query)),
});
