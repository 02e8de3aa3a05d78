/** Streaming writes to the S3-compatible local server: one PutObject, several parts, and an aborted failure. */
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { localS3Client } from '../../../local/s3-local.js';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { someBytes } from '../../../../test/support/files.js';
import { fileStorageOf, s3ClientOf } from './file-storage.js';
import { MAX_PARTS, MIN_PART_BYTES, partSizeFor, uploadStream } from './stream-upload.js';

let t: TestRuntime;
beforeAll(async () => {
  t = await createTestRuntime();
});

/** `bytes` as a stream of 64 KiB chunks, optionally failing after `failAfter` bytes. */
const chunked = (bytes: Buffer, failAfter?: number): AsyncIterable<Uint8Array> =>
  (async function* () {
    for (let at = 0; at < bytes.length; at += 64 * 1024) {
      if (failAfter !== undefined && at >= failAfter) throw new Error('the source failed');
      yield bytes.subarray(at, at + 64 * 1024);
    }
  })();

const readAll = async (key: string): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of await fileStorageOf(t.runtime).read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('uploadStream', () => {
  it('sends a stream shorter than one part as a single PutObject', async () => {
    const bytes = someBytes(100_000);
    const result = await uploadStream(s3ClientOf(t.runtime), { bucket: t.config.bucketName, key: 'small', contentType: 'application/zip', partSize: MIN_PART_BYTES }, chunked(bytes));
    expect(result).toEqual({ bytes: bytes.length, parts: 1 });
    expect((await readAll('small')).equals(bytes)).toBe(true);
  });

  it('sends a longer stream in parts of the given size, and the object is the bytes in order', async () => {
    const bytes = someBytes(2 * MIN_PART_BYTES + 12_345);
    const result = await fileStorageOf(t.runtime).write('large', Readable.from(chunked(bytes)), { contentType: 'application/zip', expectedBytes: bytes.length });
    expect(result).toEqual({ bytes: bytes.length, parts: 3 });
    expect((await readAll('large')).equals(bytes)).toBe(true);
  });

  it('aborts the multipart upload when the source fails: no object, no parts left behind', async () => {
    const bytes = someBytes(MIN_PART_BYTES + 500_000);
    // The local server neither lists nor bills open uploads, so the commands sent are what is checked.
    const client = localS3Client(inject('s3Endpoint'));
    const sent: string[] = [];
    client.middlewareStack.add((next, context) => (args) => {
      sent.push(context.commandName as string);
      return next(args);
    }, { step: 'initialize', name: 'recordCommands' });
    const write = uploadStream(client, { bucket: t.config.bucketName, key: 'broken', contentType: 'application/zip', partSize: MIN_PART_BYTES }, chunked(bytes, MIN_PART_BYTES + 100_000));
    await expect(write).rejects.toThrow('the source failed');
    expect(sent).toEqual(['CreateMultipartUploadCommand', 'UploadPartCommand', 'AbortMultipartUploadCommand']);
    expect(await fileStorageOf(t.runtime).stat('broken')).toBeUndefined();
  });

  it('sizes parts so that any object fits in 10,000 parts', () => {
    expect(partSizeFor(1000)).toBe(MIN_PART_BYTES);
    const fiveTb = 5 * 1024 ** 4;
    expect(Math.ceil(fiveTb / partSizeFor(fiveTb))).toBeLessThan(MAX_PARTS);
  });
});
