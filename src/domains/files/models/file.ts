/**
 * File: bytes in S3 under the tenant's prefix, described here. Lineage: an original file, the one
 * main file made from it, and derived files made from the main file; each points at its parent
 * and at the original, and records the transformation that made it. A main file counts its
 * derived files exactly (an atomic counter in the same transaction as each derivation).
 */
import * as z from 'zod/mini';
import { IdSchema, ItemMetaShape, TimestampSchema, boundedJsonObject, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';

export const FILE_STATUSES = ['pending_upload', 'active', 'archived', 'deleted'] as const;
export const VISIBILITIES = ['private', 'tenant'] as const;
export const LINEAGE_ROLES = ['standalone', 'original', 'main', 'derived'] as const;
export const TRANSFORMATION_TYPES = ['convert', 'clean', 'process'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
export type LineageRole = (typeof LINEAGE_ROLES)[number];

export const ContentTypeSchema = doc(
  z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/, { error: 'must be a media type such as application/pdf' })),
  { example: 'application/pdf' },
);
/** SHA-256 as S3 writes it: base64 of the 32-byte digest. */
export const Sha256Base64Schema = doc(z.string().check(z.regex(/^[A-Za-z0-9+/]{43}=$/, { error: 'must be the base64 SHA-256 digest (44 characters)' })), {
  example: 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
});
export const FileNameSchema = trimmedText(1, 255);
export const TagSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
export const TagsSchema = z.array(TagSchema).check(z.maxLength(50));
export const FileMetadataSchema = doc(boundedJsonObject(8 * 1024), { description: 'Free-form JSON, at most 8 KiB.' });

export const TransformationSchema = doc(
  z.strictObject({
    type: z.enum(TRANSFORMATION_TYPES),
    operation: trimmedText(1, 100),
    parameters: z._default(boundedJsonObject(8 * 1024), () => ({})),
  }),
  { id: 'Transformation', description: 'How this file was made from its parent.' },
);
export type Transformation = z.infer<typeof TransformationSchema>;

export const FileDataSchema = z.object({
  tenantId: IdSchema,
  id: IdSchema,
  name: FileNameSchema,
  contentType: ContentTypeSchema,
  size: z.int().check(z.minimum(0)),
  checksumSha256: Sha256Base64Schema,
  storageKey: z.string(),
  ownerId: z.string(),
  visibility: z.enum(VISIBILITIES),
  status: z.enum(FILE_STATUSES),
  tags: TagsSchema,
  metadata: FileMetadataSchema,
  lineageRole: z.enum(LINEAGE_ROLES),
  originalFileId: z.optional(IdSchema),
  parentFileId: z.optional(IdSchema),
  /** On an original: its one main file. */
  mainFileId: z.optional(IdSchema),
  transformation: z.optional(TransformationSchema),
  /** On a main file: how many derived files it has (kept exact by atomic ADDs). */
  derivedFileCount: z.int().check(z.minimum(0)),
  /** On a derived file: main + operation + parameters, kept unique so a derivation is made once. */
  derivationKey: z.optional(z.string()),
  uploadedAt: z.optional(TimestampSchema),
  archivedAt: z.optional(TimestampSchema),
  deletedAt: z.optional(TimestampSchema),
});

export const fileEntity = defineEntity({
  name: 'File',
  schemaVersion: 1,
  scope: 'tenant',
  schema: FileDataSchema,
  primary: { pk: 'T#{tenantId}#FILE#{id}', sk: 'FILE' },
  patterns: {
    byTenant: { index: 'gsi1', pk: 'T#{tenantId}#FILES', sk: '{id}' },
    byParent: { index: 'gsi2', pk: 'T#{tenantId}#FILE#{parentFileId}#CHILDREN', sk: '{id}' },
    byOwner: { index: 'gsi3', pk: 'T#{tenantId}#FILES#OWNER#{ownerId}', sk: '{id}' },
  },
  unique: { derivation: { fields: ['derivationKey'], key: 'T#{tenantId}#FILE_DERIVATION#{derivationKey}' } },
});

export type StoredFile = z.infer<typeof FileDataSchema> & z.infer<z.ZodMiniObject<typeof ItemMetaShape>>;

/** What the API shows: everything but the derivation key (an internal uniqueness handle). */
export const FileSchema = doc(z.object({ ...z.omit(FileDataSchema, { derivationKey: true }).def.shape, ...ItemMetaShape }), { id: 'File' });
export type FileView = z.infer<typeof FileSchema>;

export const toFileView = (file: StoredFile): FileView => {
  const { derivationKey: _key, ...rest } = file;
  return rest;
};

/** Bytes live under the tenant's prefix: an IAM policy on `t/<tenant>/*` can confine a tenant. */
export const storageKeyOf = (tenantId: string, fileId: string): string => `t/${tenantId}/files/${fileId}`;
export const bundleKeyOf = (tenantId: string, originalId: string, bundleId: string): string => `t/${tenantId}/bundles/${originalId}/${bundleId}.zip`;
