/** The streaming zip writer, read back by an independent reader (yauzl; `unzip -t` too where installed). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZipEntries, someBytes } from '../../../../test/support/files.js';
import { crc32Software, zipStream, type ZipEntry } from './zip-stream.js';

const collect = async (stream: AsyncIterable<Buffer>): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
};

/** `bytes` delivered in chunks of `size`, as an S3 body stream would. */
const chunks = async function* (bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield new Uint8Array(bytes.subarray(at, at + size));
};

const unzipTest = (zip: Buffer): string | undefined => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
  } catch {
    return undefined; // not installed here: yauzl's reading stands alone
  }
  const dir = mkdtempSync(join(tmpdir(), 'gc-zip-'));
  try {
    writeFileSync(join(dir, 'a.zip'), zip);
    return execFileSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const sample = () => {
  const big = someBytes(300 * 1024 + 7);
  const manifest = Buffer.from('{"files":2}');
  const mtime = new Date('2026-03-04T05:06:08Z');
  const entries: ZipEntry[] = [
    { path: 'manifest.json', size: manifest.length, mtime, open: () => [manifest] },
    { path: 'original/Rapport été.pdf', size: big.length, mtime, open: () => chunks(big, 64 * 1024) },
    { path: 'derived/empty.txt', size: 0, mtime, open: () => chunks(Buffer.alloc(0), 1) },
  ];
  return { entries, contents: [manifest, big, Buffer.alloc(0)], mtime };
};

describe('zipStream', () => {
  it.each([
    ['plain zip', undefined, false],
    ['ZIP64 records (threshold lowered to 0)', 0, true],
  ] as const)('writes a %s that reads back byte for byte with the right CRC-32', async (_name, zip64Threshold, zip64) => {
    const { entries, contents, mtime } = sample();
    const zip = await collect(zipStream(entries, zip64Threshold === undefined ? {} : { zip64Threshold }));
    const read = await readZipEntries(zip);
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.path));
    read.forEach((entry, i) => {
      const expected = contents[i] as Buffer;
      expect(entry.bytes.equals(expected), entry.name).toBe(true);
      expect(entry.crc32, entry.name).toBe(zlib.crc32(expected));
      expect(entry.method).toBe(0);
      expect(entry.modified.toISOString()).toBe(mtime.toISOString());
    });
    // The ZIP64 end record (signature 0x06064b50) is there exactly when asked for.
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(zip64);
    const report = unzipTest(zip);
    if (report !== undefined) expect(report).toMatch(/No errors detected/);
  });

  it('fails when an entry does not have the bytes it declared (the upload is then aborted)', async () => {
    const entries: ZipEntry[] = [{ path: 'a.bin', size: 10, mtime: new Date(), open: () => chunks(someBytes(9), 4) }];
    await expect(collect(zipStream(entries))).rejects.toThrow(/a\.bin has 9 bytes; 10 were expected/);
  });

  it('opens each entry only when the archive reaches it', async () => {
    const opened: string[] = [];
    const entry = (path: string): ZipEntry => ({ path, size: 1, mtime: new Date(), open: () => { opened.push(path); return [Buffer.from('x')]; } });
    const stream = zipStream([entry('a'), entry('b')]);
    await stream.next(); // a's local header
    expect(opened).toEqual([]);
    await stream.next(); // a's byte
    expect(opened).toEqual(['a']);
    await collect(stream);
    expect(opened).toEqual(['a', 'b']);
  });

  it('computes CRC-32 in JavaScript exactly as zlib does, in one go or chunk by chunk', () => {
    const bytes = someBytes(100_003);
    expect(crc32Software(bytes)).toBe(zlib.crc32(bytes));
    expect(crc32Software(bytes.subarray(50_000), crc32Software(bytes.subarray(0, 50_000)))).toBe(zlib.crc32(bytes));
    expect(crc32Software(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
