/** The bytes of files through presigned URLs: create with an upload, renew the upload, complete, download. */
import { defineRoute, json, resource } from '../../../core/http/route.js';
import { FileSchema } from '../models/file.js';
import { transferService } from '../services/index.js';
import { CreateFileBody, DownloadSchema, FileParams, FileWithUpload } from './schemas.js';

const tags = ['files'];

export const createFileRoute = defineRoute({
  method: 'POST',
  path: '/files',
  operationId: 'createFile',
  summary: 'Create a file and get its upload URL',
  description: 'A record pending upload, and a presigned PUT pinned to `size` and `checksumSha256` (base64 SHA-256, as S3 writes it): send exactly `upload.headers` with exactly `size` bytes, then POST /files/{id}/complete. Larger than FILES_MAX_SIZE_BYTES: 413 file_too_large.',
  tags,
  permission: 'files:create',
  body: CreateFileBody,
  responses: { 201: { description: 'The file (pending upload) and its upload.', schema: FileWithUpload } },
  handler: async ({ ctx, body, runtime }) => {
    const result = await transferService(runtime).create(ctx, body);
    return { ...resource(201, result.file, { location: `/files/${result.file.id}` }), body: result };
  },
});

export const uploadUrlRoute = defineRoute({
  method: 'POST',
  path: '/files/{fileId}/upload',
  operationId: 'renewFileUpload',
  summary: 'A new upload URL for a file still pending',
  description: 'When the first URL expired, or after a refused complete (the file stays pending).',
  tags,
  permission: 'files:create',
  params: FileParams,
  conditional: false,
  responses: { 200: { description: 'The file and a fresh upload.', schema: FileWithUpload } },
  handler: async ({ ctx, params, runtime }) => json(200, await transferService(runtime).uploadUrl(ctx, params.fileId)),
});

export const completeFileRoute = defineRoute({
  method: 'POST',
  path: '/files/{fileId}/complete',
  operationId: 'completeFile',
  summary: 'Check the uploaded bytes and activate the file',
  description: 'The object\'s size and SHA-256 must be the declared ones (S3\'s own checksum where kept, else the object is hashed as a stream). Missing or different: 422 upload_missing / upload_mismatch with the reason, and the file stays pending.',
  tags,
  permission: 'files:create',
  params: FileParams,
  conditional: false,
  responses: { 200: { description: 'The active file.', schema: FileSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, await transferService(runtime).complete(ctx, params.fileId)),
});

export const downloadFileRoute = defineRoute({
  method: 'GET',
  path: '/files/{fileId}/download',
  operationId: 'downloadFile',
  summary: 'A short-lived download URL',
  description: 'A presigned GET that downloads under the file\'s name (Content-Disposition). Not uploaded yet: 409 file_not_uploaded; deleted: 410.',
  tags,
  permission: 'files:read',
  params: FileParams,
  errors: [410],
  responses: { 200: { description: 'The URL and when it expires.', schema: DownloadSchema } },
  handler: async ({ ctx, params, runtime }) => json(200, await transferService(runtime).download(ctx, params.fileId)),
});
