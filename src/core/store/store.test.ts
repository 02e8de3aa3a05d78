import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../test/support/dynamo.js';
import { widgetEntity } from '../../../test/support/widget.js';
import { AUTH_METHODS } from '../constants.js';
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';

const ctxFor = (tenantId: string): RequestContext => ({
  tenantId,
  userId: 'u-1',
  roles: ['tenant_admin'],
  permissions: ['*'],
  grants: [{ source: 'test', allow: ['*'], deny: [] }],
  authMethod: AUTH_METHODS.jwt,
  requestId: 'r-1',
});

let t: TestTable;
beforeAll(async () => {
  t = await createTestTable();
});

const widget = (overrides: Record<string, unknown> = {}) => ({ tenantId: '', id: newId(), name: 'Gear', code: `c-${newId()}`, status: 'draft', ...overrides });

describe('Store against DynamoDB Local', () => {
  it('creates, reads back with metadata, and refuses a second create of the same key (409)', async () => {
    const ctx = ctxFor('t-create');
    const data = widget();
    const created = await t.store.create(ctx, widgetEntity, data as never);
    expect(created).toMatchObject({ id: data.id, tenantId: 't-create', version: 1, createdBy: 'u-1', updatedBy: 'u-1' });
    const read = await t.store.get(ctx, widgetEntity, { id: data.id });
    expect(read).toEqual(created);
    expect(Object.keys(read ?? {})).not.toContain('pk');
    await expect(t.store.create(ctx, widgetEntity, { ...data, code: 'other' } as never)).rejects.toMatchObject({ status: 409, code: 'already_exists' });
  });

  it('keeps the tenant from the context: the same id under another tenant is not found', async () => {
    const data = widget();
    await t.store.create(ctxFor('t-a'), widgetEntity, { ...data, tenantId: 't-b' } as never);
    expect(await t.store.get(ctxFor('t-b'), widgetEntity, { id: data.id })).toBeUndefined();
    expect(await t.store.get(ctxFor('t-a'), widgetEntity, { id: data.id, tenantId: 't-b' })).toMatchObject({ tenantId: 't-a' });
  });

  it('updates in one request when the version matches; a stale If-Match is 412, a stale read is 409 naming the current version', async () => {
    const ctx = ctxFor('t-update');
    const created = await t.store.create(ctx, widgetEntity, widget() as never);
    const updated = await t.store.update(ctx, widgetEntity, { id: created.id }, { name: 'Cog', color: 'red' }, { expectedVersion: 1, versionSource: 'if-match' });
    expect(updated).toMatchObject({ name: 'Cog', color: 'red', version: 2 });
    await expect(t.store.update(ctx, widgetEntity, { id: created.id }, { name: 'X' }, { expectedVersion: 1, versionSource: 'if-match' }))
      .rejects.toMatchObject({ status: 412, code: 'precondition_failed', details: { currentVersion: 2 } });
    await expect(t.store.update(ctx, widgetEntity, { id: created.id }, { name: 'X' }, { expectedVersion: 1 }))
      .rejects.toMatchObject({ status: 409, code: 'version_conflict', details: { currentVersion: 2 } });
    const cleared = await t.store.update(ctx, widgetEntity, { id: created.id }, { color: null });
    expect(cleared.color).toBeUndefined();
    expect(cleared.version).toBe(3);
  });

  it('20 concurrent updates with the same version: exactly 1 succeeds, 19 get 409', async () => {
    const ctx = ctxFor('t-race');
    const created = await t.store.create(ctx, widgetEntity, widget() as never);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => t.store.update(ctx, widgetEntity, { id: created.id }, { name: `n${i}` }, { expectedVersion: 1 })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const conflicts = results.filter((r) => r.status === 'rejected' && (r.reason as { status: number }).status === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    const final = await t.store.get(ctx, widgetEntity, { id: created.id });
    expect(final?.version).toBe(2);
  });

  it('a read-merge update leaves untouched attributes alone: a counter moved after the read survives', async () => {
    const ctx = ctxFor('t-counter');
    const created = await t.store.create(ctx, widgetEntity, widget({ count: 0 }) as never);
    const stale = await t.store.get(ctx, widgetEntity, { id: created.id });
    await t.store.write(ctx, [{ type: 'bookkeeping', entity: widgetEntity, key: { id: created.id }, add: { count: 5 } }]);
    const updated = await t.store.update(ctx, widgetEntity, { id: created.id }, { status: 'live' }, { current: stale as never });
    expect(updated.version).toBe(2);
    const now = await t.store.get(ctx, widgetEntity, { id: created.id });
    expect(now).toMatchObject({ status: 'live', count: 5, version: 2 });
    // Bookkeeping never moves the version (an ETag stays valid while counters change).
    expect((await t.store.query(ctx, widgetEntity, 'byStatus', { status: 'live' })).items.map((w) => w.id)).toEqual([created.id]);
  });

  it('rejects a change that breaks the schema without writing anything', async () => {
    const ctx = ctxFor('t-invalid');
    const created = await t.store.create(ctx, widgetEntity, widget() as never);
    await expect(t.store.update(ctx, widgetEntity, { id: created.id }, { name: '' })).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    await expect(t.store.update(ctx, widgetEntity, { id: created.id }, { name: null })).rejects.toMatchObject({ status: 400 });
    expect((await t.store.get(ctx, widgetEntity, { id: created.id }))?.version).toBe(1);
  });

  it('moves GSI keys when an indexed field changes (read-merge path)', async () => {
    const ctx = ctxFor('t-index');
    const created = await t.store.create(ctx, widgetEntity, widget({ status: 'draft' }) as never);
    await t.store.update(ctx, widgetEntity, { id: created.id }, { status: 'live' });
    const live = await t.store.query(ctx, widgetEntity, 'byStatus', { status: 'live' });
    const draft = await t.store.query(ctx, widgetEntity, 'byStatus', { status: 'draft' });
    expect(live.items.map((w) => w.id)).toEqual([created.id]);
    expect(draft.items).toHaveLength(0);
  });

  it('keeps uniqueness with guard items, swaps them on change and frees them on delete', async () => {
    const ctx = ctxFor('t-unique');
    const a = await t.store.create(ctx, widgetEntity, widget({ code: 'alpha' }) as never);
    await expect(t.store.create(ctx, widgetEntity, widget({ code: 'alpha' }) as never)).rejects.toMatchObject({ status: 409, code: 'unique_violation' });
    // Another tenant may use the same code.
    await expect(t.store.create(ctxFor('t-unique-2'), widgetEntity, widget({ code: 'alpha' }) as never)).resolves.toBeDefined();
    await t.store.update(ctx, widgetEntity, { id: a.id }, { code: 'beta' });
    await expect(t.store.create(ctx, widgetEntity, widget({ code: 'alpha' }) as never)).resolves.toBeDefined();
    await expect(t.store.create(ctx, widgetEntity, widget({ code: 'beta' }) as never)).rejects.toMatchObject({ code: 'unique_violation' });
    const deleted = await t.store.delete(ctx, widgetEntity, { id: a.id });
    expect(deleted?.code).toBe('beta');
    await expect(t.store.create(ctx, widgetEntity, widget({ code: 'beta' }) as never)).resolves.toBeDefined();
  });

  it('pages through a query with a sealed cursor bound to the tenant and the query', async () => {
    const ctx = ctxFor('t-page');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.store.create(ctx, widgetEntity, widget() as never)).id);
    const first = await t.store.query(ctx, widgetEntity, 'byTenant', {}, { limit: 2 });
    expect(first.items.map((w) => w.id)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await t.store.query(ctx, widgetEntity, 'byTenant', {}, { limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((w) => w.id)).toEqual(ids.slice(2, 4));
    const third = await t.store.query(ctx, widgetEntity, 'byTenant', {}, { limit: 2, cursor: second.nextCursor as string });
    expect(third.items.map((w) => w.id)).toEqual(ids.slice(4));
    expect(third.nextCursor).toBeNull();
    // A page that ends exactly on the last item says so: no cursor to an empty page.
    const exact = await t.store.query(ctx, widgetEntity, 'byTenant', {}, { limit: 5 });
    expect(exact.items).toHaveLength(5);
    expect(exact.nextCursor).toBeNull();
    const exactIndex = await t.store.query(ctx, widgetEntity, 'byStatus', { status: 'draft' }, { limit: 4 });
    const restIndex = await t.store.query(ctx, widgetEntity, 'byStatus', { status: 'draft' }, { limit: 4, cursor: exactIndex.nextCursor as string });
    expect([...exactIndex.items, ...restIndex.items].map((w) => w.id)).toEqual(ids);
    expect(restIndex.nextCursor).toBeNull();
    const desc = await t.store.query(ctx, widgetEntity, 'byTenant', {}, { limit: 10, order: 'desc' });
    expect(desc.items.map((w) => w.id)).toEqual([...ids].reverse());
    expect(desc.nextCursor).toBeNull();

    const cursor = first.nextCursor as string;
    await expect(t.store.query(ctxFor('t-other'), widgetEntity, 'byTenant', {}, { limit: 2, cursor })).rejects.toMatchObject({ status: 400, code: 'invalid_cursor' });
    await expect(t.store.query(ctx, widgetEntity, 'byStatus', { status: 'draft' }, { limit: 2, cursor })).rejects.toMatchObject({ status: 400, code: 'invalid_cursor' });
    await expect(t.store.query(ctx, widgetEntity, 'byTenant', {}, { limit: 2, cursor, order: 'desc' })).rejects.toMatchObject({ code: 'invalid_cursor' });
    const tampered = `${cursor.slice(0, -3)}${cursor.endsWith('A') ? 'B' : 'A'}${cursor.slice(-2)}`;
    await expect(t.store.query(ctx, widgetEntity, 'byTenant', {}, { limit: 2, cursor: tampered })).rejects.toMatchObject({ code: 'invalid_cursor' });
    await expect(t.store.query(ctx, widgetEntity, 'byTenant', {}, { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('filters a query page (contains) and batch-gets across keys in order', async () => {
    const ctx = ctxFor('t-batch');
    const a = await t.store.create(ctx, widgetEntity, widget({ name: 'apple' }) as never);
    const b = await t.store.create(ctx, widgetEntity, widget({ name: 'banana' }) as never);
    const page = await t.store.query(ctx, widgetEntity, 'byTenant', {}, { filters: [{ field: 'name', op: 'contains', value: 'nan' }] });
    expect(page.items.map((w) => w.id)).toEqual([b.id]);
    // An OR group beside another filter: (a OR b) AND c, which DynamoDB must accept as written.
    const either = await t.store.query(ctx, widgetEntity, 'byTenant', {}, {
      filters: [{ any: [{ field: 'name', op: 'eq', value: 'apple' }, { field: 'name', op: 'eq', value: 'banana' }] }, { field: 'name', op: 'ne', value: 'apple' }],
    });
    expect(either.items.map((w) => w.id)).toEqual([b.id]);
    const alone = await t.store.query(ctx, widgetEntity, 'byTenant', {}, { filters: [{ any: [{ field: 'name', op: 'eq', value: 'apple' }, { any: [{ field: 'name', op: 'eq', value: 'banana' }] }] }] });
    expect(alone.items.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
    const got = await t.store.batchGet(ctx, [{ entity: widgetEntity, key: { id: b.id } }, { entity: widgetEntity, key: { id: 'missing' } }, { entity: widgetEntity, key: { id: a.id } }]);
    expect(got.map((w) => w?.['id'])).toEqual([b.id, undefined, a.id]);
  });

  it('refuses an item over 400 KB before sending (413) and writes nothing', async () => {
    const ctx = ctxFor('t-size');
    const data = widget({ blob: 'x'.repeat(410 * 1024) });
    await expect(t.store.create(ctx, widgetEntity, data as never)).rejects.toMatchObject({ status: 413, code: 'item_too_large' });
    expect(await t.store.get(ctx, widgetEntity, { id: data.id })).toBeUndefined();
  });

  it('refuses a transaction over 100 actions before sending (413)', async () => {
    const ctx = ctxFor('t-tx');
    // Each create with a unique code is 2 actions: 51 creates = 102 actions.
    const ops = Array.from({ length: 51 }, () => ({ type: 'create' as const, entity: widgetEntity, data: widget() }));
    await expect(t.store.write(ctx, ops)).rejects.toMatchObject({ status: 413, code: 'transaction_too_large' });
    const page = await t.store.query(ctx, widgetEntity, 'byTenant', {});
    expect(page.items).toHaveLength(0);
  });

  it('writes a multi-op transaction all or nothing', async () => {
    const ctx = ctxFor('t-atomic');
    const taken = await t.store.create(ctx, widgetEntity, widget({ code: 'taken' }) as never);
    const fresh = widget();
    await expect(t.store.write(ctx, [
      { type: 'create', entity: widgetEntity, data: fresh },
      { type: 'create', entity: widgetEntity, data: widget({ code: 'taken' }) },
    ])).rejects.toMatchObject({ code: 'unique_violation' });
    expect(await t.store.get(ctx, widgetEntity, { id: fresh.id })).toBeUndefined();
    expect(taken.version).toBe(1);
  });
});
