/**
 * Making a lineage: an original has one main file (made from it: a second is 409); derived files
 * are made from the main file only (never from a derived file nor straight from the original:
 * 422 naming the rule); the main file counts its derived files exactly (an atomic ADD in the
 * derived file's own transaction); and the same derivation (main + operation + parameters) is
 * made once: asking again returns the file already made.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, ConflictError } from '../../../core/errors.js';
import type { Runtime } from '../../../core/runtime.js';
import { fileEntity, toFileView, type FileView, type StoredFile, type Transformation } from '../models/file.js';
import type { PresignedUpload } from '../storage/file-storage.js';
import { assertChangeable, canSee, mayChange, readFile } from './file-access.js';
import { derivationKeyOf, lineageRule } from './lineage-rules.js';
import { createTransferService, type NewFileInput } from './transfer-service.js';

export const createDerivationService = (runtime: Runtime) => {
  const { store } = runtime;
  const read = (ctx: RequestContext, id: string) => readFile(runtime, ctx, id);
  const transfers = createTransferService(runtime);

  return {
    async makeMain(ctx: RequestContext, originalId: string, input: NewFileInput & { transformation: Transformation }): Promise<{ file: FileView; upload: PresignedUpload }> {
      requirePermission(ctx, 'files:create');
      const original = await read(ctx, originalId);
      // The main file is the original's one curated version: choosing it changes the original.
      assertChangeable(ctx, original, 'Only the owner of the original, or someone who manages files, may make its main file.');
      if (original.lineageRole === 'main' || original.lineageRole === 'derived') {
        throw lineageRule(`A main file is made from an original; this file is a ${original.lineageRole} file.`, { role: original.lineageRole, field: 'path.fileId' });
      }
      if (original.status !== 'active' && original.status !== 'archived') throw lineageRule(`The original must be uploaded first (it is ${original.status}).`, { fileStatus: original.status });
      if (original.mainFileId !== undefined) throw new ConflictError(ERROR_CODES.mainExists, 'This original already has its main file.', { details: { mainFileId: original.mainFileId } });
      const data = transfers.newFile(ctx, input, { lineageRole: 'main', originalFileId: original.id, parentFileId: original.id, transformation: input.transformation });
      return transfers.createWith(ctx, data, [{
        type: 'update',
        entity: fileEntity,
        key: { id: original.id },
        changes: { lineageRole: 'original', mainFileId: data['id'] },
        current: original as never,
        condition: {
          expression: (b) => `attribute_not_exists(${b.name('mainFileId')})`,
          onFail: (current) => new ConflictError(ERROR_CODES.mainExists, 'This original already has its main file.', { details: { mainFileId: current?.['mainFileId'] } }),
        },
      }]).catch((error: unknown) => {
        // Two makeMain calls at once: the loser's read was stale; the winner's main is the one.
        if (error instanceof AppError && error.code === ERROR_CODES.versionConflict) throw new ConflictError(ERROR_CODES.mainExists, 'This original already has its main file.');
        throw error;
      });
    },

    /** 201 with a new derived file, or 200 with the one this same derivation already made. */
    async derive(ctx: RequestContext, mainId: string, input: NewFileInput & { transformation: Transformation }): Promise<{ file: FileView; upload: PresignedUpload | null; existing: boolean }> {
      requirePermission(ctx, 'files:create');
      const main = await read(ctx, mainId);
      if (main.lineageRole === 'derived') throw lineageRule('Derived files come from the main file only, never from another derived file.', { role: 'derived', mainFileId: main.parentFileId });
      if (main.lineageRole !== 'main') {
        throw main.mainFileId === undefined
          ? lineageRule('Derived files come from the main file, not straight from the original: make the main file first.', { role: main.lineageRole })
          : lineageRule(`Derived files come from the main file, not straight from the original: derive from ${main.mainFileId}.`, { role: main.lineageRole, mainFileId: main.mainFileId });
      }
      if (main.status !== 'active' && main.status !== 'archived') throw lineageRule(`The main file must be uploaded first (it is ${main.status}).`, { fileStatus: main.status });
      const derivationKey = derivationKeyOf(main.id, input.transformation);
      const again = async () => {
        const existing = (await store.findByUnique(ctx, fileEntity, 'derivation', { derivationKey })) as StoredFile | undefined;
        if (existing === undefined) return undefined;
        // Made by someone else as a private file: it exists, but its content is not the caller's to see.
        if (!canSee(ctx, existing)) {
          throw new ConflictError(ERROR_CODES.derivationExists, 'This derivation was already made, as another member\'s private file: ask them to share it (visibility tenant) or to delete it.', { details: { mainFileId: main.id } });
        }
        // Only who may change the file may upload its bytes.
        const upload = existing.status === 'pending_upload' && mayChange(ctx, existing) ? await transfers.presign(existing) : null;
        return { file: toFileView(existing), upload, existing: true };
      };
      const made = await again();
      if (made !== undefined) return made;
      const data = transfers.newFile(ctx, input, { lineageRole: 'derived', originalFileId: main.originalFileId as string, parentFileId: main.id, transformation: input.transformation, derivationKey });
      try {
        const created = await transfers.createWith(ctx, data, [{
          type: 'bookkeeping',
          entity: fileEntity,
          key: { id: main.id },
          add: { derivedFileCount: 1 },
          condition: {
            expression: (b) => `${b.name('status')} <> ${b.value('deleted')}`,
            onFail: () => lineageRule('The main file was deleted.', { mainFileId: main.id }),
          },
        }]);
        return { ...created, existing: false };
      } catch (error) {
        // The same derivation made at the same moment by another request: theirs is the answer.
        if (error instanceof AppError && error.code === ERROR_CODES.uniqueViolation) {
          const theirs = await again();
          if (theirs !== undefined) return theirs;
        }
        throw error;
      }
    },
  };
};

export type DerivationService = ReturnType<typeof createDerivationService>;
