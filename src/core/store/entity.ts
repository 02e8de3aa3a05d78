/**
 * Entity definitions: a zod schema for the stored shape, and named access patterns whose
 * key templates derive every key. Definitions are checked when they are made, so a template
 * that would let a tenant-owned key escape its tenant fails at import time, not in production.
 */
import type * as z from 'zod/mini';
import { InternalError } from '../errors.js';
import { buildKey, hasFacets, parseTemplate, type KeyTemplate } from './keys.js';
import { RESERVED_ATTRIBUTES, TABLE_DEFINITION, keyAttributesOf, type GsiName, type IndexName } from './table.js';

export type EntityScope = 'tenant' | 'platform';

/** Every tenant-owned partition key starts with this; every platform-level one with PLATFORM_PREFIX. */
export const TENANT_PREFIX = 'T#{tenantId}';
export const PLATFORM_PREFIX = 'P#';

export interface ItemMeta {
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export const ITEM_META_FIELDS = ['version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const;

export interface PatternConfig {
  index: IndexName;
  pk: string;
  sk: string;
}

export interface CompiledPattern {
  readonly name: string;
  readonly index: IndexName;
  readonly pk: KeyTemplate;
  readonly sk: KeyTemplate;
  readonly attributes: { partitionKey: string; sortKey: string };
}

export interface CompiledUnique {
  readonly name: string;
  readonly fields: readonly string[];
  readonly key: KeyTemplate;
  readonly scope: EntityScope;
}

type AnyObjectSchema = z.ZodMiniObject<z.core.$ZodLooseShape, z.core.$strip>;

export interface EntityConfig<S extends AnyObjectSchema, P extends string> {
  /** Entity name written on every item (`_entity`), e.g. `User`. */
  name: string;
  /** Version of the stored shape (`_sv`); bump it with a `migrate` when the shape changes. */
  schemaVersion: number;
  scope: EntityScope;
  schema: S;
  primary: { pk: string; sk: string };
  patterns?: Record<P, { index: GsiName; pk: string; sk: string }>;
  /**
   * Uniqueness constraints kept by guard items written in the same transaction as the entity.
   * `scope: 'platform'` makes a platform-wide lookup of a tenant-owned item (a token hash, an
   * API-key hash): its key starts with `P#` and `Store.findByUnique` resolves it from any tenant.
   */
  unique?: Record<string, { fields: string[]; key: string; scope?: EntityScope }>;
  /** Epoch seconds after which DynamoDB may delete the item (TTL attribute). */
  expiresAt?: (data: z.infer<S>) => number | undefined;
  /** Upgrades an item stored with an older schemaVersion when it is read. */
  migrate?: (item: Record<string, unknown>, fromVersion: number) => Record<string, unknown>;
}

export interface Entity<S extends AnyObjectSchema = AnyObjectSchema, P extends string = string> {
  readonly name: string;
  readonly schemaVersion: number;
  readonly scope: EntityScope;
  readonly schema: S;
  readonly primary: CompiledPattern;
  readonly patterns: Readonly<Record<P, CompiledPattern>>;
  readonly unique: readonly CompiledUnique[];
  // Method syntax on purpose: parameters stay bivariant so any Entity fits `Entity`.
  expiresAt?(data: z.infer<S>): number | undefined;
  migrate?(item: Record<string, unknown>, fromVersion: number): Record<string, unknown>;
}

export type DataOf<E extends Entity> = z.infer<E['schema']>;
export type StoredOf<E extends Entity> = DataOf<E> & ItemMeta;
export type PatternOf<E extends Entity> = E extends Entity<AnyObjectSchema, infer P> ? P : never;

const checkPartitionKey = (entity: string, scope: EntityScope, label: string, template: KeyTemplate): void => {
  const src = template.source;
  const ok = scope === 'tenant' ? src === TENANT_PREFIX || src.startsWith(`${TENANT_PREFIX}#`) : src.startsWith(PLATFORM_PREFIX);
  if (!ok) {
    const want = scope === 'tenant' ? `"${TENANT_PREFIX}#..."` : `"${PLATFORM_PREFIX}..."`;
    throw new InternalError(`${entity}: ${label} partition key "${src}" must start with ${want} (${scope}-scoped).`);
  }
};

const compilePattern = (name: string, config: PatternConfig): CompiledPattern => ({
  name,
  index: config.index,
  pk: parseTemplate(config.pk),
  sk: parseTemplate(config.sk),
  attributes: keyAttributesOf(config.index),
});

export const defineEntity = <S extends AnyObjectSchema, P extends string = never>(config: EntityConfig<S, P>): Entity<S, P> => {
  const fields = new Set(Object.keys(config.schema.def.shape));
  for (const field of fields) {
    if (RESERVED_ATTRIBUTES.has(field)) throw new InternalError(`${config.name}: field "${field}" is reserved by the store.`);
  }
  if (config.scope === 'tenant' && !fields.has('tenantId')) throw new InternalError(`${config.name}: a tenant-scoped entity needs a tenantId field.`);

  const primary = compilePattern('primary', { index: 'primary', ...config.primary });
  const patterns = {} as Record<P, CompiledPattern>;
  const usedIndexes = new Set<IndexName>(['primary']);
  for (const [name, pattern] of Object.entries(config.patterns ?? {}) as [P, PatternConfig][]) {
    if (usedIndexes.has(pattern.index)) throw new InternalError(`${config.name}: index ${pattern.index} is used by two access patterns.`);
    usedIndexes.add(pattern.index);
    patterns[name] = compilePattern(name, pattern);
  }
  const unique = Object.entries(config.unique ?? {}).map(([name, u]) => ({ name, fields: u.fields, key: parseTemplate(u.key), scope: u.scope ?? config.scope }));

  for (const pattern of [primary, ...Object.values<CompiledPattern>(patterns)]) {
    checkPartitionKey(config.name, config.scope, pattern.name, pattern.pk);
    for (const facet of [...pattern.pk.facets, ...pattern.sk.facets]) {
      if (!fields.has(facet) && !(ITEM_META_FIELDS as readonly string[]).includes(facet)) {
        throw new InternalError(`${config.name}: key facet {${facet}} of ${pattern.name} is not a field.`);
      }
    }
  }
  for (const u of unique) checkPartitionKey(config.name, u.scope, `unique ${u.name}`, u.key);

  return {
    name: config.name,
    schemaVersion: config.schemaVersion,
    scope: config.scope,
    schema: config.schema,
    primary,
    patterns,
    unique,
    ...(config.expiresAt === undefined ? {} : { expiresAt: config.expiresAt }),
    ...(config.migrate === undefined ? {} : { migrate: config.migrate }),
  };
};

export const allPatterns = (entity: Entity): CompiledPattern[] => [entity.primary, ...Object.values<CompiledPattern>(entity.patterns)];

export const primaryKeyOf = (entity: Entity, values: Record<string, unknown>): Record<string, string> => ({
  [TABLE_DEFINITION.partitionKey]: buildKey(entity.primary.pk, values),
  [TABLE_DEFINITION.sortKey]: buildKey(entity.primary.sk, values),
});

/** The GSI key attributes for an item; an index whose facets are missing is left out (sparse index). */
export const indexKeysOf = (entity: Entity, values: Record<string, unknown>): Record<string, string> => {
  const keys: Record<string, string> = {};
  for (const pattern of Object.values<CompiledPattern>(entity.patterns)) {
    if (!hasFacets(pattern.pk, values) || !hasFacets(pattern.sk, values)) continue;
    keys[pattern.attributes.partitionKey] = buildKey(pattern.pk, values);
    keys[pattern.attributes.sortKey] = buildKey(pattern.sk, values);
  }
  return keys;
};

const dropUndefined = (value: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined && item !== null) out[key] = item;
  return out;
};

/** The full DynamoDB item for a stored entity: its fields, metadata, every key and the markers. */
export const toItem = <E extends Entity>(entity: E, stored: StoredOf<E>): Record<string, unknown> => {
  const values = stored as Record<string, unknown>;
  const ttl = entity.expiresAt?.(stored);
  return {
    ...dropUndefined(values),
    ...primaryKeyOf(entity, values),
    ...indexKeysOf(entity, values),
    ...(ttl === undefined ? {} : { [TABLE_DEFINITION.ttlAttribute]: ttl }),
    [TABLE_DEFINITION.markers.entity]: entity.name,
    [TABLE_DEFINITION.markers.schemaVersion]: entity.schemaVersion,
  };
};

/** The entity as the rest of the SDK sees it: the store's own attributes removed, old versions migrated. */
export const fromItem = <E extends Entity>(entity: E, item: Record<string, unknown>): StoredOf<E> => {
  const storedName = item[TABLE_DEFINITION.markers.entity];
  if (storedName !== entity.name) throw new InternalError(`Expected a ${entity.name} item but found ${String(storedName)}.`);
  // Fields in schema order, then the metadata: DynamoDB returns attributes in no particular order.
  let out: Record<string, unknown> = {};
  for (const key of [...Object.keys(entity.schema.def.shape), ...ITEM_META_FIELDS]) if (item[key] !== undefined) out[key] = item[key];
  for (const [key, value] of Object.entries(item)) if (!RESERVED_ATTRIBUTES.has(key) && !(key in out)) out[key] = value;
  const version = Number(item[TABLE_DEFINITION.markers.schemaVersion] ?? entity.schemaVersion);
  if (version < entity.schemaVersion && entity.migrate !== undefined) out = entity.migrate(out, version);
  return out as StoredOf<E>;
};
