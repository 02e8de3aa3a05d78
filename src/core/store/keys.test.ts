/** Key derivation, asserted as literal strings: these are the stored layout and must never drift. */
import { describe, expect, it } from 'vitest';
import { tenantEntity } from '../../domains/tenancy/models/tenant.js';
import { userEntity } from '../../domains/tenancy/models/user.js';
import { platformIdempotencyEntity, tenantIdempotencyEntity } from '../http/idempotency.js';
import { MEMBERSHIP_PRIMARY_KEY, TENANT_PRIMARY_KEY } from '../access/directory.js';
import { defineEntity, indexKeysOf, primaryKeyOf, toItem } from './entity.js';
import { buildKey, buildKeyPrefix, encodeFacet, parseTemplate } from './keys.js';
import * as z from 'zod/mini';

const user = { tenantId: '01TENANT', id: 'user-1', email: 'ada@example.com', name: 'Ada', roles: ['member'], status: 'active', version: 3, createdAt: '2026-11-24T08:00:00.000Z', updatedAt: '2026-11-24T09:00:00.000Z', createdBy: 'x', updatedBy: 'y' };

describe('key templates', () => {
  it('parses facets and builds keys, encoding % and # inside values', () => {
    const t = parseTemplate('T#{tenantId}#USER#{id}');
    expect(t.facets).toEqual(['tenantId', 'id']);
    expect(buildKey(t, { tenantId: 'a', id: 'b' })).toBe('T#a#USER#b');
    expect(buildKey(t, { tenantId: 'a', id: 'x#T#b' })).toBe('T#a#USER#x%23T%23b');
    expect(encodeFacet('50%#')).toBe('50%25%23');
    expect(() => buildKey(t, { tenantId: 'a' })).toThrow(/\{id\}/);
    expect(() => buildKey(t, { tenantId: '', id: 'b' })).toThrow(/tenantId/);
  });
  it('builds the longest prefix it can for begins_with', () => {
    const t = parseTemplate('{createdAt}#{id}');
    expect(buildKeyPrefix(t, {})).toEqual({ prefix: '', complete: false });
    expect(buildKeyPrefix(t, { createdAt: '2026' })).toEqual({ prefix: '2026#', complete: false });
    expect(buildKeyPrefix(t, { createdAt: '2026', id: 'u' })).toEqual({ prefix: '2026#u', complete: true });
  });
});

describe('entity key layout (literal)', () => {
  it('Tenant: platform registry, list and status indexes, slug guard', () => {
    const tenant = { id: '01TENANT', name: 'Acme', slug: 'acme', status: 'suspended', settings: {} };
    expect(primaryKeyOf(tenantEntity, tenant)).toEqual({ pk: 'P#TENANT#01TENANT', sk: 'TENANT' });
    expect(indexKeysOf(tenantEntity, tenant)).toEqual({ gsi1pk: 'P#TENANTS', gsi1sk: '01TENANT', gsi2pk: 'P#TENANTS#suspended', gsi2sk: '01TENANT' });
    expect(buildKey(tenantEntity.unique[0]!.key, tenant)).toBe('P#TENANT_SLUG#acme');
    expect(TENANT_PRIMARY_KEY).toEqual({ pk: 'P#TENANT#{id}', sk: 'TENANT' });
  });
  it('User: membership key led by the tenant, list and status indexes, email guard', () => {
    expect(primaryKeyOf(userEntity, user)).toEqual({ pk: 'T#01TENANT#USER#user-1', sk: 'USER' });
    expect(indexKeysOf(userEntity, user)).toEqual({
      gsi1pk: 'T#01TENANT#USERS',
      gsi1sk: '2026-11-24T08:00:00.000Z#user-1',
      gsi2pk: 'T#01TENANT#USERS#active',
      gsi2sk: '2026-11-24T08:00:00.000Z#user-1',
    });
    expect(buildKey(userEntity.unique[0]!.key, user)).toBe('T#01TENANT#USER_EMAIL#ada@example.com');
    expect(MEMBERSHIP_PRIMARY_KEY).toEqual({ pk: 'T#{tenantId}#USER#{id}', sk: 'USER' });
  });
  it('Idempotency records: per tenant and caller, or platform-level', () => {
    expect(primaryKeyOf(tenantIdempotencyEntity, { tenantId: 't1', principal: 'u1', key: 'k#1' })).toEqual({ pk: 'T#t1#IDEMPOTENCY#u1#k%231', sk: 'IDEMPOTENCY' });
    expect(primaryKeyOf(platformIdempotencyEntity, { principal: 'u1', key: 'k1' })).toEqual({ pk: 'P#IDEMPOTENCY#u1#k1', sk: 'IDEMPOTENCY' });
  });
  it('every item carries its entity, schema version and (when set) TTL', () => {
    const item = toItem(userEntity, user as never);
    expect(item).toMatchObject({ pk: 'T#01TENANT#USER#user-1', _entity: 'User', _sv: 1, version: 3 });
    const record = toItem(tenantIdempotencyEntity, { tenantId: 't', principal: 'u', key: 'k', fingerprint: 'f', state: 'completed', lockToken: 'l', lockedUntil: 0, expiresAtMs: 1_800_000_000_500 } as never);
    expect(record['ttl']).toBe(1_800_000_001);
  });
});

describe('definitions are checked when made', () => {
  const schema = z.object({ tenantId: z.string(), id: z.string() });
  it('refuses a tenant-scoped partition key that does not start with the tenant', () => {
    expect(() => defineEntity({ name: 'Bad', schemaVersion: 1, scope: 'tenant', schema, primary: { pk: 'X#{tenantId}#{id}', sk: 'X' } })).toThrow(/must start with "T#\{tenantId\}#/);
    expect(() => defineEntity({ name: 'Bad', schemaVersion: 1, scope: 'tenant', schema, primary: { pk: 'T#{tenantId}#X#{id}', sk: 'X' }, patterns: { all: { index: 'gsi1', pk: 'ALL#{tenantId}', sk: '{id}' } } })).toThrow(/all partition key/);
    expect(() => defineEntity({ name: 'Bad', schemaVersion: 1, scope: 'tenant', schema, primary: { pk: 'T#{tenantId}#X#{id}', sk: 'X' }, unique: { u: { fields: ['id'], key: 'U#{id}' } } })).toThrow(/unique u/);
  });
  it('refuses a platform key without the platform prefix, unknown facets, reserved fields and a GSI used twice', () => {
    expect(() => defineEntity({ name: 'Bad', schemaVersion: 1, scope: 'platform', schema, primary: { pk: 'T#{id}', sk: 'X' } })).toThrow(/"P#\.\.\."/);
    expect(() => defineEntity({ name: 'Bad', schemaVersion: 1, scope: 'platform', schema, primary: { pk: 'P#{nope}', sk: 'X' } })).toThrow(/\{nope\}/);
    expect(() => defineEntity({ name: 'Bad', schemaVersion: 1, scope: 'platform', schema: z.object({ pk: z.string() }), primary: { pk: 'P#1', sk: 'X' } })).toThrow(/reserved/);
    expect(() => defineEntity({ name: 'Bad', schemaVersion: 1, scope: 'tenant', schema: z.object({ id: z.string() }), primary: { pk: 'T#{tenantId}', sk: 'X' } })).toThrow(/tenantId field/);
    expect(() => defineEntity({ name: 'Bad', schemaVersion: 1, scope: 'platform', schema, primary: { pk: 'P#{id}', sk: 'X' }, patterns: { a: { index: 'gsi1', pk: 'P#A', sk: '{id}' }, b: { index: 'gsi1', pk: 'P#B', sk: '{id}' } } })).toThrow(/gsi1/);
  });
});
