/**
 * Compiles WriteOps into DynamoDB actions. Creates are `attribute_not_exists`; updates and
 * deletes are conditional on existence and (when known) the version; unique constraints add
 * guard items; every failed condition is turned into the precise error by the action itself.
 */
import * as z from 'zod/mini';
import type { RequestContext } from '../context.js';
import { ERROR_CODES } from '../constants.js';
import { ConflictError, InternalError, NotFoundError, PreconditionFailedError, type AppError } from '../errors.js';
import { parseInput } from '../validation.js';
import { ITEM_META_FIELDS, allPatterns, fromItem, indexKeysOf, primaryKeyOf, toItem, type Entity, type StoredOf } from './entity.js';
import { ExpressionBuilder, and } from './expression.js';
import { buildKey, hasFacets } from './keys.js';
import { assertItemSize, itemSize } from './limits.js';
import { RESERVED_ATTRIBUTES, TABLE_DEFINITION } from './table.js';
import { scopedKey, tenantOf } from './tenant-scope.js';
import type { Action, CreateOp, CustomCondition, DeleteOp, BookkeepingOp, PlannedOp, PutOp, UpdateOp, VersionSource, WriteOp } from './write-ops.js';

const PK = TABLE_DEFINITION.partitionKey;
const GUARD_SK = 'UNIQUE';
const GUARD_ENTITY = 'UniqueGuard';

export interface PlanContext {
  ctx: RequestContext;
  tableName: string;
  now: string;
  /** Consistent read of the current item, for ops that need the whole item. */
  read: (entity: Entity, key: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>;
  /** True when this op will be sent alone (no other op, no hook), so an in-place UpdateItem may be used. */
  alone: boolean;
}

const actor = (ctx: RequestContext): string => ctx.userId;

const keyParams = (entity: Entity, values: Record<string, unknown>): Record<string, string> => primaryKeyOf(entity, values);

const versionError = (entity: Entity, source: VersionSource, expected: number, current: unknown): AppError => {
  const details = { entity: entity.name, expectedVersion: expected, currentVersion: current };
  return source === 'if-match'
    ? new PreconditionFailedError(`The ${entity.name} has changed: you sent version ${expected}, it is now at version ${String(current)}.`, { details })
    : new ConflictError(ERROR_CODES.versionConflict, `The ${entity.name} was changed by another request (now at version ${String(current)}); read it again and retry.`, { details });
};

/** What a failed update/delete condition meant, decided from the item as it is now. */
const explainFailure = (entity: Entity, expected: number | undefined, source: VersionSource, custom: CustomCondition | undefined) =>
  (current: Record<string, unknown> | undefined): AppError => {
    if (current === undefined) return new NotFoundError(entity.name);
    if (expected !== undefined && current['version'] !== expected) return versionError(entity, source, expected, current['version']);
    if (custom !== undefined) return custom.onFail(current);
    return new ConflictError(ERROR_CODES.versionConflict, `The ${entity.name} was changed by another request; retry.`, {
      details: { entity: entity.name, currentVersion: current['version'] },
    });
  };

const validateData = (entity: Entity, data: Record<string, unknown>): Record<string, unknown> => {
  const parsed = parseInput(entity.schema, data) as Record<string, unknown>;
  return parsed;
};

/** The owner's primary-key facet values, so that a lookup guard leads back to its item. */
const ownerFacets = (entity: Entity, values: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries([...entity.primary.pk.facets, ...entity.primary.sk.facets].map((f) => [f, values[f]]));

const guardActions = (
  entity: Entity,
  values: Record<string, unknown>,
  owner: Record<string, string>,
  p: Pick<PlanContext, 'tableName' | 'now' | 'ctx'>,
  only?: ReadonlySet<string>,
): Action[] =>
  entity.unique
    .filter((u) => (only === undefined || only.has(u.name)) && hasFacets(u.key, values))
    .map((u) => {
      // A guard is an item like any other: entity and schema markers, version and audit fields.
      const item = {
        [PK]: buildKey(u.key, values),
        [TABLE_DEFINITION.sortKey]: GUARD_SK,
        [TABLE_DEFINITION.markers.entity]: GUARD_ENTITY,
        [TABLE_DEFINITION.markers.schemaVersion]: 1,
        constraint: `${entity.name}.${u.name}`,
        owner,
        ownerFacets: ownerFacets(entity, values),
        version: 1,
        createdAt: p.now,
        updatedAt: p.now,
        createdBy: actor(p.ctx),
        updatedBy: actor(p.ctx),
      };
      const tableName = p.tableName;
      const b = new ExpressionBuilder();
      return {
        kind: 'Put' as const,
        params: { TableName: tableName, Item: item, ConditionExpression: `attribute_not_exists(${b.name(PK)})`, ...b.attributes() },
        bytes: itemSize(item),
        onConditionFailed: () =>
          new ConflictError(ERROR_CODES.uniqueViolation, `Another ${entity.name} already has this ${u.fields.join(' + ')}.`, {
            details: { entity: entity.name, constraint: u.name, fields: u.fields.map((f) => `body.${f}`), values: Object.fromEntries(u.fields.map((f) => [f, values[f]])) },
          }),
      };
    });

const guardDeletes = (entity: Entity, values: Record<string, unknown>, tableName: string, only?: ReadonlySet<string>): Action[] =>
  entity.unique
    .filter((u) => (only === undefined || only.has(u.name)) && hasFacets(u.key, values))
    .map((u) => ({
      kind: 'Delete' as const,
      params: { TableName: tableName, Key: { [PK]: buildKey(u.key, values), [TABLE_DEFINITION.sortKey]: GUARD_SK } },
      bytes: itemSize({ [PK]: buildKey(u.key, values), [TABLE_DEFINITION.sortKey]: GUARD_SK }),
      onConditionFailed: () => new InternalError('unconditional guard delete failed'),
    }));

const planCreate = (op: CreateOp, p: PlanContext): PlannedOp => {
  const { entity } = op;
  const data = validateData(entity, tenantOf(entity, p.ctx) === undefined ? op.data : { ...op.data, tenantId: tenantOf(entity, p.ctx) });
  const stored = { ...data, version: 1, createdAt: p.now, updatedAt: p.now, createdBy: actor(p.ctx), updatedBy: actor(p.ctx) } as StoredOf<Entity>;
  const item = toItem(entity, stored);
  const bytes = assertItemSize(entity.name, item);
  const b = new ExpressionBuilder();
  const main: Action = {
    kind: 'Put',
    params: { TableName: p.tableName, Item: item, ConditionExpression: `attribute_not_exists(${b.name(PK)})`, ...b.attributes() },
    bytes,
    onConditionFailed: () => new ConflictError(ERROR_CODES.alreadyExists, `This ${entity.name} already exists.`, { details: { entity: entity.name } }),
  };
  const owner = keyParams(entity, stored);
  return { op, actions: [main, ...guardActions(entity, stored, owner, p)], after: stored, inPlace: false };
};

const planPut = (op: PutOp, p: PlanContext): PlannedOp => {
  const { entity } = op;
  const tenantId = tenantOf(entity, p.ctx);
  const data = validateData(entity, tenantId === undefined ? op.data : { ...op.data, tenantId });
  const stored = { ...data, version: 1, createdAt: p.now, updatedAt: p.now, createdBy: actor(p.ctx), updatedBy: actor(p.ctx) } as StoredOf<Entity>;
  const item = toItem(entity, stored);
  const bytes = assertItemSize(entity.name, item);
  const b = new ExpressionBuilder();
  const condition = op.condition?.expression(b);
  return {
    op,
    actions: [{
      kind: 'Put',
      params: { TableName: p.tableName, Item: item, ...(condition === undefined ? {} : { ConditionExpression: condition }), ...b.attributes() },
      bytes,
      onConditionFailed: (current) => op.condition?.onFail(current) ?? new InternalError('put condition failed'),
    }],
    after: stored,
    inPlace: false,
  };
};

/** Applies changes to a whole item: `null` removes a field, undefined leaves it alone. */
const merge = (current: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> => {
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
};

const dataOnly = (stored: Record<string, unknown>): Record<string, unknown> => {
  const data = { ...stored };
  for (const field of ITEM_META_FIELDS) delete data[field];
  return data;
};

/** An UpdateItem can only be used when every index touched by the change can be rebuilt from the change itself. */
const inPlaceIndexes = (entity: Entity, values: Record<string, unknown>, changed: ReadonlySet<string>): { set: Record<string, string>; remove: string[] } | undefined => {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const pattern of allPatterns(entity)) {
    const facets = [...pattern.pk.facets, ...pattern.sk.facets];
    if (!facets.some((f) => changed.has(f))) continue;
    if (pattern.index === 'primary') throw new InternalError(`${entity.name}: a primary key facet cannot change.`);
    if (hasFacets(pattern.pk, values) && hasFacets(pattern.sk, values)) {
      set[pattern.attributes.partitionKey] = buildKey(pattern.pk, values);
      set[pattern.attributes.sortKey] = buildKey(pattern.sk, values);
    } else if (facets.some((f) => changed.has(f) && values[f] === null)) {
      remove.push(pattern.attributes.partitionKey, pattern.attributes.sortKey);
    } else {
      return undefined;
    }
  }
  return { set, remove };
};

/** Validates the fields being set against their own schemas; `null` is allowed only for optional fields. */
const validateChanges = (entity: Entity, changes: Record<string, unknown>): Record<string, unknown> => {
  const shape = entity.schema.def.shape as Record<string, z.ZodMiniType>;
  const present = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null));
  const parsed = parseInput(z.strictObject(Object.fromEntries(Object.keys(present).map((f) => [f, shape[f] ?? z.never()]))), present) as Record<string, unknown>;
  for (const field of Object.keys(changes).filter((f) => changes[f] === null)) {
    const schema = shape[field];
    if (schema === undefined || !z.safeParse(schema, undefined).success) parseInput(z.object({ [field]: z.never() }), { [field]: null });
    parsed[field] = null;
  }
  return parsed;
};

const planUpdateInPlace = (op: UpdateOp, p: PlanContext, keyValues: Record<string, unknown>): PlannedOp | undefined => {
  const { entity } = op;
  const raw = Object.fromEntries(Object.entries(op.changes).filter(([, v]) => v !== undefined));
  const changed = new Set([...Object.keys(raw), 'updatedAt', 'updatedBy']);
  if (entity.unique.some((u) => u.fields.some((f) => changed.has(f))) || entity.expiresAt !== undefined) return undefined;
  const changes = validateChanges(entity, raw);
  const values = { ...keyValues, ...changes, updatedAt: p.now, updatedBy: actor(p.ctx) };
  const indexes = inPlaceIndexes(entity, values, changed);
  if (indexes === undefined) return undefined;

  const b = new ExpressionBuilder();
  const sets: string[] = [];
  const removes: string[] = [];
  for (const [field, value] of Object.entries({ ...changes, updatedAt: p.now, updatedBy: actor(p.ctx), ...indexes.set })) {
    if (value === null) removes.push(b.name(field));
    else sets.push(`${b.name(field)} = ${b.value(value)}`);
  }
  for (const attr of indexes.remove) removes.push(b.name(attr));
  sets.push(`${b.name('version')} = ${b.name('version')} + ${b.value(1)}`);
  const condition = and(
    `attribute_exists(${b.name(PK)})`,
    op.expectedVersion === undefined ? undefined : `${b.name('version')} = ${b.value(op.expectedVersion)}`,
    op.condition?.expression(b),
  );
  return {
    op,
    actions: [{
      kind: 'Update',
      params: {
        TableName: p.tableName,
        Key: keyParams(entity, keyValues),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: condition,
        ...b.attributes(),
      },
      bytes: itemSize(keyParams(entity, keyValues)) + itemSize(b.values),
      onConditionFailed: explainFailure(entity, op.expectedVersion, op.versionSource ?? 'read', op.condition),
    }],
    inPlace: true,
  };
};

const readCurrent = async (op: UpdateOp | DeleteOp, p: PlanContext, keyValues: Record<string, unknown>): Promise<Record<string, unknown>> => {
  const current = (op.current as Record<string, unknown> | undefined) ?? (await p.read(op.entity, keyValues));
  if (current === undefined) throw new NotFoundError(op.entity.name);
  if (op.expectedVersion !== undefined && current['version'] !== op.expectedVersion) {
    throw versionError(op.entity, op.versionSource ?? 'read', op.expectedVersion, current['version']);
  }
  return current;
};

const changedUniques = (entity: Entity, before: Record<string, unknown>, after: Record<string, unknown>): Set<string> =>
  new Set(entity.unique.filter((u) => u.fields.some((f) => before[f] !== after[f])).map((u) => u.name));

/** The entity as services see it: the store's own attributes (keys, markers) removed. */
const withoutReserved = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !RESERVED_ATTRIBUTES.has(key)));

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
const stable = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v)) ?? 'undefined';

/**
 * SET what changed and REMOVE what went, rather than replacing the item: attributes this update
 * does not change (counters kept by bookkeeping writes, last-used stamps) are left as they are
 * in the table, even if they moved after our read.
 */
const diffExpression = (b: ExpressionBuilder, before: Record<string, unknown>, after: Record<string, unknown>): string => {
  const sets = Object.entries(after).filter(([attr, value]) => stable(value) !== stable(before[attr])).map(([attr, value]) => `${b.name(attr)} = ${b.value(value)}`);
  const removes = Object.keys(before).filter((attr) => !(attr in after)).map((attr) => b.name(attr));
  return `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`;
};

const planUpdate = async (op: UpdateOp, p: PlanContext): Promise<PlannedOp> => {
  const { entity } = op;
  const keyValues = scopedKey(entity, p.ctx, op.key);
  if (p.alone && op.current === undefined) {
    const inPlace = planUpdateInPlace(op, p, keyValues);
    if (inPlace !== undefined) return inPlace;
  }
  const current = withoutReserved(await readCurrent(op, p, keyValues));
  const data = validateData(entity, merge(dataOnly(current), op.changes));
  const after = { ...data, version: Number(current['version']) + 1, createdAt: current['createdAt'], createdBy: current['createdBy'], updatedAt: p.now, updatedBy: actor(p.ctx) };
  const item = toItem(entity, after as StoredOf<Entity>);
  const b = new ExpressionBuilder();
  const expression = diffExpression(b, toItem(entity, current as StoredOf<Entity>), item);
  const condition = and(`attribute_exists(${b.name(PK)})`, `${b.name('version')} = ${b.value(current['version'])}`, op.condition?.expression(b));
  const swapped = changedUniques(entity, current, after);
  const owner = keyParams(entity, after);
  return {
    op,
    actions: [
      {
        kind: 'Update',
        params: { TableName: p.tableName, Key: keyParams(entity, keyValues), UpdateExpression: expression, ConditionExpression: condition, ...b.attributes() },
        bytes: assertItemSize(entity.name, item),
        onConditionFailed: explainFailure(entity, Number(current['version']), 'read', op.condition),
      },
      ...guardDeletes(entity, current, p.tableName, swapped),
      ...guardActions(entity, after, owner, p, swapped),
    ],
    before: current,
    after,
    inPlace: false,
  };
};

const planDelete = async (op: DeleteOp, p: PlanContext): Promise<PlannedOp> => {
  const { entity } = op;
  const keyValues = scopedKey(entity, p.ctx, op.key);
  const needsCurrent = !p.alone || entity.unique.length > 0 || op.current !== undefined;
  const current = needsCurrent ? await readCurrent(op, p, keyValues) : undefined;
  const expected = current === undefined ? op.expectedVersion : Number(current['version']);
  const b = new ExpressionBuilder();
  const condition = and(`attribute_exists(${b.name(PK)})`, expected === undefined ? undefined : `${b.name('version')} = ${b.value(expected)}`, op.condition?.expression(b));
  return {
    op,
    actions: [
      {
        kind: 'Delete',
        params: { TableName: p.tableName, Key: keyParams(entity, keyValues), ConditionExpression: condition, ...b.attributes() },
        bytes: itemSize(keyParams(entity, keyValues)),
        onConditionFailed: explainFailure(entity, expected, current === undefined ? op.versionSource ?? 'read' : 'read', op.condition),
      },
      ...(current === undefined ? [] : guardDeletes(entity, current, p.tableName)),
    ],
    ...(current === undefined ? {} : { before: current }),
    inPlace: current === undefined,
  };
};

const planCheck = (op: Extract<WriteOp, { type: 'check' }>, p: PlanContext): PlannedOp => {
  const b = new ExpressionBuilder();
  const keyValues = scopedKey(op.entity, p.ctx, op.key);
  return {
    op,
    actions: [{
      kind: 'ConditionCheck',
      params: { TableName: p.tableName, Key: keyParams(op.entity, keyValues), ConditionExpression: op.condition.expression(b), ...b.attributes() },
      bytes: itemSize(keyParams(op.entity, keyValues)),
      onConditionFailed: (current) => op.condition.onFail(current),
    }],
    inPlace: false,
  };
};

const planBookkeeping = (op: BookkeepingOp, p: PlanContext): PlannedOp => {
  const b = new ExpressionBuilder();
  const keyValues = scopedKey(op.entity, p.ctx, op.key);
  const sets = [
    ...Object.entries(op.set ?? {}).map(([field, value]) => `${b.name(field)} = ${b.value(value)}`),
    ...Object.entries(op.setIfMissing ?? {}).map(([field, value]) => `${b.name(field)} = if_not_exists(${b.name(field)}, ${b.value(value)})`),
    ...Object.entries(op.append ?? {}).map(([field, values]) => `${b.name(field)} = list_append(if_not_exists(${b.name(field)}, ${b.value([])}), ${b.value(values)})`),
  ];
  if (op.upsert === true) {
    // A first write creates an item like any other: markers and creation metadata.
    sets.push(`${b.name(TABLE_DEFINITION.markers.entity)} = if_not_exists(${b.name(TABLE_DEFINITION.markers.entity)}, ${b.value(op.entity.name)})`);
    sets.push(`${b.name(TABLE_DEFINITION.markers.schemaVersion)} = if_not_exists(${b.name(TABLE_DEFINITION.markers.schemaVersion)}, ${b.value(op.entity.schemaVersion)})`);
    for (const [field, value] of Object.entries({ version: 1, createdAt: p.now, updatedAt: p.now, createdBy: actor(p.ctx), updatedBy: actor(p.ctx), ...(op.entity.scope === 'tenant' ? { tenantId: keyValues['tenantId'] } : {}) })) {
      sets.push(`${b.name(field)} = if_not_exists(${b.name(field)}, ${b.value(value)})`);
    }
  }
  const adds = Object.entries(op.add ?? {}).map(([field, amount]) => `${b.name(field)} ${b.value(amount)}`);
  const expression = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', adds.length > 0 ? `ADD ${adds.join(', ')}` : ''].filter((x) => x !== '').join(' ');
  if (expression === '') throw new InternalError('A bookkeeping op needs something to add or set.');
  const condition = and(op.upsert === true ? undefined : `attribute_exists(${b.name(PK)})`, op.condition?.expression(b));
  return {
    op,
    actions: [{
      kind: 'Update',
      params: {
        TableName: p.tableName,
        Key: keyParams(op.entity, keyValues),
        UpdateExpression: expression,
        ...(condition === undefined ? {} : { ConditionExpression: condition }),
        ...b.attributes(),
      },
      bytes: itemSize(keyParams(op.entity, keyValues)) + itemSize(b.values),
      onConditionFailed: (current) => op.condition?.onFail(current) ?? new NotFoundError(op.entity.name),
    }],
    inPlace: false,
  };
};

export const planOp = async (op: WriteOp, p: PlanContext): Promise<PlannedOp> => {
  switch (op.type) {
    case 'create':
      return planCreate(op, p);
    case 'put':
      return planPut(op, p);
    case 'update':
      return planUpdate(op, p);
    case 'delete':
      return planDelete(op, p);
    case 'check':
      return planCheck(op, p);
    case 'bookkeeping':
      return planBookkeeping(op, p);
  }
};

/** The entity returned for a planned op once its actions succeeded. */
export const resultOf = (planned: PlannedOp, returned: Record<string, unknown> | undefined): Record<string, unknown> | undefined => {
  if (planned.inPlace && returned !== undefined) return fromItem(planned.op.entity, returned);
  return planned.after ?? planned.before;
};

export { indexKeysOf };
