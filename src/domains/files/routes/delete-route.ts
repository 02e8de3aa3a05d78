/** Deleting a file (and, with ?cascade=true, what was made from it). */
import { defineRoute, resource } from '../../../core/http/route.js';
import { FileSchema } from '../models/file.js';
import { fileDeletion } from '../services/index.js';
import { DeleteQuery, FileParams } from './schemas.js';

const tags = ['files'];

export const deleteFileRoute = defineRoute({
  method: 'DELETE',
  path: '/files/{fileId}',
  operationId: 'deleteFile',
  summary: 'Delete a file',
  description: 'The record stays with status deleted; the object is removed. A main file with derived files, or an original with its main file, is 409 file_has_derived unless `?cascade=true`.',
  tags,
  permission: 'files:delete',
  params: FileParams,
  query: DeleteQuery,
  responses: { 200: { description: 'The deleted file.', schema: FileSchema } },
  handler: async ({ ctx, params, query, ifMatch, runtime }) => resource(200, await fileDeletion(runtime).remove(ctx, params.fileId, query.cascade === 'true', ifMatch)),
});
