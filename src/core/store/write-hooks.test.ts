/** Write hooks: where later domains (the audit trail) add actions to the same transaction. */
import * as z from 'zod/mini';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../test/support/dynamo.js';
import { widgetEntity } from '../../../test/support/widget.js';
import { systemContext } from '../context.js';
import { newId } from '../ids.js';
import { defineEntity, toItem } from './entity.js';
import type { WriteHook } from './write-ops.js';

const markEntity = defineEntity({
  name: 'Mark',
  schemaVersion: 1,
  scope: 'tenant',
  schema: z.object({ tenantId: z.string(), id: z.string(), op: z.string(), entity: z.string(), before: z.optional(z.number()), after: z.optional(z.number()) }),
  primary: { pk: 'T#{tenantId}#MARK#{id}', sk: 'MARK' },
  patterns: { byTenant: { index: 'gsi1', pk: 'T#{tenantId}#MARKS', sk: '{id}' } },
});

/** Records one Mark per op with the versions before and after: a stand-in for the audit trail. */
const marker: WriteHook = {
  name: 'marker',
  appliesTo: (op) => op.entity.name === 'Widget',
  actions: (ctx, planned, tableName) =>
    planned.map((p) => {
      const item = toItem(markEntity, {
        tenantId: ctx.tenantId as string, id: newId(), op: p.op.type, entity: p.op.entity.name,
        ...(p.before === undefined ? {} : { before: p.before['version'] as number }),
        ...(p.after === undefined ? {} : { after: p.after['version'] as number }),
        version: 1, createdAt: 'now', updatedAt: 'now', createdBy: ctx.userId, updatedBy: ctx.userId,
      } as never);
      return { kind: 'Put' as const, params: { TableName: tableName, Item: item }, bytes: 100, onConditionFailed: () => { throw new Error('unexpected'); } };
    }),
};

let t: TestTable;
beforeAll(async () => {
  t = await createTestTable();
  t.store.addHook(marker);
});

const marks = async (tenantId: string) => (await t.store.query(systemContext({ tenantId }), markEntity, 'byTenant', {}, { limit: 100 })).items;

describe('write hooks', () => {
  it('add their actions to the same transaction, seeing each op before and after', async () => {
    const ctx = systemContext({ tenantId: 'hooks-1' });
    const created = await t.store.create(ctx, widgetEntity, { tenantId: '', id: newId(), name: 'W', code: `c-${newId()}`, status: 'draft' } as never);
    const updated = await t.store.update(ctx, widgetEntity, { id: created.id }, { name: 'W2' }, { expectedVersion: 1 });
    expect(updated).toMatchObject({ name: 'W2', version: 2 });
    await t.store.delete(ctx, widgetEntity, { id: created.id });
    expect((await marks('hooks-1')).map((m) => [m.op, m.before, m.after])).toEqual([
      ['create', undefined, 1],
      ['update', 1, 2],
      ['delete', 2, undefined],
    ]);
  });
  it('write nothing when the transaction fails', async () => {
    const ctx = systemContext({ tenantId: 'hooks-2' });
    await t.store.create(ctx, widgetEntity, { tenantId: '', id: newId(), name: 'W', code: 'same', status: 'draft' } as never);
    await expect(t.store.create(ctx, widgetEntity, { tenantId: '', id: newId(), name: 'W', code: 'same', status: 'draft' } as never)).rejects.toMatchObject({ code: 'unique_violation' });
    expect(await marks('hooks-2')).toHaveLength(1);
  });
});
