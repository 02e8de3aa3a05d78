/** Reading and changing file records: get, list, update, archive (no S3 in these Lambdas). */
import { defineRoute, json, resource } from '../../../core/http/route.js';
import { FileSchema } from '../models/file.js';
import { fileService } from '../services/index.js';
import { FilePage, FileParams, ListFilesQuery, UpdateFileBody } from './schemas.js';

const tags = ['files'];

export const getFileRoute = defineRoute({
  method: 'GET',
  path: '/files/{fileId}',
  operationId: 'getFile',
  summary: 'Get a file',
  description: 'A private file is seen by its owner and by those who manage files; anyone else gets 404.',
  tags,
  permission: 'files:read',
  params: FileParams,
  responses: { 200: { description: 'The file.', schema: FileSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, await fileService(runtime).get(ctx, params.fileId)),
});

export const listFilesRoute = defineRoute({
  method: 'GET',
  path: '/files',
  operationId: 'listFiles',
  summary: 'List files',
  description: 'Newest first; `owner` uses an index, `status`, `tag` and `role` filter each page (a page may be short: follow nextCursor). Deleted files only with status=deleted.',
  tags,
  permission: 'files:read',
  query: ListFilesQuery,
  responses: { 200: { description: 'One page of files.', schema: FilePage } },
  handler: async ({ ctx, query, runtime }) => json(200, await fileService(runtime).list(ctx, query)),
});

export const updateFileRoute = defineRoute({
  method: 'PATCH',
  path: '/files/{fileId}',
  operationId: 'updateFile',
  summary: 'Change a file\'s name, tags, metadata or visibility',
  tags,
  permission: 'files:update',
  params: FileParams,
  body: UpdateFileBody,
  responses: { 200: { description: 'The file.', schema: FileSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, await fileService(runtime).update(ctx, params.fileId, body, ifMatch)),
});

export const archiveFileRoute = defineRoute({
  method: 'POST',
  path: '/files/{fileId}/archive',
  operationId: 'archiveFile',
  summary: 'Archive a file',
  tags,
  permission: 'files:archive',
  params: FileParams,
  responses: { 200: { description: 'The archived file (still downloadable).', schema: FileSchema } },
  handler: async ({ ctx, params, ifMatch, runtime }) => resource(200, await fileService(runtime).archive(ctx, params.fileId, ifMatch)),
});
