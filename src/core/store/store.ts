/**
 * The store: the only code that talks to DynamoDB. Reads are Gets, BatchGets and Queries on
 * named access patterns (never a Scan); every mutation goes through `write`, the one write path.
 */
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { systemClock, type Clock } from '../clock.js';
import { DYNAMODB_LIMITS, ERROR_CODES, PAGE_SIZE } from '../constants.js';
import type { RequestContext } from '../context.js';
import { AppError, InternalError, NotFoundError, UnavailableError } from '../errors.js';
import { mapAwsError } from './aws-errors.js';
import { createCursorSealer, type CursorSealer } from './cursor.js';
import { fromItem, primaryKeyOf, type Entity, type PatternOf, type StoredOf } from './entity.js';
import { ExpressionBuilder, and } from './expression.js';
import { buildKey, buildKeyPrefix } from './keys.js';
import { assertTransactionLimits } from './limits.js';
import { TABLE_DEFINITION } from './table.js';
import { scopedKey } from './tenant-scope.js';
import { planOp, resultOf, type PlanContext } from './write-plan.js';
import type { Action, CustomCondition, PlannedOp, VersionSource, WriteHook, WriteOp } from './write-ops.js';

export interface StoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  cursorSecret: string;
  clock?: Clock;
  hooks?: WriteHook[];
}

export type FilterOp = 'eq' | 'ne' | 'contains';
/** A condition on one attribute, or `any` of several (OR). Filters are ANDed together. */
export type QueryFilter = { field: string; op: FilterOp; value: unknown } | { any: QueryFilter[] };

const filterText = (b: ExpressionBuilder, f: QueryFilter): string => {
  // No parentheses here: `and()` adds them when there is more than one filter, and DynamoDB
  // refuses redundant ones. An `any` holds only single conditions or other ORs, so none are needed.
  if ('any' in f) return f.any.map((g) => filterText(b, g)).join(' OR ');
  return f.op === 'contains' ? `contains(${b.name(f.field)}, ${b.value(f.value)})` : `${b.name(f.field)} ${f.op === 'eq' ? '=' : '<>'} ${b.value(f.value)}`;
};

export interface QueryOptions {
  limit?: number;
  /** A sort-key range instead of a prefix: the sort key built from `values`, compared with `op`. */
  sk?: { op: '<' | '<=' | '>' | '>='; values: Record<string, unknown> };
  cursor?: string;
  order?: 'asc' | 'desc';
  /** Applied after the key condition: a page may hold fewer than `limit` items; follow nextCursor. */
  filters?: QueryFilter[];
}

/** A client's page request (`?limit=&cursor=`) as query options: only what it names. */
export const pageOptions = (input: { limit?: number | undefined; cursor?: string | undefined }): Pick<QueryOptions, 'limit' | 'cursor'> => ({
  ...(input.limit === undefined ? {} : { limit: input.limit }),
  ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
});

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UpdateOptions<E extends Entity> {
  expectedVersion?: number;
  versionSource?: VersionSource;
  current?: StoredOf<E>;
  condition?: CustomCondition;
}

const isAttributeValueMap = (item: Record<string, unknown>): boolean =>
  Object.values(item).every((v) => v !== null && typeof v === 'object' && Object.keys(v).length === 1 && /^(S|N|B|BOOL|NULL|M|L|SS|NS|BS)$/.test(Object.keys(v)[0] ?? ''));

/** Condition-failure items come back from DynamoDB in wire format; services want plain values. */
const plainItem = (item: unknown): Record<string, unknown> | undefined => {
  if (item === undefined || item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  return isAttributeValueMap(record) ? unmarshall(record as Parameters<typeof unmarshall>[0]) : record;
};

/** The ExclusiveStartKey DynamoDB would have returned after this item: table keys plus the index's. */
const keyOfItem = (item: Record<string, unknown>, index: { partitionKey: string; sortKey: string }): Record<string, unknown> => ({
  [TABLE_DEFINITION.partitionKey]: item[TABLE_DEFINITION.partitionKey],
  [TABLE_DEFINITION.sortKey]: item[TABLE_DEFINITION.sortKey],
  [index.partitionKey]: item[index.partitionKey],
  [index.sortKey]: item[index.sortKey],
});

/** At most about 4 s of waiting in all (2 s on average) before a conflict reaches the caller. */
const TRANSACTION_CONFLICT_ATTEMPTS = 8;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Store {
  readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly clock: Clock;
  private readonly cursors: CursorSealer;
  private readonly hooks: WriteHook[];

  constructor(options: StoreOptions) {
    if (options.tableName === '') throw new InternalError('Store needs a table name.');
    this.client = options.client;
    this.tableName = options.tableName;
    this.clock = options.clock ?? systemClock;
    this.cursors = createCursorSealer(options.cursorSecret);
    this.hooks = [...(options.hooks ?? [])];
  }

  /** Attaches a hook to the write path (used by later domains, e.g. the audit trail). */
  addHook(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  private async send<T>(command: unknown): Promise<T> {
    try {
      return (await this.client.send(command as never)) as T;
    } catch (error) {
      throw mapAwsError(error);
    }
  }

  async get<E extends Entity>(ctx: RequestContext, entity: E, key: Record<string, unknown>, options: { consistent?: boolean } = {}): Promise<StoredOf<E> | undefined> {
    const item = await this.readRaw(entity, scopedKey(entity, ctx, key), options.consistent ?? true);
    return item === undefined ? undefined : fromItem(entity, item);
  }

  async mustGet<E extends Entity>(ctx: RequestContext, entity: E, key: Record<string, unknown>): Promise<StoredOf<E>> {
    const found = await this.get(ctx, entity, key);
    if (found === undefined) throw new NotFoundError(entity.name);
    return found;
  }

  private async readRaw(entity: Entity, keyValues: Record<string, unknown>, consistent = true): Promise<Record<string, unknown> | undefined> {
    const out = await this.send<{ Item?: Record<string, unknown> }>(
      new GetCommand({ TableName: this.tableName, Key: primaryKeyOf(entity, keyValues), ConsistentRead: consistent }),
    );
    return out.Item;
  }

  /**
   * The item that holds a unique value, found through its guard item. For a platform-scoped
   * constraint (a token or key hash) this may be another tenant's item: that is its purpose, and
   * the caller decides what the holder of the secret may do with it.
   */
  async findByUnique<E extends Entity>(ctx: RequestContext, entity: E, constraint: string, values: Record<string, unknown>): Promise<StoredOf<E> | undefined> {
    const unique = entity.unique.find((u) => u.name === constraint);
    if (unique === undefined) throw new InternalError(`${entity.name} has no unique constraint ${constraint}.`);
    const keyValues = unique.scope === 'platform' ? values : scopedKey(entity, ctx, values);
    const guard = await this.send<{ Item?: { ownerFacets?: Record<string, unknown> } }>(
      new GetCommand({ TableName: this.tableName, Key: { [TABLE_DEFINITION.partitionKey]: buildKey(unique.key, keyValues), [TABLE_DEFINITION.sortKey]: 'UNIQUE' }, ConsistentRead: true }),
    );
    const owner = guard.Item?.ownerFacets;
    if (owner === undefined) return undefined;
    const item = await this.readRaw(entity, owner);
    return item === undefined ? undefined : fromItem(entity, item);
  }

  /**
   * Reads up to any number of items of any entities, 100 keys per request, in the order asked.
   * Unprocessed keys (DynamoDB's partial answer under load) are retried with backoff.
   */
  async batchGet(ctx: RequestContext, requests: ReadonlyArray<{ entity: Entity; key: Record<string, unknown> }>): Promise<Array<Record<string, unknown> | undefined>> {
    const keyed = requests.map((r) => {
      const key = primaryKeyOf(r.entity, scopedKey(r.entity, ctx, r.key));
      return { entity: r.entity, key, id: `${key['pk']}\u0000${key['sk']}` };
    });
    const found = new Map<string, Record<string, unknown>>();
    const unique = [...new Map(keyed.map((k) => [k.id, k.key])).values()];
    for (let start = 0; start < unique.length; start += DYNAMODB_LIMITS.batchGetKeys) {
      let pending: Record<string, unknown>[] = unique.slice(start, start + DYNAMODB_LIMITS.batchGetKeys);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) {
          if (attempt > 5) throw new UnavailableError(1, 'The data store did not answer every read; retry shortly.');
          await sleep(Math.random() * 25 * 2 ** attempt);
        }
        const out = await this.send<{ Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, { Keys?: Record<string, unknown>[] }> }>(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) found.set(`${String(item['pk'])}\u0000${String(item['sk'])}`, item);
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return keyed.map((k) => {
      const item = found.get(k.id);
      return item === undefined ? undefined : fromItem(k.entity, item);
    });
  }

  /** One page of one access pattern. The cursor is sealed to the tenant and to this exact query. */
  async query<E extends Entity>(ctx: RequestContext, entity: E, patternName: PatternOf<E> | 'primary', keyValues: Record<string, unknown>, options: QueryOptions = {}): Promise<Page<StoredOf<E>>> {
    const pattern = patternName === 'primary' ? entity.primary : entity.patterns[patternName as PatternOf<E>];
    if (pattern === undefined) throw new InternalError(`${entity.name} has no access pattern ${String(patternName)}.`);
    const limit = options.limit ?? PAGE_SIZE.default;
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_SIZE.max) throw new InternalError(`Query limit ${limit} is outside 1..${PAGE_SIZE.max}.`);
    const values = scopedKey(entity, ctx, keyValues);
    const b = new ExpressionBuilder();
    const pk = buildKey(pattern.pk, values);
    const sk = buildKeyPrefix(pattern.sk, values);
    const range = options.sk === undefined ? undefined : { op: options.sk.op, value: buildKeyPrefix(pattern.sk, options.sk.values).prefix };
    const skCondition = range !== undefined
      ? `${b.name(pattern.attributes.sortKey)} ${range.op} ${b.value(range.value)}`
      : sk.prefix === '' ? undefined : sk.complete ? `${b.name(pattern.attributes.sortKey)} = ${b.value(sk.prefix)}` : `begins_with(${b.name(pattern.attributes.sortKey)}, ${b.value(sk.prefix)})`;
    const keyCondition = and(`${b.name(pattern.attributes.partitionKey)} = ${b.value(pk)}`, skCondition) as string;
    const filters = options.filters ?? [];
    const filterExpression = and(...filters.map((f) => filterText(b, f)));
    const order = options.order ?? 'asc';
    // Without a filter, one extra item tells whether another page exists, so the last page says
    // nextCursor: null instead of sending the client to an empty page.
    const exact = filters.length === 0;
    // A range's bound may move between pages (e.g. "expires after now"); its direction may not.
    const binding = JSON.stringify([ctx.tenantId ?? 'platform', entity.name, pattern.name, pk, sk.prefix, range?.op ?? null, order, filters]);
    const out = await this.send<{ Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> }>(
      new QueryCommand({
        TableName: this.tableName,
        ...(pattern.index === 'primary' ? {} : { IndexName: pattern.index }),
        KeyConditionExpression: keyCondition,
        ...(filterExpression === undefined ? {} : { FilterExpression: filterExpression }),
        ...b.attributes(),
        Limit: exact ? limit + 1 : limit,
        ScanIndexForward: order === 'asc',
        ...(options.cursor === undefined ? {} : { ExclusiveStartKey: this.cursors.open(options.cursor, binding) }),
      }),
    );
    let items = out.Items ?? [];
    let lastKey = out.LastEvaluatedKey;
    if (exact && items.length > limit) {
      items = items.slice(0, limit);
      lastKey = keyOfItem(items[limit - 1] as Record<string, unknown>, pattern.attributes);
    }
    return {
      items: items.map((item) => fromItem(entity, item)),
      nextCursor: lastKey === undefined ? null : this.cursors.seal(lastKey, binding),
    };
  }

  /** Every item of one access pattern: the pages of `query`, followed to the end (for bounded sets only). */
  async queryAll<E extends Entity>(ctx: RequestContext, entity: E, patternName: PatternOf<E> | 'primary', keyValues: Record<string, unknown>, options: Omit<QueryOptions, 'cursor'> = {}): Promise<StoredOf<E>[]> {
    const items: StoredOf<E>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.query(ctx, entity, patternName, keyValues, { limit: PAGE_SIZE.max, ...options, ...(cursor === undefined ? {} : { cursor }) });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return items;
  }

  /**
   * The one write path. Ops are planned (validated, keyed, conditioned), hooks add their actions,
   * limits are checked, then everything goes to DynamoDB as one request: a single conditional
   * write when there is one action, otherwise one TransactWriteItems (all or nothing).
   */
  async write(ctx: RequestContext, ops: readonly WriteOp[]): Promise<Array<Record<string, unknown> | undefined>> {
    if (ops.length === 0) return [];
    const hooks = this.hooks.filter((h) => ops.some((op) => h.appliesTo(op)));
    const plan: PlanContext = {
      ctx,
      tableName: this.tableName,
      now: this.clock.now().toISOString(),
      read: (entity, key) => this.readRaw(entity, key),
      alone: ops.length === 1 && hooks.length === 0,
    };
    const planned: PlannedOp[] = [];
    for (const op of ops) planned.push(await planOp(op, plan));
    const extra: Action[] = [];
    for (const hook of hooks) extra.push(...(await hook.actions(ctx, planned, this.tableName)));
    const actions = [...planned.flatMap((p) => p.actions), ...extra];
    assertTransactionLimits(actions.length, actions.reduce((sum, a) => sum + a.bytes, 0));
    const returned = await this.sendWithConflictRetry(actions);
    return planned.map((p) => resultOf(p, returned));
  }

  private async sendOne(action: Action): Promise<Record<string, unknown> | undefined> {
    const failure = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const };
    try {
      switch (action.kind) {
        case 'Put':
          await this.client.send(new PutCommand({ ...(action.params as object), ...failure } as never));
          return undefined;
        case 'Update':
          return ((await this.client.send(new UpdateCommand({ ...(action.params as object), ReturnValues: 'ALL_NEW', ...failure } as never))) as { Attributes?: Record<string, unknown> }).Attributes;
        case 'Delete':
          return ((await this.client.send(new DeleteCommand({ ...(action.params as object), ReturnValues: 'ALL_OLD', ...failure } as never))) as { Attributes?: Record<string, unknown> }).Attributes;
        case 'ConditionCheck':
          return await this.sendTransaction([action]);
      }
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') throw action.onConditionFailed(plainItem((error as { Item?: unknown }).Item));
      throw mapAwsError(error);
    }
  }

  /**
   * A write cancelled for a conflict with a transaction in flight wrote nothing, and its
   * conditions are evaluated afresh when sent again; so it is re-sent a few times, with jittered
   * backoff, before the conflict becomes the caller's 409. Many writers on one item (a counter
   * kept in step with the items it counts) otherwise fail most of the time under load.
   */
  private async sendWithConflictRetry(actions: Action[]): Promise<Record<string, unknown> | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return actions.length === 1 ? await this.sendOne(actions[0] as Action) : await this.sendTransaction(actions);
      } catch (error) {
        if (!(error instanceof AppError && error.code === ERROR_CODES.transactionConflict) || attempt >= TRANSACTION_CONFLICT_ATTEMPTS) throw error;
        await sleep(Math.random() * 20 * 2 ** Math.min(attempt, 6));
      }
    }
  }

  private async sendTransaction(actions: Action[]): Promise<undefined> {
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: actions.map((a) => ({ [a.kind]: { ...a.params, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } })) as never,
      }));
      return undefined;
    } catch (error) {
      const reasons = (error as { CancellationReasons?: Array<{ Code?: string; Item?: unknown }> }).CancellationReasons;
      if ((error as { name?: string }).name === 'TransactionCanceledException' && reasons !== undefined) {
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        if (failed >= 0) throw (actions[failed] as Action).onConditionFailed(plainItem(reasons[failed]?.Item));
        const code = reasons.find((r) => r.Code !== undefined && r.Code !== 'None')?.Code;
        if (code === 'TransactionConflict') throw mapAwsError({ name: 'TransactionConflictException' });
        if (code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded') throw mapAwsError({ name: 'ThrottlingException' });
      }
      throw mapAwsError(error);
    }
  }

  // Convenience wrappers over the write path for the common single-op cases.

  async create<E extends Entity>(ctx: RequestContext, entity: E, data: Omit<StoredOf<E>, 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'>): Promise<StoredOf<E>> {
    const [result] = await this.write(ctx, [{ type: 'create', entity, data: data as Record<string, unknown> }]);
    return result as StoredOf<E>;
  }

  async update<E extends Entity>(ctx: RequestContext, entity: E, key: Record<string, unknown>, changes: Record<string, unknown>, options: UpdateOptions<E> = {}): Promise<StoredOf<E>> {
    const [result] = await this.write(ctx, [{ type: 'update', entity, key, changes, ...options } as WriteOp]);
    return result as StoredOf<E>;
  }

  async delete<E extends Entity>(ctx: RequestContext, entity: E, key: Record<string, unknown>, options: UpdateOptions<E> = {}): Promise<StoredOf<E> | undefined> {
    const [result] = await this.write(ctx, [{ type: 'delete', entity, key, ...options } as WriteOp]);
    return result as StoredOf<E> | undefined;
  }
}
