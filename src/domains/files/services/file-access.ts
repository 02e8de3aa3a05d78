/**
 * Who sees and changes a file. A tenant-visible file is seen by every member who may read files;
 * a private one only by its owner and by those who manage files (tenant admins). Changing a file
 * is its owner's, or a manager's. A file the caller may not see does not exist for them (404).
 */
import { checkPermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { ForbiddenError, GoneError, NotFoundError } from '../../../core/errors.js';
import type { Runtime } from '../../../core/runtime.js';
import type { QueryFilter } from '../../../core/store/store.js';
import { fileEntity, type StoredFile } from '../models/file.js';

export const MANAGE_FILES = 'files:manage';

export const managesFiles = (ctx: RequestContext): boolean => checkPermission(ctx, MANAGE_FILES).allowed;

export const canSee = (ctx: RequestContext, file: StoredFile): boolean => file.visibility === 'tenant' || file.ownerId === ctx.userId || managesFiles(ctx);

export const assertVisible = (ctx: RequestContext, file: StoredFile | undefined): StoredFile => {
  if (file === undefined || !canSee(ctx, file)) throw new NotFoundError('File');
  return file;
};

/** The file, if the caller may see it; otherwise 404, as if it did not exist. */
export const readFile = async (runtime: Runtime, ctx: RequestContext, id: string): Promise<StoredFile> =>
  assertVisible(ctx, (await runtime.store.get(ctx, fileEntity, { id })) as StoredFile | undefined);

export const mayChange = (ctx: RequestContext, file: StoredFile): boolean => file.ownerId === ctx.userId || managesFiles(ctx);

export const assertChangeable = (ctx: RequestContext, file: StoredFile, message = 'Only the owner of this file, or someone who manages files, may change it.'): void => {
  if (mayChange(ctx, file)) return;
  const decision = checkPermission(ctx, MANAGE_FILES);
  throw new ForbiddenError(ERROR_CODES.permissionDenied, message, {
    details: {
      missingPermission: MANAGE_FILES,
      reason: decision.reason,
      ...(decision.matchedRule === null ? {} : { matchedRule: decision.matchedRule }),
      // Named only when the caller may see it (a cascade can meet someone else's private file).
      ...(canSee(ctx, file) ? { fileId: file.id } : {}),
    },
  });
};

export const assertNotDeleted = (file: StoredFile): void => {
  if (file.status === 'deleted') throw new GoneError(ERROR_CODES.fileDeleted, 'This file was deleted.', { details: { fileId: file.id } });
};

/** The list filter that hides other people's private files from a caller who does not manage files. */
export const visibilityFilter = (ctx: RequestContext): QueryFilter[] =>
  managesFiles(ctx) ? [] : [{ any: [{ field: 'visibility', op: 'eq', value: 'tenant' }, { field: 'ownerId', op: 'eq', value: ctx.userId }] }];
