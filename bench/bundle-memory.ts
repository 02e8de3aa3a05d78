/**
 * Memory of a lineage bundle: an original, its main file and three derived files of 200 MiB in
 * all are put in the S3-compatible local server, then one child process, built as a Lambda
 * bundle and run with plain `node`, zips them into S3 (POST /files/{id}/lineage/bundle's
 * service) while sampling its own resident memory. The figure is the child's maxRSS: everything
 * the process ever held, start-up and the AWS SDK included.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { systemContext } from '../src/core/context.js';
import { createRuntime } from '../src/core/runtime.js';
import { files, type FilesServices } from '../src/domains/files/services/index.js';
import { S3_CLIENT } from '../src/domains/files/storage/file-storage.js';
import type { Transformation } from '../src/domains/files/models/file.js';
import type { RequestContext } from '../src/core/context.js';
import { freePort } from '../src/local/ports.js';
import { localS3Client, S3_LOCAL_CREDENTIALS, startS3Local } from '../src/local/s3-local.js';
import { buildBundle } from './lib/bundles.js';
import type { Fixture } from './lib/fixture.js';
import { BENCH_DIR, BUNDLE_DIR, REPO_ROOT } from './lib/paths.js';

const run = promisify(execFile);
const MIB = 1024 * 1024;
export const BUNDLE_RSS_LIMIT_MB = 150;
const BUCKET = 'bench-files';
const CHILD_ENTRY = join(REPO_ROOT, 'bench', 'entries', 'bundle-lineage.ts');

export interface BundleMemoryResult {
  /** Bytes of the five member files together. */
  memberBytes: number;
  files: number;
  /** Bytes of the zip written to S3 (members, headers, manifest). */
  zipBytes: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  maxRssMb: number;
}

/** `size` bytes made of one random 1 MiB block repeated (incompressible enough, cheap to make), and their SHA-256. */
const content = (block: Buffer, size: number): { body: () => Readable; sha256: string } => {
  const hash = createHash('sha256');
  for (let left = size; left > 0; left -= block.length) hash.update(left >= block.length ? block : block.subarray(0, left));
  const body = (): Readable =>
    Readable.from((function* chunks() {
      for (let left = size; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
    })());
  return { body, sha256: hash.digest('base64') };
};

/** One file through the real flow: create (pending), the bytes into S3, complete (size and SHA-256 checked). */
const uploadFile = async (s3: S3Client, make: () => Promise<{ file: { id: string; storageKey: string } }>, bytes: { body: () => Readable }, size: number, complete: (id: string) => Promise<unknown>): Promise<string> => {
  const { file } = await make();
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: file.storageKey, Body: bytes.body(), ContentLength: size, ContentType: 'application/octet-stream' }));
  await complete(file.id);
  return file.id;
};

const makeLineage = async (services: FilesServices, ctx: RequestContext, s3: S3Client, sizes: { original: number; main: number; derived: number[] }): Promise<string> => {
  const block = randomBytes(MIB);
  const input = (name: string, size: number) => {
    const bytes = content(block, size);
    return { bytes, body: { name, contentType: 'application/octet-stream', size, checksumSha256: bytes.sha256 } };
  };
  const complete = (id: string) => services.transfers.complete(ctx, id);
  const original = input('survey.raw', sizes.original);
  const originalId = await uploadFile(s3, () => services.transfers.create(ctx, original.body), original.bytes, sizes.original, complete);
  const main = input('survey.clean', sizes.main);
  const clean: Transformation = { type: 'clean', operation: 'deduplicate', parameters: {} };
  const mainId = await uploadFile(s3, () => services.derivations.makeMain(ctx, originalId, { ...main.body, transformation: clean }), main.bytes, sizes.main, complete);
  for (const [i, size] of sizes.derived.entries()) {
    const derived = input(`survey-${i}.out`, size);
    const step: Transformation = { type: 'process', operation: 'aggregate', parameters: { step: i } };
    await uploadFile(s3, async () => {
      const made = await services.derivations.derive(ctx, mainId, { ...derived.body, transformation: step });
      return { file: made.file };
    }, derived.bytes, size, complete);
  }
  return originalId;
};

export const measureBundleMemory = async (fixture: Fixture, options: { totalMib: number }): Promise<BundleMemoryResult> => {
  // 40 % original, 30 % main, three derived files of 10 % each.
  const unit = (options.totalMib * MIB) / 10;
  const sizes = { original: 4 * unit, main: 3 * unit, derived: [unit, unit, unit] };
  const memberBytes = sizes.original + sizes.main + sizes.derived.reduce((a, b) => a + b, 0);

  const dataDir = mkdtempSync(join(BENCH_DIR, 's3-'));
  const s3Local = await startS3Local({ port: await freePort(), dataDir, bucket: BUCKET });
  const s3 = localS3Client(s3Local.endpoint);
  try {
    const config = { ...fixture.runtime.config, bucketName: BUCKET, s3: { endpoint: s3Local.endpoint, forcePathStyle: true } };
    const runtime = createRuntime({ config, client: fixture.runtime.client });
    runtime.provide(S3_CLIENT, s3);
    const ctx: RequestContext = { ...systemContext({ tenantId: fixture.tenantId }), userId: fixture.adminId };
    const originalId = await makeLineage(files(runtime), ctx, s3, sizes);

    const child = await buildBundle('bundle-lineage', CHILD_ENTRY, BUNDLE_DIR);
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      AWS_REGION: config.region,
      AWS_ACCESS_KEY_ID: S3_LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3_LOCAL_CREDENTIALS.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: config.tableName,
      DYNAMODB_ENDPOINT: config.dynamodb.endpoint ?? '',
      S3_ENDPOINT: s3Local.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      BUCKET_NAME: BUCKET,
      CURSOR_SECRET: config.cursorSecret,
      LOG_LEVEL: 'silent',
      BENCH_TENANT_ID: fixture.tenantId,
      BENCH_FILE_ID: originalId,
    };
    // No NODE_OPTIONS, no loader: the process a Lambda would be, holding only the bundle.
    const { stdout } = await run(process.execPath, [child.file], { env, maxBuffer: 1024 * 1024 });
    const figures = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { files: number; bytes: number; seconds: number; rssBeforeMb: number; peakRssMb: number; maxRssMb: number };
    if (figures.files !== 5 || figures.bytes < memberBytes) throw new Error(`The bundle is incomplete: ${figures.files} files, ${figures.bytes} bytes for ${memberBytes} bytes of members.`);
    return { memberBytes, files: figures.files, zipBytes: figures.bytes, seconds: figures.seconds, rssBeforeMb: figures.rssBeforeMb, peakRssMb: figures.peakRssMb, maxRssMb: figures.maxRssMb };
  } finally {
    s3.destroy();
    await s3Local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
