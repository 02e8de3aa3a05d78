/**
 * Reading a lineage: from any file of it, the original, its main file and the derived files (the
 * first page; the rest one page at a time). Made by derivation-service.ts; no S3 here.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { lineageRule } from './lineage-rules.js';
import type { RequestContext } from '../../../core/context.js';
import type { Runtime } from '../../../core/runtime.js';
import type { Page } from '../../../core/store/store.js';
import { pageOptions } from '../../../core/store/store.js';
import { fileEntity, toFileView, type FileView, type StoredFile } from '../models/file.js';
import { canSee, readFile, visibilityFilter } from './file-access.js';

export interface Lineage {
  selected: FileView;
  original: FileView | null;
  main: FileView | null;
  derived: FileView[];
  derivedNextCursor: string | null;
}



export const createLineageService = (runtime: Runtime) => {
  const { store } = runtime;

  const derivedPage = (ctx: RequestContext, mainId: string, input: { limit?: number | undefined; cursor?: string | undefined }) =>
    store.query(ctx, fileEntity, 'byParent', { parentFileId: mainId }, {
      filters: [...visibilityFilter(ctx), { field: 'status', op: 'ne', value: 'deleted' }],
      ...pageOptions(input),
    });

  const optional = async (ctx: RequestContext, id: string | undefined): Promise<FileView | null> => {
    if (id === undefined) return null;
    const file = (await store.get(ctx, fileEntity, { id })) as StoredFile | undefined;
    return file === undefined || !canSee(ctx, file) || file.status === 'deleted' ? null : toFileView(file);
  };

  return {
    async lineage(ctx: RequestContext, id: string): Promise<Lineage> {
      requirePermission(ctx, 'files:read');
      const selected = await readFile(runtime, ctx, id);
      const originalId = selected.lineageRole === 'original' ? selected.id : selected.originalFileId;
      const original = selected.lineageRole === 'original' ? toFileView(selected) : await optional(ctx, originalId);
      const mainId = selected.lineageRole === 'main' ? selected.id : selected.lineageRole === 'derived' ? selected.parentFileId : original?.mainFileId ?? selected.mainFileId;
      const main = selected.lineageRole === 'main' ? toFileView(selected) : await optional(ctx, mainId);
      const page = main === null ? { items: [], nextCursor: null } : await derivedPage(ctx, main.id, { limit: 100 });
      return { selected: toFileView(selected), original, main, derived: page.items.map((f) => toFileView(f as StoredFile)), derivedNextCursor: page.nextCursor };
    },

    async listDerived(ctx: RequestContext, id: string, input: { limit?: number | undefined; cursor?: string | undefined }): Promise<Page<FileView>> {
      requirePermission(ctx, 'files:read');
      const file = await readFile(runtime, ctx, id);
      if (file.lineageRole !== 'main') throw lineageRule(`Only a main file has derived files; this file is ${file.lineageRole === 'original' ? 'an original' : `a ${file.lineageRole}`} file.`, { role: file.lineageRole });
      const page = await derivedPage(ctx, id, input);
      return { items: page.items.map((f) => toFileView(f as StoredFile)), nextCursor: page.nextCursor };
    },
  };
};

export type LineageService = ReturnType<typeof createLineageService>;
