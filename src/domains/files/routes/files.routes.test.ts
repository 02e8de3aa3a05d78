/** File routes with real bytes through presigned URLs, via the Lambda handler and the local HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../routes.js';
import { putBytes, sha256Base64, someBytes, uploadFile } from '../../../../test/support/files.js';
import { createTransport, type Transport, type TransportKind } from '../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../test/support/world.js';
import { fileStorageOf } from '../storage/file-storage.js';

describe.each<TransportKind>(['lambda', 'local-server'])('files via %s', (kind) => {
  let t: TestRuntime;
  let api: Transport;
  let f: TenantFixture;
  let other: TenantFixture;
  let colleague: string;

  beforeAll(async () => {
    t = await createTestRuntime({ env: { FILES_MAX_SIZE_BYTES: String(5 * 1024 * 1024) } });
    api = await createTransport(kind, apiRoutes, t.runtime);
    f = await createTenantFixture(t, `fi${kind}`);
    other = await createTenantFixture(t, `fio${kind}`);
    colleague = await t.token({ userId: `colleague-${kind}`, tenantId: f.tenant.id, roles: ['member'] });
  });
  afterAll(() => api.close());

  const create = (body: Record<string, unknown>, token = f.memberToken) => api.request({ method: 'POST', path: '/files', token, body });

  it('uploads real bytes through the presigned URL, completes, and downloads the same bytes under the file name', async () => {
    const bytes = someBytes(64 * 1024);
    const created = await create({ name: 'Rapport été 2026.pdf', contentType: 'application/pdf', size: bytes.length, checksumSha256: sha256Base64(bytes), tags: ['q3', 'q3'], metadata: { source: 'scanner' } });
    expect(created.status).toBe(201);
    expect(created.headers['location']).toBe(`/files/${created.body.file.id}`);
    expect(created.body.file).toMatchObject({ status: 'pending_upload', visibility: 'private', ownerId: f.memberId, lineageRole: 'standalone', tags: ['q3'], storageKey: `t/${f.tenant.id}/files/${created.body.file.id}` });
    expect(created.body.upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/pdf', 'x-amz-checksum-sha256': sha256Base64(bytes) } });
    expect(Date.parse(created.body.upload.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(await putBytes(created.body.upload, bytes)).toBe(200);
    const done = await api.request({ method: 'POST', path: `/files/${created.body.file.id}/complete`, token: f.memberToken });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'active', uploadedAt: expect.any(String), version: 2 });
    const link = await api.request({ method: 'GET', path: `/files/${created.body.file.id}/download`, token: f.memberToken });
    expect(link.status).toBe(200);
    const download = await fetch(link.body.url);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Rapport _t_ 2026.pdf"; filename*=UTF-8''Rapport%20%C3%A9t%C3%A9%202026.pdf`);
  });

  it('refuses a wrong checksum and a wrong size at complete (422 with the reason), and the file stays pending', async () => {
    const bytes = someBytes(4096);
    const wrongSum = await create({ name: 'a.bin', contentType: 'application/octet-stream', size: bytes.length, checksumSha256: sha256Base64(someBytes(4096)) });
    expect((await api.request({ method: 'POST', path: `/files/${wrongSum.body.file.id}/complete`, token: f.memberToken })).body.code).toBe('upload_missing');
    await putBytes(wrongSum.body.upload, bytes);
    const refused = await api.request({ method: 'POST', path: `/files/${wrongSum.body.file.id}/complete`, token: f.memberToken });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'upload_mismatch', reason: 'checksum', expected: wrongSum.body.file.checksumSha256, actual: sha256Base64(bytes) });
    expect((await api.request({ method: 'GET', path: `/files/${wrongSum.body.file.id}`, token: f.memberToken })).body.status).toBe('pending_upload');

    const wrongSize = await create({ name: 'b.bin', contentType: 'application/octet-stream', size: bytes.length - 1, checksumSha256: sha256Base64(bytes.subarray(1)) });
    // A local S3 server does not enforce the signed length; AWS S3 would refuse this PUT outright.
    await putBytes(wrongSize.body.upload, bytes);
    const size = await api.request({ method: 'POST', path: `/files/${wrongSize.body.file.id}/complete`, token: f.memberToken });
    expect(size.status).toBe(422);
    expect(size.body).toMatchObject({ code: 'upload_mismatch', reason: 'size', expected: bytes.length - 1, actual: bytes.length });
    // A fresh URL, the right bytes, and the file completes.
    const again = await api.request({ method: 'POST', path: `/files/${wrongSize.body.file.id}/upload`, token: f.memberToken });
    expect(await putBytes(again.body.upload, bytes.subarray(1))).toBe(200);
    expect((await api.request({ method: 'POST', path: `/files/${wrongSize.body.file.id}/complete`, token: f.memberToken })).body.status).toBe('active');
  });

  it('checks inputs: 400 with field paths, 413 above the size limit, 403 without the permission, 401 without credentials', async () => {
    const bad = await create({ name: '', contentType: 'pdf', size: -1, checksumSha256: 'abc', visibility: 'public' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.checksumSha256', 'body.contentType', 'body.name', 'body.size', 'body.visibility']);
    const big = await create({ name: 'big.iso', contentType: 'application/octet-stream', size: 6 * 1024 * 1024, checksumSha256: sha256Base64(someBytes(1)) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'file_too_large', limit: 5 * 1024 * 1024 });
    const viewer = await t.token({ userId: `viewer-${kind}`, tenantId: f.tenant.id, roles: ['viewer'] });
    expect((await create({ name: 'x', contentType: 'text/plain', size: 1, checksumSha256: sha256Base64(someBytes(1)) }, viewer)).body.code).toBe('permission_denied');
    expect((await api.request({ method: 'POST', path: '/files', body: {} })).status).toBe(401);
  });

  it('private files are seen by their owner and tenant admins only; tenant files by every member; another tenant\'s are 404', async () => {
    const secret = await uploadFile(api, f.memberToken, someBytes(100), { name: 'secret.txt' });
    const shared = await uploadFile(api, f.memberToken, someBytes(100), { name: 'shared.txt', visibility: 'tenant' });
    expect((await api.request({ method: 'GET', path: `/files/${secret.id}`, token: colleague })).status).toBe(404);
    expect((await api.request({ method: 'GET', path: `/files/${secret.id}/download`, token: colleague })).status).toBe(404);
    expect((await api.request({ method: 'GET', path: `/files/${secret.id}`, token: f.adminToken })).status).toBe(200);
    expect((await api.request({ method: 'GET', path: `/files/${shared.id}`, token: colleague })).status).toBe(200);
    const listed = await api.request({ method: 'GET', path: '/files?limit=100', token: colleague });
    const ids = listed.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(shared.id);
    expect(ids).not.toContain(secret.id);
    // A member may not change someone else's file, even a visible one.
    const change = await api.request({ method: 'PATCH', path: `/files/${shared.id}`, token: colleague, body: { name: 'mine now' } });
    expect(change.status).toBe(403);
    expect(change.body.missingPermission).toBe('files:manage');
    for (const path of [`/files/${secret.id}`, `/files/${shared.id}`, `/files/${shared.id}/download`, `/files/${shared.id}/lineage`]) {
      expect((await api.request({ method: 'GET', path, token: other.adminToken })).status, path).toBe(404);
    }
  });

  it('PATCH (If-Match), list filters, archive, delete (object removed, record kept)', async () => {
    const file = await uploadFile(api, f.memberToken, someBytes(10), { name: 'notes.txt', tags: ['draft'] });
    const patched = await api.request({ method: 'PATCH', path: `/files/${file.id}`, token: f.memberToken, headers: { 'if-match': `"${file.version}"` }, body: { name: 'final.txt', tags: ['final'], visibility: 'tenant', metadata: { pages: 3 } } });
    expect(patched.body).toMatchObject({ name: 'final.txt', tags: ['final'], visibility: 'tenant', metadata: { pages: 3 } });
    expect((await api.request({ method: 'PATCH', path: `/files/${file.id}`, token: f.memberToken, headers: { 'if-match': `"${file.version}"` }, body: { name: 'x' } })).status).toBe(412);
    const byTag = await api.request({ method: 'GET', path: '/files?tag=final&limit=100', token: f.memberToken });
    expect(byTag.body.items.map((x: { id: string }) => x.id)).toEqual([file.id]);
    const mine = await api.request({ method: 'GET', path: `/files?owner=${f.memberId}&status=active&limit=100`, token: f.adminToken });
    expect(mine.body.items.every((x: { ownerId: string; status: string }) => x.ownerId === f.memberId && x.status === 'active')).toBe(true);
    expect((await api.request({ method: 'POST', path: `/files/${file.id}/archive`, token: f.memberToken })).body.status).toBe('archived');
    expect((await api.request({ method: 'POST', path: `/files/${file.id}/archive`, token: f.memberToken })).status).toBe(422);
    expect((await api.request({ method: 'GET', path: `/files/${file.id}/download`, token: f.memberToken })).status).toBe(200);
    const deleted = await api.request({ method: 'DELETE', path: `/files/${file.id}`, token: f.memberToken });
    expect(deleted.body).toMatchObject({ status: 'deleted', deletedAt: expect.any(String) });
    expect(await fileStorageOf(t.runtime).stat(deleted.body.storageKey)).toBeUndefined();
    expect((await api.request({ method: 'GET', path: `/files/${file.id}`, token: f.memberToken })).body.status).toBe('deleted');
    const gone = await api.request({ method: 'GET', path: `/files/${file.id}/download`, token: f.memberToken });
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('file_deleted');
    expect((await api.request({ method: 'GET', path: '/files?limit=100', token: f.memberToken })).body.items.map((x: { id: string }) => x.id)).not.toContain(file.id);
    expect((await api.request({ method: 'GET', path: '/files?status=deleted&limit=100', token: f.memberToken })).body.items.map((x: { id: string }) => x.id)).toContain(file.id);
    const pending = await create({ name: 'p.txt', contentType: 'text/plain', size: 1, checksumSha256: sha256Base64(someBytes(1)) });
    expect((await api.request({ method: 'GET', path: `/files/${pending.body.file.id}/download`, token: f.memberToken })).body.code).toBe('file_not_uploaded');
  });
});
