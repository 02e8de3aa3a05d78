/**
 * A lineage bundle: one zip of the original, the main file and every derived file, with a
 * manifest.json describing the lineage, written to S3 as a stream (zip entries are read from S3
 * one at a time and the zip goes up one multipart part at a time), so memory stays flat whatever the
 * size (see storage/zip-stream.ts). Answers a presigned download URL.
 */
import { requirePermission } from '../../../core/access/policies.js';
import type { RequestContext } from '../../../core/context.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import { bundleKeyOf, fileEntity, type StoredFile } from '../models/file.js';
import { fileStorageOf } from '../storage/file-storage.js';
import { zipStream, type ZipEntry } from '../storage/zip-stream.js';
import { canSee, readFile } from './file-access.js';

export interface BundleResult {
  url: string;
  expiresAt: string;
  key: string;
  files: number;
  bytes: number;
}

const hasContent = (file: StoredFile | undefined): file is StoredFile => file !== undefined && (file.status === 'active' || file.status === 'archived');
/** A zip path segment from a file name: no directories, no traversal, nothing unprintable. */
const safeName = (name: string): string =>
  [...name.replace(/[/\\]/g, '_').replace(/^\.+/, '_')].map((c) => (c.charCodeAt(0) < 0x20 ? '_' : c)).join('') || 'file';

const entryOf = (file: StoredFile, path: string) => ({
  id: file.id,
  path,
  name: file.name,
  contentType: file.contentType,
  size: file.size,
  checksumSha256: file.checksumSha256,
  lineageRole: file.lineageRole,
  ...(file.parentFileId === undefined ? {} : { parentFileId: file.parentFileId }),
  ...(file.transformation === undefined ? {} : { transformation: file.transformation }),
});

export const createBundleService = (runtime: Runtime) => {
  const { store, clock, config } = runtime;

  const allDerived = async (ctx: RequestContext, mainId: string): Promise<StoredFile[]> =>
    (await store.queryAll(ctx, fileEntity, 'byParent', { parentFileId: mainId })) as StoredFile[];

  const get = async (ctx: RequestContext, id: string | undefined): Promise<StoredFile | undefined> => {
    if (id === undefined) return undefined;
    const file = (await store.get(ctx, fileEntity, { id })) as StoredFile | undefined;
    return file !== undefined && canSee(ctx, file) ? file : undefined;
  };

  return {
    async bundle(ctx: RequestContext, id: string): Promise<BundleResult> {
      requirePermission(ctx, 'files:read');
      const selected = await readFile(runtime, ctx, id);
      const original = selected.lineageRole === 'original' || selected.lineageRole === 'standalone' ? selected : await get(ctx, selected.originalFileId);
      const mainId = selected.lineageRole === 'main' ? selected.id : selected.lineageRole === 'derived' ? selected.parentFileId : original?.mainFileId;
      const main = selected.lineageRole === 'main' ? selected : await get(ctx, mainId);
      const derived = main === undefined ? [] : (await allDerived(ctx, main.id)).filter((f) => canSee(ctx, f) && hasContent(f));
      const members: Array<{ file: StoredFile; path: string }> = [
        ...(hasContent(original) ? [{ file: original, path: `original/${safeName(original.name)}` }] : []),
        ...(hasContent(main) ? [{ file: main, path: `main/${safeName(main.name)}` }] : []),
        ...derived.map((file) => ({ file, path: `derived/${file.id}-${safeName(file.name)}` })),
      ];
      const manifest = {
        createdAt: clock.now().toISOString(),
        createdBy: ctx.userId,
        original: hasContent(original) ? entryOf(original, members[0]?.path as string) : null,
        main: hasContent(main) ? entryOf(main, members.find((m) => m.file.id === main.id)?.path as string) : null,
        derived: members.filter((m) => m.file.lineageRole === 'derived').map((m) => entryOf(m.file, m.path)),
      };

      const storage = fileStorageOf(runtime);
      const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
      const entries: ZipEntry[] = [
        { path: 'manifest.json', size: manifestBytes.length, mtime: clock.now(), open: () => [manifestBytes] },
        // Each object is opened from S3 only when the zip reaches it.
        ...members.map(({ file, path }) => ({ path, size: file.size, mtime: new Date(file.uploadedAt ?? file.createdAt), open: () => storage.read(file.storageKey) })),
      ];

      const root = original ?? selected;
      const key = bundleKeyOf(ctx.tenantId as string, root.id, newId());
      // The zip is a little larger than its members (headers, manifest): that sizes the parts.
      const expectedBytes = members.reduce((sum, m) => sum + m.file.size + 200 + m.path.length * 2, 64 * 1024);
      // A member that cannot be read fails the zip stream; that fails the upload, which is
      // aborted, so no half-written bundle is left behind.
      const { bytes } = await storage.write(key, zipStream(entries), { contentType: 'application/zip', expectedBytes });
      const link = await storage.presignDownload(key, { fileName: `${root.name}-lineage.zip`, contentType: 'application/zip', expiresInSeconds: config.files.downloadUrlSeconds, now: clock.now() });
      return { ...link, key, files: members.length, bytes };
    },
  };
};

export type BundleService = ReturnType<typeof createBundleService>;
