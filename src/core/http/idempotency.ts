/**
 * Idempotency-Key for POST. The first request takes a lock record (a conditional put); its
 * response is stored on the record and replayed to any later request with the same key and body
 * (with `Idempotent-Replayed: true`). The same key with another body is 422; a duplicate that
 * arrives while the first is still running is 409. Records live 24 h, and expiry is checked in
 * code (DynamoDB's TTL deletion is only housekeeping). A run that fails with a transient error
 * (5xx, 409, 429) releases its key so that the client can retry.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { Clock } from '../clock.js';
import { ERROR_CODES } from '../constants.js';
import type { RequestContext } from '../context.js';
import { AppError, BadRequestError, ConflictError, RuleViolationError } from '../errors.js';
import { defineEntity, type Entity } from '../store/entity.js';
import type { ExpressionBuilder } from '../store/expression.js';
import type { Store } from '../store/store.js';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const ResponseSchema = z.object({ status: z.int(), headers: z.record(z.string(), z.string()), body: z.string() });
const fields = {
  principal: z.string(),
  key: z.string(),
  fingerprint: z.string(),
  state: z.enum(['in_progress', 'completed']),
  lockToken: z.string(),
  lockedUntil: z.number(),
  expiresAtMs: z.number(),
  response: z.optional(ResponseSchema),
};
const ttlOf = (data: { expiresAtMs: number }): number => Math.ceil(data.expiresAtMs / 1000);

export const tenantIdempotencyEntity = defineEntity({
  name: 'IdempotencyRecord',
  schemaVersion: 1,
  scope: 'tenant',
  schema: z.object({ tenantId: z.string(), ...fields }),
  primary: { pk: 'T#{tenantId}#IDEMPOTENCY#{principal}#{key}', sk: 'IDEMPOTENCY' },
  expiresAt: ttlOf,
});

export const platformIdempotencyEntity = defineEntity({
  name: 'IdempotencyRecord',
  schemaVersion: 1,
  scope: 'platform',
  schema: z.object(fields),
  primary: { pk: 'P#IDEMPOTENCY#{principal}#{key}', sk: 'IDEMPOTENCY' },
  expiresAt: ttlOf,
});

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export const validateIdempotencyKey = (key: string): string => {
  if (!KEY_PATTERN.test(key)) {
    throw new BadRequestError(ERROR_CODES.invalidIdempotencyKey, 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
      details: { field: 'header.idempotency-key' },
    });
  }
  return key;
};

/** Key order does not change a JSON body's meaning, so it must not change its fingerprint. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

export const fingerprintOf = (method: string, path: string, body: unknown): string =>
  createHash('sha256').update(`${method} ${path}\n${canonical(body)}`).digest('base64url');

/** Thrown inside the lock's condition handler to carry a completed response out to the caller. */
class Replay extends AppError {
  constructor(readonly response: StoredResponse) {
    super(200, 'idempotent_replay', 'replay');
  }
}

const MAX_STORED_BODY = 300 * 1024;

export interface IdempotencyOptions {
  ttlSeconds: number;
  lockSeconds: number;
}

export const isTransientFailure = (error: unknown): boolean =>
  !(error instanceof AppError) || error.status >= 500 || error.status === 409 || error.status === 429;

export const createIdempotency = (store: Store, clock: Clock, options: IdempotencyOptions) => {
  const entityFor = (ctx: RequestContext): Entity => (ctx.tenantId === undefined ? platformIdempotencyEntity : tenantIdempotencyEntity);

  return {
    /** Runs `execute` at most once per (caller, key); returns its response, or the stored one. */
    async run(ctx: RequestContext, key: string, fingerprint: string, execute: () => Promise<StoredResponse>): Promise<{ response: StoredResponse; replayed: boolean }> {
      const entity = entityFor(ctx);
      const now = clock.now().getTime();
      const lockToken = randomUUID();
      const base = { principal: ctx.userId, key, fingerprint, lockToken, expiresAtMs: now + options.ttlSeconds * 1000 };
      try {
        await store.write(ctx, [{
          type: 'put',
          entity,
          data: { ...base, state: 'in_progress', lockedUntil: now + options.lockSeconds * 1000 },
          condition: {
            expression: (b) =>
              `attribute_not_exists(${b.name('pk')}) OR ${b.name('expiresAtMs')} < ${b.value(now)} OR (${b.name('state')} = ${b.value('in_progress')} AND ${b.name('lockedUntil')} < ${b.value(now)})`,
            onFail: (current) => {
              if (current?.['fingerprint'] !== fingerprint) {
                return new RuleViolationError(ERROR_CODES.idempotencyKeyReused, 'This Idempotency-Key was already used with a different request.');
              }
              if (current['state'] === 'completed' && current['response'] !== undefined) return new Replay(current['response'] as StoredResponse);
              return new ConflictError(ERROR_CODES.requestInProgress, 'A request with this Idempotency-Key is still in progress; retry shortly.', {
                headers: { 'retry-after': '1' },
              });
            },
          },
        }]);
      } catch (error) {
        if (error instanceof Replay) return { response: error.response, replayed: true };
        throw error;
      }

      const ownLock = {
        expression: (b: ExpressionBuilder) => `${b.name('lockToken')} = ${b.value(lockToken)}`,
        onFail: () => new ConflictError(ERROR_CODES.requestInProgress, 'The idempotency lock was lost.'),
      };
      const release = () => store.write(ctx, [{ type: 'delete', entity, key: { principal: ctx.userId, key }, condition: ownLock }]).catch(() => undefined);

      let response: StoredResponse;
      try {
        response = await execute();
      } catch (error) {
        await release();
        throw error;
      }
      if (response.status >= 500 || response.status === 409 || response.status === 429 || Buffer.byteLength(response.body) > MAX_STORED_BODY) {
        await release();
        return { response, replayed: false };
      }
      // The work is done: a failure to record it must not turn success into an error. At worst a
      // retry after the lock expires runs again, which the domain's own uniqueness rules bound.
      await store.write(ctx, [{ type: 'put', entity, data: { ...base, state: 'completed', lockedUntil: 0, response }, condition: ownLock }]).catch(() => undefined);
      return { response, replayed: false };
    },
  };
};

export type Idempotency = ReturnType<typeof createIdempotency>;
