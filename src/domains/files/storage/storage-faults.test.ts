/** S3 that cannot be reached, or a bucket that is not there: 503 with Retry-After, and nothing changes. */
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../routes.js';
import { freePort } from '../../../local/ports.js';
import { localS3Client } from '../../../local/s3-local.js';
import { sha256Base64, someBytes } from '../../../../test/support/files.js';
import { createTransport } from '../../../../test/support/http.js';
import { createTestRuntime } from '../../../../test/support/runtime.js';
import { createTenantFixture } from '../../../../test/support/world.js';
import { AppError } from '../../../core/errors.js';
import { S3_CLIENT, fileStorageOf } from './file-storage.js';

const withStorage = async (endpoint: string | undefined, env: Record<string, string> = {}) => {
  const t = await createTestRuntime({ env });
  // Before the storage is first used, so that it is built on this client.
  if (endpoint !== undefined) t.runtime.provide(S3_CLIENT, localS3Client(endpoint));
  const api = await createTransport('lambda', apiRoutes, t.runtime);
  const f = await createTenantFixture(t, 'storage-faults');
  return { api, f };
};

const newFile = (bytes: Buffer) => ({ name: 'a.bin', contentType: 'application/octet-stream', size: bytes.length, checksumSha256: sha256Base64(bytes) });

describe('file storage faults', () => {
  it('an unreachable S3 is 503 unreachable with Retry-After; the file stays pending', async () => {
    // Nothing listens on a port just found free: every connection is refused.
    const { api, f } = await withStorage(`http://127.0.0.1:${await freePort()}`);
    // Presigning is local work: creating the file still answers.
    const created = await api.request({ method: 'POST', path: '/files', token: f.memberToken, body: newFile(someBytes(16)) });
    expect(created.status).toBe(201);
    const complete = await api.request({ method: 'POST', path: `/files/${created.body.file.id}/complete`, token: f.memberToken });
    expect(complete.status).toBe(503);
    expect(complete.headers['retry-after']).toBe('2');
    expect(complete.body).toMatchObject({ code: 'store_unavailable', reason: 'unreachable', detail: 'File storage cannot be reached; retry shortly.' });
    expect((await api.request({ method: 'GET', path: `/files/${created.body.file.id}`, token: f.memberToken })).body.status).toBe('pending_upload');
  });

  it('a bucket that does not exist is 503 bucket_not_found, not a 500', async () => {
    const t = await createTestRuntime({ env: { BUCKET_NAME: 'no-such-bucket-here' } });
    const failure = await fileStorageOf(t.runtime).read('t/x/files/y').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(503);
    expect((failure as AppError).details).toMatchObject({ reason: 'bucket_not_found', retryAfterSeconds: 30 });
  });
});
