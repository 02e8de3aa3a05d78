/**
 * File records: read, list, change, archive. Nothing here touches S3, so the Lambdas of these
 * routes carry no S3 client; the bytes (uploads, completion, downloads) are the transfer
 * service's, deletion is file-deletion's.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { RuleViolationError } from '../../../core/errors.js';
import type { Runtime } from '../../../core/runtime.js';
import type { Page, QueryFilter } from '../../../core/store/store.js';
import { pageOptions } from '../../../core/store/store.js';
import { fileEntity, toFileView, type FileView, type LineageRole, type StoredFile } from '../models/file.js';
import { assertChangeable, assertNotDeleted, readFile, visibilityFilter } from './file-access.js';

export interface ListFilesInput {
  status?: StoredFile['status'] | undefined;
  owner?: string | undefined;
  tag?: string | undefined;
  role?: LineageRole | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

const versionFrom = (ifMatch: number | undefined) => (ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const });

export const createFileService = (runtime: Runtime) => {
  const { store, clock } = runtime;

  const read = (ctx: RequestContext, id: string): Promise<StoredFile> => readFile(runtime, ctx, id);

  return {
    read,

    async get(ctx: RequestContext, id: string): Promise<FileView> {
      requirePermission(ctx, 'files:read');
      return toFileView(await read(ctx, id));
    },

    async list(ctx: RequestContext, input: ListFilesInput): Promise<Page<FileView>> {
      requirePermission(ctx, 'files:read');
      const filters: QueryFilter[] = [
        ...visibilityFilter(ctx),
        // Deleted files are kept for history but listed only when asked for.
        input.status === undefined ? { field: 'status', op: 'ne', value: 'deleted' } : { field: 'status', op: 'eq', value: input.status },
        ...(input.tag === undefined ? [] : [{ field: 'tags', op: 'contains' as const, value: input.tag }]),
        ...(input.role === undefined ? [] : [{ field: 'lineageRole', op: 'eq' as const, value: input.role }]),
      ];
      const paging = { order: 'desc' as const, filters, ...pageOptions(input) };
      const page = input.owner === undefined
        ? await store.query(ctx, fileEntity, 'byTenant', {}, paging)
        : await store.query(ctx, fileEntity, 'byOwner', { ownerId: input.owner }, paging);
      return { items: page.items.map((f) => toFileView(f as StoredFile)), nextCursor: page.nextCursor };
    },

    async update(ctx: RequestContext, id: string, changes: Partial<Pick<StoredFile, 'name' | 'tags' | 'metadata' | 'visibility'>>, ifMatch: number | undefined): Promise<FileView> {
      requirePermission(ctx, 'files:update');
      const file = await read(ctx, id);
      assertChangeable(ctx, file);
      assertNotDeleted(file);
      const clean = Object.fromEntries(Object.entries({ ...changes, ...(changes.tags === undefined ? {} : { tags: [...new Set(changes.tags)] }) }).filter(([, v]) => v !== undefined));
      return toFileView((await store.update(ctx, fileEntity, { id }, clean, { current: file as never, ...versionFrom(ifMatch) })) as StoredFile);
    },

    async archive(ctx: RequestContext, id: string, ifMatch: number | undefined): Promise<FileView> {
      requirePermission(ctx, 'files:archive');
      const file = await read(ctx, id);
      assertChangeable(ctx, file);
      if (file.status !== 'active') throw new RuleViolationError(ERROR_CODES.invalidTransition, `${file.status === 'archived' ? 'An archived' : `A ${file.status}`} file cannot be archived.`, { details: { from: file.status } });
      return toFileView((await store.update(ctx, fileEntity, { id }, { status: 'archived', archivedAt: clock.now().toISOString() }, { current: file as never, ...versionFrom(ifMatch) })) as StoredFile);
    },
  };
};

export type FileService = ReturnType<typeof createFileService>;
