/**
 * Writes a stream of unknown length to S3 holding at most one part in memory: parts of
 * `partSize` bytes go up one at a time (S3 multipart upload), and a stream that ends before the
 * first part is full goes up as one PutObject. Parts are sent one by one on purpose: memory, not
 * throughput, is what a Lambda bundling gigabytes runs out of. On any failure the multipart
 * upload is aborted, so no parts are left behind to be billed.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** S3's smallest part (every part but the last) and its most parts per upload. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;

/** The part size for an object of about `expectedBytes`: 5 MiB, or larger when 10,000 parts would not hold it. */
export const partSizeFor = (expectedBytes: number): number => Math.max(MIN_PART_BYTES, Math.ceil((expectedBytes * 1.05) / (MAX_PARTS - 100)));

export const uploadStream = async (
  client: S3Client,
  target: { bucket: string; key: string; contentType: string; partSize: number },
  body: AsyncIterable<Uint8Array>,
): Promise<{ bytes: number; parts: number }> => {
  const { bucket: Bucket, key: Key, contentType: ContentType, partSize } = target;
  // One buffer for every part, filled and sent in turn: no part-sized garbage for the GC to find
  // late, so the process's memory is this buffer, not a trail of them.
  const part = Buffer.allocUnsafe(partSize);
  let filled = 0;
  let bytes = 0;
  let uploadId: string | undefined;
  const parts: Array<{ ETag: string; PartNumber: number }> = [];

  const sendPart = async (): Promise<void> => {
    const Body = part.subarray(0, filled);
    uploadId ??= (await client.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType }))).UploadId;
    const PartNumber = parts.length + 1;
    const { ETag } = await client.send(new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body, ContentLength: Body.length }));
    parts.push({ ETag: ETag as string, PartNumber });
    filled = 0;
  };

  try {
    for await (const chunk of body) {
      bytes += chunk.length;
      for (let at = 0; at < chunk.length; ) {
        const taken = Math.min(chunk.length - at, partSize - filled);
        part.set(chunk.subarray(at, at + taken), filled);
        filled += taken;
        at += taken;
        if (filled === partSize) await sendPart();
      }
    }
    if (uploadId === undefined) {
      const Body = part.subarray(0, filled);
      await client.send(new PutObjectCommand({ Bucket, Key, ContentType, Body, ContentLength: Body.length }));
      return { bytes, parts: 1 };
    }
    if (filled > 0) await sendPart();
    await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    return { bytes, parts: parts.length };
  } catch (error) {
    if (uploadId !== undefined) await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId })).catch(() => undefined);
    throw error;
  }
};
