/**
 * A zip archive written as a stream: entries are stored (not compressed: files are mostly
 * compressed formats already, and storing keeps the CPU of a Lambda free), each entry is opened
 * only when the archive reaches it, and its CRC-32 follows its bytes in a data descriptor, so
 * nothing is ever held but the chunk in hand. Entries or offsets past 4 GiB use ZIP64 (APPNOTE
 * 6.3.10, sections 4.3.9, 4.3.14-16, 4.5.3); smaller archives are plain zip, readable everywhere.
 * Our own (a few hundred bytes) rather than a zip library: a Lambda's bundle pays for every byte.
 */
import * as zlib from 'node:zlib';

export interface ZipEntry {
  /** The path inside the archive (UTF-8). */
  path: string;
  /** The size the entry's bytes must have: decided up front for ZIP64, checked when streamed. */
  size: number;
  mtime: Date;
  /** Called when the archive reaches the entry, not before. */
  open(): Iterable<Uint8Array> | AsyncIterable<Uint8Array> | Promise<AsyncIterable<Uint8Array>>;
}

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
/** Bit 3: CRC and sizes follow the data. Bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
/** External attributes of a regular file, mode 0644, in the Unix high half. */
const FILE_MODE = 0o100644 * 0x10000;

const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, zip's) of `data`, continued from `crc`, in JavaScript. */
export const crc32Software = (data: Uint8Array, crc = 0): number => {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = (TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
};

/** Node's native CRC-32 where it has one (20.15+: several GB/s), else ours. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32 ?? crc32Software;

/** MS-DOS date and time (UTC), the only timestamps every zip reader understands. */
const dosTime = (d: Date): { time: number; date: number } => ({
  time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  date: (Math.max(d.getUTCFullYear() - 1980, 0) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
});

/** A little-endian record, field by field. */
const record = (fields: Array<[bytes: 2 | 4 | 8, value: number]>, tail: Buffer[] = []): Buffer => {
  const head = Buffer.alloc(fields.reduce((sum, [bytes]) => sum + bytes, 0));
  let at = 0;
  for (const [bytes, value] of fields) {
    if (bytes === 2) head.writeUInt16LE(value, at);
    else if (bytes === 4) head.writeUInt32LE(value, at);
    else head.writeBigUInt64LE(BigInt(value), at);
    at += bytes;
  }
  return Buffer.concat([head, ...tail]);
};

/** The ZIP64 extended information extra field (header id 1) with the given 8-byte values. */
const zip64Extra = (values: number[]): Buffer => record([[2, 1], [2, values.length * 8], ...values.map((v): [8, number] => [8, v])]);

/**
 * The archive's bytes. `zip64Threshold` is where ZIP64 starts (4 GiB - 1, as the format says);
 * tests lower it to exercise the ZIP64 records without writing gigabytes.
 */
export async function* zipStream(entries: readonly ZipEntry[], options: { zip64Threshold?: number } = {}): AsyncGenerator<Buffer> {
  const threshold = options.zip64Threshold ?? MAX32;
  const central: Buffer[] = [];
  let offset = 0;
  let anyZip64 = false;

  for (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8');
    const zip64 = entry.size >= threshold || offset >= threshold;
    anyZip64 ||= zip64;
    const { time, date } = dosTime(entry.mtime);
    const version = zip64 ? 45 : 20;
    // Sizes and CRC are in the data descriptor (bit 3); a ZIP64 local header still carries the extra field.
    const local = record(
      [[4, 0x04034b50], [2, version], [2, FLAGS], [2, 0], [2, time], [2, date], [4, 0], [4, zip64 ? MAX32 : 0], [4, zip64 ? MAX32 : 0], [2, name.length], [2, zip64 ? 20 : 0]],
      zip64 ? [name, zip64Extra([0, 0])] : [name],
    );
    const localOffset = offset;
    yield local;
    offset += local.length;

    let crc = 0;
    let size = 0;
    for await (const chunk of await entry.open()) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
    if (size !== entry.size) throw new Error(`Zip entry ${entry.path} has ${size} bytes; ${entry.size} were expected.`);
    offset += size;

    const descriptor = record([[4, 0x08074b50], [4, crc], [zip64 ? 8 : 4, size], [zip64 ? 8 : 4, size]]);
    yield descriptor;
    offset += descriptor.length;

    central.push(record(
      [
        // Made by: Unix (3), so that readers take the name as UTF-8 and the mode as rw-r--r--.
        [4, 0x02014b50], [2, (3 << 8) | version], [2, version], [2, FLAGS], [2, 0], [2, time], [2, date], [4, crc],
        [4, zip64 ? MAX32 : size], [4, zip64 ? MAX32 : size], [2, name.length], [2, zip64 ? 28 : 0], [2, 0], [2, 0], [2, 0], [4, FILE_MODE],
        [4, zip64 ? MAX32 : localOffset],
      ],
      zip64 ? [name, zip64Extra([size, size, localOffset])] : [name],
    ));
  }

  const directoryOffset = offset;
  const directory = Buffer.concat(central);
  yield directory;
  offset += directory.length;

  const count = entries.length;
  const zip64End = anyZip64 || count >= MAX16 || directoryOffset >= threshold || directory.length >= threshold;
  if (zip64End) {
    const endOffset = offset;
    yield record([[4, 0x06064b50], [8, 44], [2, 45], [2, 45], [4, 0], [4, 0], [8, count], [8, count], [8, directory.length], [8, directoryOffset]]);
    yield record([[4, 0x07064b50], [4, 0], [8, endOffset], [4, 1]]);
  }
  // The classic end record; under ZIP64 its overflowing fields say "look in the ZIP64 record".
  yield record([
    [4, 0x06054b50], [2, 0], [2, 0],
    [2, zip64End ? MAX16 : count], [2, zip64End ? MAX16 : count],
    [4, zip64End ? MAX32 : directory.length], [4, zip64End ? MAX32 : directoryOffset], [2, 0],
  ]);
}
