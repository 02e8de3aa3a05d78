/**
 * The one table, declared once. The local runtime and the tests create it from this definition
 * (and so will the deployment), so the key attributes, the GSIs and the TTL attribute can
 * never drift between environments.
 */
import type { CreateTableCommandInput, GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb';

export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  },
  /** Epoch seconds; DynamoDB deletes expired items in the background (expiry is still checked in code). */
  ttlAttribute: 'ttl',
  /** Attributes the store writes on every item; entity fields may not use these names. */
  markers: { entity: '_entity', schemaVersion: '_sv' },
} as const;

export type GsiName = keyof typeof TABLE_DEFINITION.indexes;
export type IndexName = 'primary' | GsiName;

export const GSI_NAMES = Object.keys(TABLE_DEFINITION.indexes) as GsiName[];

export const keyAttributesOf = (index: IndexName): { partitionKey: string; sortKey: string } =>
  index === 'primary' ? TABLE_DEFINITION : TABLE_DEFINITION.indexes[index];

/** Every attribute name the store owns (keys, markers, ttl). */
export const RESERVED_ATTRIBUTES: ReadonlySet<string> = new Set([
  TABLE_DEFINITION.partitionKey,
  TABLE_DEFINITION.sortKey,
  ...GSI_NAMES.flatMap((name) => [TABLE_DEFINITION.indexes[name].partitionKey, TABLE_DEFINITION.indexes[name].sortKey]),
  TABLE_DEFINITION.ttlAttribute,
  TABLE_DEFINITION.markers.entity,
  TABLE_DEFINITION.markers.schemaVersion,
]);

export const gsiDefinition = (name: GsiName): GlobalSecondaryIndex => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: TABLE_DEFINITION.indexes[name].partitionKey, KeyType: 'HASH' },
    { AttributeName: TABLE_DEFINITION.indexes[name].sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
});

export const createTableInput = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: TABLE_DEFINITION.partitionKey, AttributeType: 'S' },
    { AttributeName: TABLE_DEFINITION.sortKey, AttributeType: 'S' },
    ...GSI_NAMES.flatMap((name) => [
      { AttributeName: TABLE_DEFINITION.indexes[name].partitionKey, AttributeType: 'S' as const },
      { AttributeName: TABLE_DEFINITION.indexes[name].sortKey, AttributeType: 'S' as const },
    ]),
  ],
  KeySchema: [
    { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
    { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: GSI_NAMES.map(gsiDefinition),
});
