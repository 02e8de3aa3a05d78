/**
 * The vocabulary of the one write path. Services describe what they want written as WriteOps;
 * the store compiles them into DynamoDB actions (one conditional request, or one transaction
 * when there is more than one action) and lets write hooks add actions to the same transaction.
 */
import type { RequestContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Entity, StoredOf } from './entity.js';
import type { ExpressionBuilder } from './expression.js';

/** Where an expected version came from: the client's If-Match (stale is 412) or our own read (a lost race is 409). */
export type VersionSource = 'if-match' | 'read';

export interface CustomCondition {
  /** Returns condition text built with the builder's placeholders, e.g. `${b.name('status')} = ${b.value('active')}`. */
  expression: (b: ExpressionBuilder) => string;
  /** The error when the condition does not hold; receives the item as it is now (if any). */
  onFail: (current: Record<string, unknown> | undefined) => AppError;
}

type Key = Record<string, unknown>;

export interface CreateOp<E extends Entity = Entity> {
  type: 'create';
  entity: E;
  data: Record<string, unknown>;
}

export interface UpdateOp<E extends Entity = Entity> {
  type: 'update';
  entity: E;
  key: Key;
  /** Fields to set; `null` removes an optional field. */
  changes: Record<string, unknown>;
  expectedVersion?: number;
  versionSource?: VersionSource;
  /** The item as the service read it; lets the store skip its own read when a full item is needed. */
  current?: StoredOf<E> | object;
  condition?: CustomCondition;
}

export interface DeleteOp<E extends Entity = Entity> {
  type: 'delete';
  entity: E;
  key: Key;
  expectedVersion?: number;
  versionSource?: VersionSource;
  current?: StoredOf<E> | object;
  condition?: CustomCondition;
}

/** Writes a whole item, replacing any existing one when the condition (if given) holds. */
export interface PutOp<E extends Entity = Entity> {
  type: 'put';
  entity: E;
  data: Record<string, unknown>;
  condition?: CustomCondition;
}

export interface CheckOp<E extends Entity = Entity> {
  type: 'check';
  entity: E;
  key: Key;
  condition: CustomCondition;
}

/**
 * Bookkeeping on an item without reading it and without changing its version or updatedAt:
 * atomic counters (ADD), last-used stamps (SET), first-write values (SET if_not_exists).
 * Kept exact under concurrency by DynamoDB itself; `upsert` creates the item when missing.
 */
export interface BookkeepingOp<E extends Entity = Entity> {
  type: 'bookkeeping';
  entity: E;
  key: Key;
  add?: Record<string, number>;
  set?: Record<string, unknown>;
  setIfMissing?: Record<string, unknown>;
  /** Values appended to a list attribute (created empty when missing), e.g. a payment's refund ids. */
  append?: Record<string, unknown[]>;
  upsert?: boolean;
  condition?: CustomCondition;
}

export type WriteOp = CreateOp | UpdateOp | DeleteOp | PutOp | CheckOp | BookkeepingOp;

export type ActionKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';

export interface Action {
  kind: ActionKind;
  params: Record<string, unknown>;
  /** Bytes this action contributes to the 4 MB transaction limit. */
  bytes: number;
  onConditionFailed: (current: Record<string, unknown> | undefined) => AppError;
}

/** An op after compilation: its actions and, where known, the entity before and after. */
export interface PlannedOp {
  op: WriteOp;
  actions: Action[];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** A lone in-place UpdateItem whose result comes back from DynamoDB (ReturnValues ALL_NEW). */
  inPlace: boolean;
}

/**
 * Extends every matching write with more actions in the same transaction. This is where the
 * audit trail attaches: it sees each op with its before/after image and adds its own Put.
 */
export interface WriteHook {
  name: string;
  appliesTo(op: WriteOp): boolean;
  actions(ctx: RequestContext, planned: readonly PlannedOp[], tableName: string): Action[] | Promise<Action[]>;
}
