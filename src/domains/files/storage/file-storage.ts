/**
 * Where file bytes live: an S3 bucket (AWS S3 in production, the S3-compatible local server on one
 * machine and in tests), behind a small interface. Clients upload and download straight to and
 * from S3 with presigned URLs; the API never carries file bytes.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Runtime } from '../../../core/runtime.js';
import { mapAwsError } from '../../../core/store/aws-errors.js';
import { partSizeFor, uploadStream } from './stream-upload.js';

export interface PresignedUpload {
  url: string;
  method: 'PUT';
  /** Exactly these headers must be sent with the body (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface FileStorage {
  presignUpload(key: string, input: { contentType: string; size: number; checksumSha256: string; expiresInSeconds: number; now: Date }): Promise<PresignedUpload>;
  presignDownload(key: string, input: { fileName: string; contentType: string; expiresInSeconds: number; now: Date }): Promise<{ url: string; expiresAt: string }>;
  /** Size and, where the store keeps one, S3's own SHA-256; undefined when there is no object. */
  stat(key: string): Promise<{ size: number; checksumSha256?: string } | undefined>;
  /** SHA-256 (base64) of the object, read as a stream. */
  sha256(key: string): Promise<string>;
  read(key: string): Promise<Readable>;
  /** Writes a stream of unknown length, holding one part in memory at a time (see stream-upload.ts). */
  write(key: string, body: AsyncIterable<Uint8Array>, input: { contentType: string; expectedBytes: number }): Promise<{ bytes: number; parts: number }>;
  remove(key: string): Promise<void>;
  readonly bucket: string;
}

export const S3_CLIENT = 'files.s3-client';

/** The S3 client of a runtime: from the environment, unless one was provided (local runtime, tests). */
export const s3ClientOf = (runtime: Runtime): S3Client =>
  runtime.service(S3_CLIENT, (rt) => new S3Client({
    region: rt.config.region,
    ...(rt.config.s3.endpoint === undefined ? {} : { endpoint: rt.config.s3.endpoint }),
    forcePathStyle: rt.config.s3.forcePathStyle,
    // Checksums are ours to choose (SHA-256, signed into the upload URL), not the SDK's default CRC32.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }));

/**
 * RFC 6266 Content-Disposition: an ASCII fallback name and the exact UTF-8 name, so that any file
 * name downloads as itself and none can break out of the header.
 */
export const contentDisposition = (fileName: string): string => {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
};

const isMissing = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** S3 unreachable, throttling or failing is a 503 with Retry-After, as DynamoDB is; a missing key is the caller's to judge. */
const storageFailure = (error: unknown): never => {
  throw mapAwsError(error, 'File storage');
};

export const createS3Storage = (client: S3Client, bucket: string): FileStorage => ({
  bucket,
  async presignUpload(key, input) {
    const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: input.contentType, ContentLength: input.size, ChecksumSHA256: input.checksumSha256 });
    // Size and checksum are signed: S3 refuses a body of another length, and (AWS S3) one whose SHA-256 differs.
    const url = await getSignedUrl(client, command, {
      expiresIn: input.expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256']),
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
    });
    return {
      url,
      method: 'PUT',
      headers: { 'content-type': input.contentType, 'x-amz-checksum-sha256': input.checksumSha256 },
      expiresAt: new Date(input.now.getTime() + input.expiresInSeconds * 1000).toISOString(),
    };
  },
  async presignDownload(key, input) {
    const command = new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: contentDisposition(input.fileName), ResponseContentType: input.contentType });
    const url = await getSignedUrl(client, command, { expiresIn: input.expiresInSeconds });
    return { url, expiresAt: new Date(input.now.getTime() + input.expiresInSeconds * 1000).toISOString() };
  },
  async stat(key) {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
      return { size: head.ContentLength ?? 0, ...(head.ChecksumSHA256 === undefined ? {} : { checksumSha256: head.ChecksumSHA256 }) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      return storageFailure(error);
    }
  },
  async sha256(key) {
    const hash = createHash('sha256');
    for await (const chunk of await this.read(key)) hash.update(chunk as Buffer);
    return hash.digest('base64');
  },
  async read(key) {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key })).catch(storageFailure);
    return object.Body as Readable;
  },
  write(key, body, input) {
    return uploadStream(client, { bucket, key, contentType: input.contentType, partSize: partSizeFor(input.expectedBytes) }, body).catch(storageFailure);
  },
  async remove(key) {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(storageFailure);
  },
});

export const FILE_STORAGE = 'files.storage';

export const fileStorageOf = (runtime: Runtime): FileStorage =>
  runtime.service(FILE_STORAGE, (rt) => createS3Storage(s3ClientOf(rt), rt.config.bucketName));
