/**
 * The bytes of files, through presigned URLs: create (a record pending upload, and a PUT pinned to
 * the declared size and SHA-256), a fresh upload URL, complete (the object is checked: size, then
 * SHA-256 from S3's own checksum or by streaming it through a hash) and download (a short GET).
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, ConflictError, RuleViolationError, TooLargeError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import type { WriteOp } from '../../../core/store/write-ops.js';
import { fileEntity, storageKeyOf, toFileView, type FileView, type LineageRole, type StoredFile, type Transformation } from '../models/file.js';
import { fileStorageOf, type PresignedUpload } from '../storage/file-storage.js';
import { assertChangeable, assertNotDeleted, readFile } from './file-access.js';

/** "An active", "A deleted". */
const withArticle = (word: string): string => `${/^[aeiou]/.test(word) ? 'An' : 'A'} ${word}`;

export interface NewFileInput {
  name: string;
  contentType: string;
  size: number;
  checksumSha256: string;
  visibility?: 'private' | 'tenant' | undefined;
  tags?: string[] | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/** Where a new file sits in a lineage (set by the lineage service). */
export interface LineagePlacement {
  lineageRole: LineageRole;
  originalFileId: string;
  parentFileId: string;
  transformation: Transformation;
  derivationKey?: string;
}

export const createTransferService = (runtime: Runtime) => {
  const { store, clock, config } = runtime;
  const storage = () => fileStorageOf(runtime);
  const read = (ctx: RequestContext, id: string) => readFile(runtime, ctx, id);

  const presign = (file: StoredFile): Promise<PresignedUpload> =>
    storage().presignUpload(file.storageKey, { contentType: file.contentType, size: file.size, checksumSha256: file.checksumSha256, expiresInSeconds: config.files.uploadUrlSeconds, now: clock.now() });

  /** The record of a new file pending upload, checked against the size limit. */
  const newFile = (ctx: RequestContext, input: NewFileInput, placement?: LineagePlacement): Record<string, unknown> => {
    if (input.size > config.files.maxSizeBytes) {
      throw new TooLargeError(ERROR_CODES.fileTooLarge, `A file may be at most ${config.files.maxSizeBytes} bytes; this one declares ${input.size}.`, {
        details: { limit: config.files.maxSizeBytes, size: input.size, field: 'body.size' },
      });
    }
    const id = newId();
    return {
      tenantId: ctx.tenantId as string, id, name: input.name, contentType: input.contentType, size: input.size, checksumSha256: input.checksumSha256,
      storageKey: storageKeyOf(ctx.tenantId as string, id), ownerId: ctx.userId, visibility: input.visibility ?? 'private', status: 'pending_upload',
      tags: [...new Set(input.tags ?? [])], metadata: input.metadata ?? {}, lineageRole: 'standalone', derivedFileCount: 0, ...placement,
    };
  };

  /** Writes a new file (with any other ops in the same transaction) and presigns its upload. */
  const createWith = async (ctx: RequestContext, data: Record<string, unknown>, extra: WriteOp[] = []): Promise<{ file: FileView; upload: PresignedUpload }> => {
    const [created] = await store.write(ctx, [{ type: 'create', entity: fileEntity, data }, ...extra]);
    const file = created as StoredFile;
    return { file: toFileView(file), upload: await presign(file) };
  };

  return {
    newFile,
    createWith,
    presign,

    async create(ctx: RequestContext, input: NewFileInput) {
      requirePermission(ctx, 'files:create');
      return createWith(ctx, newFile(ctx, input));
    },

    /** A new upload URL for a file still pending (the first one expired, or its upload was refused). */
    async uploadUrl(ctx: RequestContext, id: string): Promise<{ file: FileView; upload: PresignedUpload }> {
      requirePermission(ctx, 'files:create');
      const file = await read(ctx, id);
      assertChangeable(ctx, file);
      if (file.status !== 'pending_upload') throw new RuleViolationError(ERROR_CODES.invalidTransition, `${withArticle(file.status)} file takes no upload.`, { details: { from: file.status } });
      return { file: toFileView(file), upload: await presign(file) };
    },

    async complete(ctx: RequestContext, id: string): Promise<FileView> {
      requirePermission(ctx, 'files:create');
      const file = await read(ctx, id);
      assertChangeable(ctx, file);
      if (file.status === 'active') return toFileView(file);
      if (file.status !== 'pending_upload') throw new RuleViolationError(ERROR_CODES.invalidTransition, `${withArticle(file.status)} file cannot be completed.`, { details: { from: file.status } });
      const object = await storage().stat(file.storageKey);
      if (object === undefined) throw new RuleViolationError(ERROR_CODES.uploadMissing, 'Nothing has been uploaded for this file yet: PUT the bytes to the upload URL first.');
      if (object.size !== file.size) {
        throw new RuleViolationError(ERROR_CODES.uploadMismatch, `The uploaded object is ${object.size} bytes; the file declares ${file.size}.`, { details: { reason: 'size', expected: file.size, actual: object.size } });
      }
      // S3's own checksum where it kept one (AWS, checked at upload); otherwise the bytes are read through a hash.
      const actual = object.checksumSha256 ?? (await storage().sha256(file.storageKey));
      if (actual !== file.checksumSha256) {
        throw new RuleViolationError(ERROR_CODES.uploadMismatch, `The uploaded object's SHA-256 is ${actual}; the file declares ${file.checksumSha256}.`, {
          details: { reason: 'checksum', expected: file.checksumSha256, actual },
        });
      }
      try {
        const updated = await store.update(ctx, fileEntity, { id }, { status: 'active', uploadedAt: clock.now().toISOString() }, {
          current: file as never,
          condition: { expression: (b) => `${b.name('status')} = ${b.value('pending_upload')}`, onFail: () => new ConflictError(ERROR_CODES.versionConflict, 'The file changed meanwhile.') },
        });
        return toFileView(updated as StoredFile);
      } catch (error) {
        // Two completes at once: the other one made it active, which is the answer.
        if (error instanceof AppError && error.code === ERROR_CODES.versionConflict) return toFileView(await read(ctx, id));
        throw error;
      }
    },

    async download(ctx: RequestContext, id: string): Promise<{ url: string; expiresAt: string }> {
      requirePermission(ctx, 'files:read');
      const file = await read(ctx, id);
      assertNotDeleted(file);
      if (file.status === 'pending_upload') throw new ConflictError(ERROR_CODES.fileNotUploaded, 'This file has no content yet: its upload was not completed.');
      return storage().presignDownload(file.storageKey, { fileName: file.name, contentType: file.contentType, expiresInSeconds: config.files.downloadUrlSeconds, now: clock.now() });
    },
  };
};

export type TransferService = ReturnType<typeof createTransferService>;
