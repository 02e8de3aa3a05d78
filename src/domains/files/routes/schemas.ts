import * as z from 'zod/mini';
import { IdSchema, PageQueryShape, doc, pageOf } from '../../../core/schemas.js';
import {
  ContentTypeSchema,
  FILE_STATUSES,
  FileMetadataSchema,
  FileNameSchema,
  FileSchema,
  LINEAGE_ROLES,
  Sha256Base64Schema,
  TagSchema,
  TagsSchema,
  TransformationSchema,
  VISIBILITIES,
} from '../models/file.js';

export const FileParams = z.object({ fileId: IdSchema });

const newFileShape = {
  name: FileNameSchema,
  contentType: ContentTypeSchema,
  size: doc(z.int().check(z.minimum(0)), { description: 'Exact size in bytes; the upload URL is pinned to it.' }),
  checksumSha256: Sha256Base64Schema,
  visibility: z.optional(z.enum(VISIBILITIES)),
  tags: z.optional(TagsSchema),
  metadata: z.optional(FileMetadataSchema),
};

export const CreateFileBody = z.strictObject(newFileShape);
export const DerivedFileBody = z.strictObject({ ...newFileShape, transformation: TransformationSchema });

export const UploadSchema = doc(
  z.object({
    url: z.string(),
    method: z.literal('PUT'),
    headers: doc(z.record(z.string(), z.string()), { description: 'Send exactly these headers with the bytes; the body must be exactly `size` bytes.' }),
    expiresAt: z.string(),
  }),
  { id: 'PresignedUpload' },
);
export const FileWithUpload = z.object({ file: FileSchema, upload: UploadSchema });
export const DerivedResult = z.object({ file: FileSchema, upload: z.nullable(UploadSchema), existing: doc(z.boolean(), { description: 'true: this derivation was made before; here it is.' }) });

export const UpdateFileBody = z.strictObject({
  name: z.optional(FileNameSchema),
  tags: z.optional(TagsSchema),
  metadata: z.optional(FileMetadataSchema),
  visibility: z.optional(z.enum(VISIBILITIES)),
});

export const ListFilesQuery = z.object({
  status: z.optional(z.enum(FILE_STATUSES)),
  owner: z.optional(IdSchema),
  tag: z.optional(TagSchema),
  role: z.optional(z.enum(LINEAGE_ROLES)),
  ...PageQueryShape,
});
export const PageQuery = z.object(PageQueryShape);
export const DeleteQuery = z.object({ cascade: z.optional(z.enum(['true', 'false'])) });
export const FilePage = pageOf(FileSchema);
export const DownloadSchema = doc(z.object({ url: z.string(), expiresAt: z.string() }), { id: 'FileDownload' });
export const LineageSchema = doc(
  z.object({ selected: FileSchema, original: z.nullable(FileSchema), main: z.nullable(FileSchema), derived: z.array(FileSchema), derivedNextCursor: z.nullable(z.string()) }),
  { id: 'FileLineage' },
);
export const BundleSchema = doc(z.object({ url: z.string(), expiresAt: z.string(), key: z.string(), files: z.int(), bytes: z.int() }), { id: 'LineageBundle' });
