/**
 * Deleting files: the record stays (status deleted, history kept) and the object is removed. A
 * main file with derived files, or an original with its main file, needs `cascade`; cascading
 * deletes the derived files (each in its own transaction, so any number fits DynamoDB's limits),
 * then the main file, then the original, each conditional on nothing new having appeared.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { ConflictError } from '../../../core/errors.js';
import { assertVersionMatches } from '../../../core/preconditions.js';
import type { Runtime } from '../../../core/runtime.js';
import type { WriteOp } from '../../../core/store/write-ops.js';
import { fileEntity, toFileView, type FileView, type StoredFile } from '../models/file.js';
import { fileStorageOf } from '../storage/file-storage.js';
import { assertChangeable, assertVisible } from './file-access.js';

const hasDerived = (file: StoredFile, count: unknown) =>
  new ConflictError(ERROR_CODES.fileHasDerived, `This ${file.lineageRole} file has files made from it; delete with ?cascade=true to delete them too.`, {
    details: { lineageRole: file.lineageRole, derivedFileCount: count, mainFileId: file.mainFileId },
  });

export const createFileDeletion = (runtime: Runtime) => {
  const { store, clock, logger } = runtime;

  const children = async (ctx: RequestContext, mainId: string): Promise<StoredFile[]> =>
    (await store.queryAll(ctx, fileEntity, 'byParent', { parentFileId: mainId }, { filters: [{ field: 'status', op: 'ne', value: 'deleted' }] })) as StoredFile[];

  /** One file in one transaction, with what its lineage needs kept in step. */
  const deleteOne = async (ctx: RequestContext, file: StoredFile, expectedVersion?: number): Promise<StoredFile> => {
    const ops: WriteOp[] = [{
      type: 'update',
      entity: fileEntity,
      key: { id: file.id },
      // The derivation key goes, so that the same derivation may be made again.
      changes: { status: 'deleted', deletedAt: clock.now().toISOString(), derivationKey: null },
      current: file as never,
      ...(expectedVersion === undefined ? {} : { expectedVersion, versionSource: 'if-match' as const }),
      ...(file.lineageRole === 'main' ? { condition: { expression: (b) => `${b.name('derivedFileCount')} = ${b.value(0)}`, onFail: (now) => hasDerived(file, now?.['derivedFileCount']) } } : {}),
      ...(file.lineageRole === 'original' ? { condition: { expression: (b) => `attribute_not_exists(${b.name('mainFileId')})`, onFail: () => hasDerived(file, undefined) } } : {}),
    }];
    if (file.lineageRole === 'derived' && file.parentFileId !== undefined) {
      ops.push({ type: 'bookkeeping', entity: fileEntity, key: { id: file.parentFileId }, add: { derivedFileCount: -1 } });
    }
    if (file.lineageRole === 'main' && file.originalFileId !== undefined) {
      // In the same transaction, the original lets go of it: it may have a new main file afterwards.
      ops.push({ type: 'update', entity: fileEntity, key: { id: file.originalFileId }, changes: { mainFileId: null } });
    }
    const [deleted] = await store.write(ctx, ops);
    await fileStorageOf(runtime).remove(file.storageKey).catch((error: unknown) => {
      // The record says deleted; an object left behind is found by its prefix and swept later.
      logger.error('file object not removed', { fileId: file.id, cause: { message: (error as Error).message } });
    });
    return deleted as StoredFile;
  };

  /**
   * Every file a delete takes, leaves first: the derived files, then the main file, then the
   * original. Collected (and each one's owner checked) before anything is deleted.
   */
  const collect = async (ctx: RequestContext, file: StoredFile, cascade: boolean): Promise<StoredFile[]> => {
    if (file.lineageRole === 'main') {
      const derived = await children(ctx, file.id);
      if (derived.length > 0 && !cascade) throw hasDerived(file, derived.length);
      return [...derived, file];
    }
    if (file.lineageRole === 'original' && file.mainFileId !== undefined) {
      const main = (await store.get(ctx, fileEntity, { id: file.mainFileId })) as StoredFile | undefined;
      if (main !== undefined && main.status !== 'deleted') {
        if (!cascade) throw hasDerived(file, 1 + main.derivedFileCount);
        return [...(await collect(ctx, main, true)), file];
      }
    }
    return [file];
  };

  return {
    async remove(ctx: RequestContext, id: string, cascade: boolean, ifMatch: number | undefined): Promise<FileView> {
      requirePermission(ctx, 'files:delete');
      const file = assertVisible(ctx, (await store.get(ctx, fileEntity, { id })) as StoredFile | undefined);
      assertChangeable(ctx, file);
      if (file.status === 'deleted') return toFileView(file);
      // Checked before a cascade starts, so that a stale If-Match or someone else's file deletes nothing at all.
      assertVersionMatches('File', ifMatch, file);
      const plan = await collect(ctx, file, cascade);
      for (const member of plan) assertChangeable(ctx, member, 'A file made from this one belongs to someone else: only they, or someone who manages files, may delete it.');
      let deleted = file;
      for (const member of plan) {
        // Earlier deletions moved the main file's counter and the original's pointer: read them again.
        const current = member.lineageRole === 'derived' ? member : ((await store.get(ctx, fileEntity, { id: member.id })) as StoredFile);
        // If-Match on the file named (checked above; an original that let go of its main file has moved on since).
        const named = member.id === file.id && (plan.length === 1 || member.lineageRole === 'main');
        deleted = await deleteOne(ctx, current, named ? ifMatch : undefined);
      }
      return toFileView(deleted);
    },
  };
};

export type FileDeletion = ReturnType<typeof createFileDeletion>;
