/** Lineage over HTTP: original → main → derived, its rules, the exact counter, deletion and the bundle. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../routes.js';
import { readZip, sha256Base64, someBytes, uploadFile } from '../../../../test/support/files.js';
import { createTransport, type Transport } from '../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../test/support/world.js';
import { fileStorageOf } from '../storage/file-storage.js';

let t: TestRuntime;
let api: Transport;
let f: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  t = await createTestRuntime();
  api = await createTransport('lambda', apiRoutes, t.runtime);
  f = await createTenantFixture(t, 'lineage');
  other = await createTenantFixture(t, 'lineage-other');
});
afterAll(() => api.close());

type FileBody = { id: string; version: number; [key: string]: unknown };
const clean = (operation: string, parameters: Record<string, unknown> = {}) => ({ transformation: { type: 'clean', operation, parameters } });
const convert = (operation: string, parameters: Record<string, unknown> = {}) => ({ transformation: { type: 'convert', operation, parameters } });
const newFileBody = (bytes: Buffer, extra: Record<string, unknown> = {}) => ({ name: 'x.bin', contentType: 'application/octet-stream', size: bytes.length, checksumSha256: sha256Base64(bytes), ...extra });
const get = async (id: string, token = f.memberToken) => (await api.request({ method: 'GET', path: `/files/${id}`, token })).body as FileBody;
const post = (path: string, body: unknown, token = f.memberToken) => api.request({ method: 'POST', path, token, body });

/** An uploaded original and its uploaded main file. */
const originalWithMain = async () => {
  const original = await uploadFile(api, f.memberToken, someBytes(256), { name: 'scan.tiff', contentType: 'image/tiff' });
  const main = await uploadFile(api, f.memberToken, someBytes(128), { name: 'scan.png', contentType: 'image/png', ...clean('deskew', { angle: 1.5 }) }, `/files/${original.id}/main`);
  return { original, main };
};

describe('lineage', () => {
  it('original → main → two derived: roles, pointers, transformation, counter, and the same lineage from every member', async () => {
    const { original, main } = await originalWithMain();
    const pdf = await uploadFile(api, f.memberToken, someBytes(300), { name: 'scan.pdf', contentType: 'application/pdf', ...convert('to-pdf', { dpi: 300 }) }, `/files/${main.id}/derived`);
    const thumb = await uploadFile(api, f.memberToken, someBytes(20), { name: 'thumb.png', contentType: 'image/png', ...convert('thumbnail', { width: 64 }) }, `/files/${main.id}/derived`);
    expect(main).toMatchObject({ lineageRole: 'main', originalFileId: original.id, parentFileId: original.id, transformation: { type: 'clean', operation: 'deskew', parameters: { angle: 1.5 } } });
    expect(pdf).toMatchObject({ lineageRole: 'derived', originalFileId: original.id, parentFileId: main.id, transformation: { type: 'convert', operation: 'to-pdf', parameters: { dpi: 300 } } });
    expect(await get(original.id)).toMatchObject({ lineageRole: 'original', mainFileId: main.id });
    expect((await get(main.id))['derivedFileCount']).toBe(2);

    for (const member of [original, main, pdf, thumb]) {
      const res = await api.request({ method: 'GET', path: `/files/${member.id}/lineage`, token: f.memberToken });
      expect(res.status).toBe(200);
      expect(res.body.selected.id).toBe(member.id);
      expect(res.body.original.id).toBe(original.id);
      expect(res.body.main.id).toBe(main.id);
      expect(res.body.derived.map((d: FileBody) => d.id).sort()).toEqual([pdf.id, thumb.id].sort());
    }
    const byRole = await api.request({ method: 'GET', path: '/files?role=derived&limit=100', token: f.memberToken });
    expect(byRole.body.items.map((x: FileBody) => x.id)).toEqual(expect.arrayContaining([pdf.id, thumb.id]));
    expect(byRole.body.items.every((x: FileBody) => x['lineageRole'] === 'derived')).toBe(true);
    // A standalone file is its own lineage.
    const alone = await uploadFile(api, f.memberToken, someBytes(8));
    expect((await api.request({ method: 'GET', path: `/files/${alone.id}/lineage`, token: f.memberToken })).body).toMatchObject({ selected: { id: alone.id }, original: null, main: null, derived: [] });
  });

  it('lists derived files one page at a time', async () => {
    const { main } = await originalWithMain();
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('resize', { width: 100 + i })));
      made.push(res.body.file.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: FileBody[]; nextCursor: string | null } } = await api.request({ method: 'GET', path: `/files/${main.id}/derived?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, token: f.memberToken });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(seen.sort()).toEqual(made.sort());
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('enforces the rules, each with its error and reason', async () => {
    const { original, main } = await originalWithMain();
    const derived = (await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('x')))).body.file as FileBody;
    const standalone = await uploadFile(api, f.memberToken, someBytes(4));
    const pendingOriginal = (await post('/files', newFileBody(someBytes(4)))).body.file as FileBody;

    const second = await post(`/files/${original.id}/main`, newFileBody(someBytes(4), clean('again')));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'main_exists', mainFileId: main.id });
    const cases: Array<[string, string, RegExp]> = [
      [`/files/${main.id}/main`, 'a main file is made from an original', /main file/],
      [`/files/${derived.id}/main`, 'a derived file is no original', /derived file/],
      [`/files/${pendingOriginal.id}/main`, 'the original must be uploaded', /uploaded first/],
      [`/files/${derived.id}/derived`, 'never from another derived file', /another derived file/],
      [`/files/${original.id}/derived`, 'never straight from the original', /not straight from the original/],
      [`/files/${standalone.id}/derived`, 'a standalone file has no main yet', /make the main file first/],
    ];
    for (const [path, why, detail] of cases) {
      const res = await post(path, newFileBody(someBytes(4), convert('y')));
      expect(res.status, why).toBe(422);
      expect(res.body.code, why).toBe('lineage_rule');
      expect(res.body.detail, why).toMatch(detail);
    }
    // From an original that has its main file, the error names it.
    expect((await post(`/files/${original.id}/derived`, newFileBody(someBytes(4), convert('y')))).body.mainFileId).toBe(main.id);
    const pendingMain = (await post(`/files/${standalone.id}/main`, newFileBody(someBytes(4), clean('z')))).body.file as FileBody;
    const fromPending = await post(`/files/${pendingMain.id}/derived`, newFileBody(someBytes(4), convert('y')));
    expect(fromPending.body).toMatchObject({ code: 'lineage_rule', fileStatus: 'pending_upload' });
    expect((await api.request({ method: 'GET', path: `/files/${original.id}/derived`, token: f.memberToken })).body.code).toBe('lineage_rule');
    // None of the refused requests wrote anything.
    expect((await get(main.id))['derivedFileCount']).toBe(1);
    expect((await get(original.id))['mainFileId']).toBe(main.id);
    // A bad transformation is a 400 naming the field.
    const bad = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), { transformation: { type: 'melt', operation: '' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.transformation.operation', 'body.transformation.type']);
  });

  it('lets members build on each other\'s files without changing or revealing them', async () => {
    const colleague = await t.token({ userId: 'lineage-colleague', tenantId: f.tenant.id, roles: ['member'] });
    const shared = await uploadFile(api, f.memberToken, someBytes(64), { name: 'shared.tiff', visibility: 'tenant' });
    // The main file is the original's one version: only its owner (or a manager) chooses it.
    const claimed = await post(`/files/${shared.id}/main`, newFileBody(someBytes(4), clean('mine')), colleague);
    expect(claimed.status).toBe(403);
    expect(claimed.body).toMatchObject({ code: 'permission_denied', missingPermission: 'files:manage', fileId: shared.id });
    expect((await get(shared.id))['lineageRole']).toBe('standalone');
    const main = await uploadFile(api, f.memberToken, someBytes(32), { name: 'shared.png', visibility: 'tenant', ...clean('deskew') }, `/files/${shared.id}/main`);

    // A colleague's private derivation: the same derivation by someone else is refused, not shown.
    const secret = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('ocr', { lang: 'fi' })), colleague);
    expect(secret.status).toBe(201);
    const again = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('ocr', { lang: 'fi' })));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('derivation_exists');
    expect(JSON.stringify(again.body)).not.toContain(secret.body.file.id);
    // A tenant-visible one is returned, but its upload URL only to who may change it.
    const open = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), { ...convert('ocr', { lang: 'sv' }), visibility: 'tenant' }), colleague);
    const seen = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('ocr', { lang: 'sv' })));
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ existing: true, file: { id: open.body.file.id, status: 'pending_upload' }, upload: null });
    expect((await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('ocr', { lang: 'sv' })), colleague)).body.upload).not.toBeNull();

    // Deleting the main file with cascade would take the colleague's files: refused, and nothing is deleted.
    const cascade = await api.request({ method: 'DELETE', path: `/files/${shared.id}?cascade=true`, token: f.memberToken });
    expect(cascade.status).toBe(403);
    expect(cascade.body).toMatchObject({ code: 'permission_denied', missingPermission: 'files:manage' });
    // The refusal does not name a private file the caller cannot see.
    expect(JSON.stringify(cascade.body)).not.toContain(secret.body.file.id);
    expect((await get(main.id))).toMatchObject({ status: 'active', derivedFileCount: 2 });
    expect((await get(shared.id))['status']).toBe('active');
    // Someone who manages files may.
    expect((await api.request({ method: 'DELETE', path: `/files/${shared.id}?cascade=true`, token: f.adminToken })).status).toBe(200);
    expect((await get(secret.body.file.id, f.adminToken))['status']).toBe('deleted');
  });

  it('makes the same derivation once: same main, operation and parameters (in any order) return the existing file', async () => {
    const { main } = await originalWithMain();
    const first = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('resize', { width: 10, height: 20 })));
    expect(first.status).toBe(201);
    expect(first.body.existing).toBe(false);
    const again = await post(`/files/${main.id}/derived`, newFileBody(someBytes(9), convert('resize', { height: 20, width: 10 })));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ existing: true, file: { id: first.body.file.id } });
    expect(again.body.upload).not.toBeNull(); // still pending: the caller may finish the upload
    const different = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('resize', { width: 11, height: 20 })));
    expect(different.status).toBe(201);
    // Ten identical derivations at once: one file, counted once.
    const racing = await Promise.all(Array.from({ length: 10 }, () => post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('sepia', { strength: 0.5 })))));
    expect(new Set(racing.map((r) => r.body.file.id)).size).toBe(1);
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await get(main.id))['derivedFileCount']).toBe(3);
    // Once deleted, the same derivation may be made again.
    await api.request({ method: 'DELETE', path: `/files/${first.body.file.id}`, token: f.memberToken });
    const remade = await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('resize', { width: 10, height: 20 })));
    expect(remade.status).toBe(201);
    expect(remade.body.file.id).not.toBe(first.body.file.id);
  });

  it('keeps derivedFileCount exact: 50 concurrent derivations give exactly 50, and deletions count down', async () => {
    const { main } = await originalWithMain();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('page', { page: i })))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect((await get(main.id))['derivedFileCount']).toBe(50);
    const listed = await api.request({ method: 'GET', path: `/files/${main.id}/derived?limit=100`, token: f.memberToken });
    expect(listed.body.items).toHaveLength(50);
    await Promise.all(results.slice(0, 20).map((r) => api.request({ method: 'DELETE', path: `/files/${r.body.file.id}`, token: f.memberToken })));
    expect((await get(main.id))['derivedFileCount']).toBe(30);
  });

  it('deletes: 409 while files were made from it, cascade deletes the whole chain and removes every object', async () => {
    const { original, main } = await originalWithMain();
    const d1 = await uploadFile(api, f.memberToken, someBytes(10), convert('a'), `/files/${main.id}/derived`);
    const d2 = await uploadFile(api, f.memberToken, someBytes(10), convert('b'), `/files/${main.id}/derived`);
    const refused = await api.request({ method: 'DELETE', path: `/files/${main.id}`, token: f.memberToken });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'file_has_derived', derivedFileCount: 2 });
    expect((await api.request({ method: 'DELETE', path: `/files/${original.id}`, token: f.memberToken })).body.code).toBe('file_has_derived');
    expect((await api.request({ method: 'DELETE', path: `/files/${original.id}?cascade=true`, token: f.memberToken, headers: { 'if-match': '"1"' } })).status).toBe(412);
    expect((await get(d1.id))['status']).toBe('active'); // a stale If-Match deleted nothing

    // Deleting a derived file counts down; deleting the main file frees the original for a new one.
    await api.request({ method: 'DELETE', path: `/files/${d2.id}`, token: f.memberToken });
    expect((await get(main.id))['derivedFileCount']).toBe(1);
    const current = await get(original.id);
    const cascaded = await api.request({ method: 'DELETE', path: `/files/${original.id}?cascade=true`, token: f.memberToken, headers: { 'if-match': `"${current.version}"` } });
    expect(cascaded.status).toBe(200);
    for (const file of [original, main, d1, d2]) {
      const now = await get(file.id);
      expect(now['status'], file.id).toBe('deleted');
      expect(await fileStorageOf(t.runtime).stat(now['storageKey'] as string)).toBeUndefined();
    }

    const again = await originalWithMain();
    await api.request({ method: 'DELETE', path: `/files/${again.main.id}`, token: f.memberToken });
    expect((await get(again.original.id))['mainFileId']).toBeUndefined();
    expect((await post(`/files/${again.original.id}/main`, newFileBody(someBytes(4), clean('redo')))).status).toBe(201);
  });

  it('bundles the lineage into a zip in S3: manifest and every file, byte for byte', async () => {
    const originalBytes = someBytes(300_000);
    const mainBytes = someBytes(200_000);
    const original = await uploadFile(api, f.memberToken, originalBytes, { name: 'survey.tiff', contentType: 'image/tiff' });
    const main = await uploadFile(api, f.memberToken, mainBytes, { name: 'survey.png', contentType: 'image/png', ...clean('denoise') }, `/files/${original.id}/main`);
    const derivedBytes = [someBytes(50_000), someBytes(7)];
    const derived = [
      await uploadFile(api, f.memberToken, derivedBytes[0] as Buffer, { name: 'survey.pdf', contentType: 'application/pdf', ...convert('to-pdf') }, `/files/${main.id}/derived`),
      await uploadFile(api, f.memberToken, derivedBytes[1] as Buffer, { name: '../../etc/passwd', contentType: 'text/plain', ...convert('ocr', { lang: 'en' }) }, `/files/${main.id}/derived`),
    ];
    // Pending derived files have no bytes and are left out.
    await post(`/files/${main.id}/derived`, newFileBody(someBytes(4), convert('never-uploaded')));

    const res = await api.request({ method: 'POST', path: `/files/${derived[0]?.id}/lineage/bundle`, token: f.memberToken });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ files: 4, key: expect.stringMatching(new RegExp(`^t/${f.tenant.id}/bundles/${original.id}/`)) });
    const download = await fetch(res.body.url);
    expect(download.headers.get('content-disposition')).toContain('survey.tiff-lineage.zip');
    const zip = Buffer.from(await download.arrayBuffer());
    expect(zip.length).toBe(res.body.bytes);
    const entries = await readZip(zip);
    const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString('utf8'));
    expect(manifest.original).toMatchObject({ id: original.id, path: 'original/survey.tiff', checksumSha256: sha256Base64(originalBytes), lineageRole: 'original' });
    expect(manifest.main).toMatchObject({ id: main.id, path: 'main/survey.png', parentFileId: original.id, transformation: { operation: 'denoise' } });
    expect(manifest.derived.map((d: { id: string }) => d.id).sort()).toEqual(derived.map((d) => d.id).sort());
    expect([...entries.keys()].sort()).toEqual(['manifest.json', manifest.original.path, manifest.main.path, ...manifest.derived.map((d: { path: string }) => d.path)].sort());
    expect(entries.get('original/survey.tiff')?.equals(originalBytes)).toBe(true);
    expect(entries.get('main/survey.png')?.equals(mainBytes)).toBe(true);
    for (const entry of manifest.derived as Array<{ id: string; path: string; checksumSha256: string }>) {
      expect(entry.path).toMatch(/^derived\/[^/]+$/); // a file name never escapes its folder
      expect(sha256Base64(entries.get(entry.path) as Buffer)).toBe(entry.checksumSha256);
    }
    // Another tenant cannot bundle it.
    expect((await api.request({ method: 'POST', path: `/files/${original.id}/lineage/bundle`, token: other.adminToken })).status).toBe(404);
  });
});
