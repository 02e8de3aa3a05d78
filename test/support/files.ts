/** Helpers for file tests: real bytes, their SHA-256, and a real PUT to a presigned URL. */
import { createHash, randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import { systemContext, type RequestContext } from '../../src/core/context.js';
import type { Runtime } from '../../src/core/runtime.js';
import { derivationService, transferService, type NewFileInput } from '../../src/domains/files/services/index.js';
import type { Transport } from './http.js';

export const sha256Base64 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64');

export const someBytes = (size = 1024): Buffer => randomBytes(size);

export const putBytes = async (upload: { url: string; method: string; headers: Record<string, string> }, bytes: Buffer): Promise<number> =>
  (await fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes })).status;

/** Creates a file through the API, uploads its bytes and completes it. */
export const uploadFile = async (api: Transport, token: string, bytes: Buffer, extra: Record<string, unknown> = {}, path = '/files') => {
  const created = await api.request({ method: 'POST', path, token, body: { name: 'file.bin', contentType: 'application/octet-stream', size: bytes.length, checksumSha256: sha256Base64(bytes), ...extra } });
  if (created.status >= 300) throw new Error(`create failed: ${created.status} ${created.text}`);
  expectOk(await putBytes(created.body.upload, bytes));
  const completed = await api.request({ method: 'POST', path: `/files/${created.body.file.id}/complete`, token });
  if (completed.status !== 200) throw new Error(`complete failed: ${completed.status} ${completed.text}`);
  return completed.body as { id: string; version: number; [key: string]: unknown };
};

const expectOk = (status: number): void => {
  if (status !== 200) throw new Error(`upload PUT answered ${status}`);
};

/** Uploads a file through the services (no HTTP): create, PUT the bytes, complete. */
const uploadThroughServices = async (
  runtime: Runtime,
  ctx: RequestContext,
  bytes: Buffer,
  start: (input: NewFileInput) => Promise<{ file: { id: string }; upload: { url: string; method: string; headers: Record<string, string> } | null }>,
) => {
  const { file, upload } = await start({ name: 'fixture.bin', contentType: 'application/octet-stream', size: bytes.length, checksumSha256: sha256Base64(bytes), visibility: 'tenant' });
  if (upload === null) throw new Error('expected an upload');
  expectOk(await putBytes(upload, bytes));
  return transferService(runtime).complete(ctx, file.id);
};

/** An original with its main file, both uploaded (a tenant's lineage for cross-tenant tests). */
export const createFileLineage = async (runtime: Runtime, tenantId: string): Promise<{ originalId: string; mainId: string }> => {
  const ctx = systemContext({ tenantId });
  const original = await uploadThroughServices(runtime, ctx, someBytes(32), (input) => transferService(runtime).create(ctx, input));
  const main = await uploadThroughServices(runtime, ctx, someBytes(32), (input) =>
    derivationService(runtime).makeMain(ctx, original.id, { ...input, transformation: { type: 'clean', operation: 'fixture', parameters: {} } }));
  return { originalId: original.id, mainId: main.id };
};

export interface ZipEntryRead {
  name: string;
  bytes: Buffer;
  /** As the central directory declares them. */
  crc32: number;
  method: number;
  modified: Date;
}

/** Every entry of a zip in order, read with yauzl (an independent reader, strict about names). */
export const readZipEntries = (zip: Buffer): Promise<ZipEntryRead[]> =>
  new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true }, (error, archive) => {
      if (error !== null || archive === undefined) return reject(error ?? new Error('no archive'));
      const entries: ZipEntryRead[] = [];
      archive.on('error', reject);
      archive.on('end', () => resolve(entries));
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null || stream === undefined) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, bytes: Buffer.concat(chunks), crc32: entry.crc32, method: entry.compressionMethod, modified: entry.getLastModDate({ timezone: 'UTC' }) });
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });

/** Every entry of a zip, by path; yauzl checks no CRC-32, so this does. */
export const readZip = async (zip: Buffer): Promise<Map<string, Buffer>> => {
  const entries = await readZipEntries(zip);
  for (const entry of entries) {
    if (zlib.crc32(entry.bytes) !== entry.crc32) throw new Error(`CRC-32 of ${entry.name} does not match its header.`);
  }
  return new Map(entries.map((e) => [e.name, e.bytes]));
};
