/** Making a lineage: the main file of an original, derived files of the main file. */
import { defineRoute, resource } from '../../../core/http/route.js';
import { derivationService } from '../services/index.js';
import { DerivedFileBody, DerivedResult, FileParams, FileWithUpload } from './schemas.js';

const tags = ['files'];

export const makeMainFileRoute = defineRoute({
  method: 'POST',
  path: '/files/{fileId}/main',
  operationId: 'makeMainFile',
  summary: 'Make the main file of an original',
  description: 'Body of POST /files plus `transformation`; answers like POST /files. An original has one main file (409 main_exists); a main or derived file is no original (422 lineage_rule).',
  tags,
  permission: 'files:create',
  params: FileParams,
  conditional: false,
  body: DerivedFileBody,
  responses: { 201: { description: 'The main file (pending upload) and its upload.', schema: FileWithUpload } },
  handler: async ({ ctx, params, body, runtime }) => {
    const result = await derivationService(runtime).makeMain(ctx, params.fileId, body);
    return { ...resource(201, result.file, { location: `/files/${result.file.id}` }), body: result };
  },
});

export const deriveFileRoute = defineRoute({
  method: 'POST',
  path: '/files/{fileId}/derived',
  operationId: 'deriveFile',
  summary: 'Make a derived file from the main file',
  description: 'Only from a main file (422 lineage_rule otherwise). The same main + operation + parameters gives back the file already made (200, `existing: true`).',
  tags,
  permission: 'files:create',
  params: FileParams,
  conditional: false,
  body: DerivedFileBody,
  responses: {
    201: { description: 'A new derived file and its upload.', schema: DerivedResult },
    200: { description: 'The derived file this derivation already made.', schema: DerivedResult },
  },
  handler: async ({ ctx, params, body, runtime }) => {
    const result = await derivationService(runtime).derive(ctx, params.fileId, body);
    return { ...resource(result.existing ? 200 : 201, result.file, result.existing ? {} : { location: `/files/${result.file.id}` }), body: result };
  },
});
