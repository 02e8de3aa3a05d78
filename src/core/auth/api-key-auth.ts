/**
 * Verifies an API key and answers with a reason: valid, not_found, expired, revoked,
 * rate_limited or insufficient_scope. Keys are found by hash (cached per process for the access
 * TTL), their per-window request counters are conditional ADDs in DynamoDB, and last-used is
 * written at most once a minute per key. As an authenticator for `x-api-key`, a key becomes an
 * identity in its tenant whose permissions are exactly its scopes.
 */
import { ERROR_CODES } from '../constants.js';
import { systemContext } from '../context.js';
import { RateLimitedError, UnauthorizedError } from '../errors.js';
import type { CredentialAuthenticator, Runtime } from '../runtime.js';
import { hasPermission } from '../access/permissions.js';
import { apiKeyEntity, effectiveKeyStatus, rateWindowEntity, type ApiKeyRecord } from './api-key-entity.js';
import { hashSecret, isWellFormedApiKey } from './api-key-format.js';
import type { Identity } from './identity.js';

export type ApiKeyReason = 'valid' | 'not_found' | 'expired' | 'revoked' | 'rate_limited' | 'insufficient_scope';

export interface ApiKeyVerification {
  reason: ApiKeyReason;
  apiKey?: ApiKeyRecord;
  retryAfterSeconds?: number;
}

export const API_KEY_HEADER = 'x-api-key';
const LAST_USED_EVERY_MS = 60_000;

interface KeyCache {
  find(keyHash: string): Promise<ApiKeyRecord | undefined>;
  forget(keyHash: string): void;
  lastUsedWrites: Map<string, number>;
}

const keyCaches = new WeakMap<Runtime, KeyCache>();

const cacheOf = (runtime: Runtime): KeyCache => {
  let cache = keyCaches.get(runtime);
  if (cache !== undefined) return cache;
  const entries = new Map<string, { key: ApiKeyRecord | undefined; expiresAt: number }>();
  const ttl = runtime.config.auth.accessCacheTtlSeconds * 1000;
  cache = {
    async find(keyHash) {
      const now = runtime.clock.now().getTime();
      const hit = entries.get(keyHash);
      if (hit !== undefined && hit.expiresAt > now) return hit.key;
      const key = await runtime.store.findByUnique(systemContext(), apiKeyEntity, 'hash', { keyHash });
      if (ttl > 0) {
        if (entries.size >= 10_000) entries.delete(entries.keys().next().value as string);
        entries.set(keyHash, { key, expiresAt: now + ttl });
      }
      return key;
    },
    forget: (keyHash) => void entries.delete(keyHash),
    lastUsedWrites: new Map(),
  };
  keyCaches.set(runtime, cache);
  return cache;
};

/** Drops a key from this process's cache (after a revoke or rotation here). */
export const forgetApiKey = (runtime: Runtime, keyHash: string): void => cacheOf(runtime).forget(keyHash);

/** Counts one request in the key's current window; false when the window is full. */
const consume = async (runtime: Runtime, key: ApiKeyRecord): Promise<{ ok: boolean; retryAfterSeconds: number }> => {
  const { limit, windowSeconds } = key.rateLimit as { limit: number; windowSeconds: number };
  const now = runtime.clock.now().getTime();
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
  try {
    await runtime.store.write(systemContext({ tenantId: key.tenantId }), [{
      type: 'bookkeeping',
      entity: rateWindowEntity,
      key: { keyId: key.id, window: String(start) },
      add: { count: 1 },
      setIfMissing: { keyId: key.id, window: String(start), ttl: Math.ceil((start + windowMs) / 1000) + 60 },
      upsert: true,
      condition: {
        expression: (b) => `attribute_not_exists(${b.name('count')}) OR ${b.name('count')} < ${b.value(limit)}`,
        onFail: () => new RateLimitedError(retryAfterSeconds),
      },
    }]);
    return { ok: true, retryAfterSeconds };
  } catch (error) {
    if (error instanceof RateLimitedError) return { ok: false, retryAfterSeconds };
    throw error;
  }
};

/** Last-used, at most once a minute per key: remembered here, and conditional in DynamoDB for other processes. */
const touch = async (runtime: Runtime, key: ApiKeyRecord): Promise<void> => {
  const writes = cacheOf(runtime).lastUsedWrites;
  const now = runtime.clock.now();
  const last = writes.get(key.id) ?? (key.lastUsedAt === undefined ? 0 : Date.parse(key.lastUsedAt));
  if (now.getTime() - last < LAST_USED_EVERY_MS) return;
  writes.set(key.id, now.getTime());
  const cutoff = new Date(now.getTime() - LAST_USED_EVERY_MS).toISOString();
  await runtime.store.write(systemContext({ tenantId: key.tenantId }), [{
    type: 'bookkeeping',
    entity: apiKeyEntity,
    key: { id: key.id },
    set: { lastUsedAt: now.toISOString() },
    condition: { expression: (b) => `attribute_not_exists(${b.name('lastUsedAt')}) OR ${b.name('lastUsedAt')} < ${b.value(cutoff)}`, onFail: () => new RateLimitedError(0) },
  }]).catch(() => undefined);
};

export const verifyApiKey = async (runtime: Runtime, presented: string, options: { permission?: string } = {}): Promise<ApiKeyVerification> => {
  if (!isWellFormedApiKey(presented)) return { reason: 'not_found' };
  const apiKey = await cacheOf(runtime).find(hashSecret(presented));
  if (apiKey === undefined) return { reason: 'not_found' };
  const status = effectiveKeyStatus(apiKey, runtime.clock.now());
  if (status !== 'active') return { reason: status, apiKey };
  if (apiKey.rateLimit !== undefined) {
    const { ok, retryAfterSeconds } = await consume(runtime, apiKey);
    if (!ok) return { reason: 'rate_limited', apiKey, retryAfterSeconds };
  }
  await touch(runtime, apiKey);
  if (options.permission !== undefined && !hasPermission(apiKey.scopes, options.permission)) return { reason: 'insufficient_scope', apiKey };
  return { reason: 'valid', apiKey };
};

const MESSAGES: Record<'not_found' | 'expired' | 'revoked', string> = {
  not_found: 'The API key is not valid.',
  expired: 'The API key has expired.',
  revoked: 'The API key has been revoked.',
};

/** `x-api-key` → an identity in the key's tenant whose permissions are its scopes. */
export const apiKeyAuthenticator: CredentialAuthenticator = {
  header: API_KEY_HEADER,
  async authenticate(value, runtime): Promise<Identity> {
    const result = await verifyApiKey(runtime, value.trim());
    if (result.reason === 'rate_limited') {
      throw new RateLimitedError(result.retryAfterSeconds ?? 1, 'This API key has used its requests for this window.', { details: { reason: 'rate_limited' } });
    }
    const key = result.apiKey;
    if (result.reason !== 'valid' || key === undefined) {
      const reason = result.reason as 'not_found' | 'expired' | 'revoked';
      throw new UnauthorizedError(ERROR_CODES.invalidApiKey, MESSAGES[reason], { details: { reason }, headers: { 'www-authenticate': 'ApiKey' } });
    }
    return { userId: `apikey:${key.id}`, tenantId: key.tenantId, roles: [], scopes: [...key.scopes], authMethod: 'apiKey' };
  },
};
