/**
 * Feature flags: platform admins define them; tenant admins override them for their tenant;
 * anyone evaluates them. Definitions and a tenant's overrides are cached per process for a short
 * TTL (FLAG_CACHE_TTL_SECONDS) and dropped at once when changed in this process, so a warm
 * evaluation costs no DynamoDB request and a cold one at most two Queries.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { NotFoundError, RuleViolationError } from '../../../core/errors.js';
import { assertNoPreconditionOnMissing } from '../../../core/preconditions.js';
import type { Runtime } from '../../../core/runtime.js';
import type { Entity, StoredOf } from '../../../core/store/entity.js';
import { flagDefinitionEntity, flagOverrideEntity, matchesType, type FlagDefinition, type FlagOverride, type FlagType } from '../models/flag.js';
import { evaluateFlag, type EvaluationSubject, type FlagEvaluation } from './flag-evaluation.js';
import { pageOptions } from '../../../core/store/store.js';

export interface OverrideInput {
  value?: unknown;
  rules?: FlagOverride['rules'];
  rollout?: FlagOverride['rollout'];
}

const subjectOf = (ctx: RequestContext): EvaluationSubject => ({ tenantId: ctx.tenantId, userId: ctx.userId, roles: ctx.roles, email: ctx.email });

const typeError = (path: string, type: FlagType) =>
  new RuleViolationError(ERROR_CODES.flagTypeMismatch, `${path} must be a ${type} value (the flag's type).`, { details: { field: path, flagType: type } });

/** Every value a definition or override names must be of the flag's type, and every variant must exist. */
const assertDefinitionValues = (d: Pick<FlagDefinition, 'type' | 'defaultValue' | 'variants'>): void => {
  if (!matchesType(d.type, d.defaultValue)) throw typeError('body.defaultValue', d.type);
  for (const [name, value] of Object.entries(d.variants ?? {})) if (!matchesType(d.type, value)) throw typeError(`body.variants.${name}`, d.type);
};

const assertOverrideValues = (definition: FlagDefinition, input: OverrideInput): void => {
  const check = (path: string, pick: { value?: unknown; variant?: string | undefined }) => {
    if (pick.variant !== undefined && !Object.hasOwn(definition.variants ?? {}, pick.variant)) {
      throw new RuleViolationError(ERROR_CODES.flagTypeMismatch, `${path}.variant names no variant of ${definition.key}.`, { details: { field: `${path}.variant` } });
    }
    if (pick.value !== undefined && !matchesType(definition.type, pick.value)) throw typeError(`${path}.value`, definition.type);
    if ((pick.value === undefined) === (pick.variant === undefined)) {
      throw new RuleViolationError(ERROR_CODES.ruleViolation, `${path} needs exactly one of value or variant.`, { details: { field: path } });
    }
  };
  if (input.value !== undefined && !matchesType(definition.type, input.value)) throw typeError('body.value', definition.type);
  input.rules?.forEach((rule, i) => check(`body.rules.${i}`, rule));
  if (input.rollout !== undefined) check('body.rollout', input.rollout);
  if (input.value === undefined && input.rules === undefined && input.rollout === undefined) {
    throw new RuleViolationError(ERROR_CODES.ruleViolation, 'An override needs a value, rules or a rollout.', { details: { field: 'body' } });
  }
};

export const createFlagService = (runtime: Runtime) => {
  const { store, clock } = runtime;
  const ttlMs = runtime.config.flags.cacheTtlSeconds * 1000;
  let definitions: { map: Map<string, FlagDefinition>; expiresAt: number } | undefined;
  const overrides = new Map<string, { map: Map<string, FlagOverride>; expiresAt: number }>();

  const readAll = <E extends Entity>(ctx: RequestContext, entity: E, pattern: string): Promise<StoredOf<E>[]> => store.queryAll(ctx, entity, pattern as never, {});

  const loadDefinitions = async (): Promise<Map<string, FlagDefinition>> => {
    const now = clock.now().getTime();
    if (definitions !== undefined && definitions.expiresAt > now) return definitions.map;
    const items = await readAll(systemContext(), flagDefinitionEntity, 'all');
    definitions = { map: new Map(items.map((d) => [d.key, d as FlagDefinition])), expiresAt: now + ttlMs };
    return definitions.map;
  };

  const loadOverrides = async (tenantId: string | undefined): Promise<Map<string, FlagOverride>> => {
    if (tenantId === undefined) return new Map();
    const now = clock.now().getTime();
    const hit = overrides.get(tenantId);
    if (hit !== undefined && hit.expiresAt > now) return hit.map;
    const items = await readAll(systemContext({ tenantId }), flagOverrideEntity, 'byTenant');
    const map = new Map(items.map((o) => [o.key, o as FlagOverride]));
    if (overrides.size >= 10_000) overrides.delete(overrides.keys().next().value as string);
    overrides.set(tenantId, { map, expiresAt: now + ttlMs });
    return map;
  };

  const mustGetDefinition = async (ctx: RequestContext, key: string) => {
    const found = await store.get(ctx, flagDefinitionEntity, { key });
    if (found === undefined) throw new NotFoundError('Flag');
    return found;
  };

  const evaluateFor = async (subject: EvaluationSubject, key: string): Promise<FlagEvaluation> => {
    const [defs, tenantOverrides] = await Promise.all([loadDefinitions(), loadOverrides(subject.tenantId)]);
    return evaluateFlag(key, defs.get(key), tenantOverrides.get(key), subject);
  };

  const isFeatureEnabled = async (ctx: RequestContext, key: string): Promise<boolean> => (await evaluateFor(subjectOf(ctx), key)).value === true;

  return {
    /** For server code (and the OpenFeature provider): no permission needed to read a flag's value. */
    evaluateFor,
    evaluate: (ctx: RequestContext, key: string) => evaluateFor(subjectOf(ctx), key),
    isFeatureEnabled,
    /** A tenant's modules (chat, requests, voting, …) are boolean flags named `module.<name>`. */
    isModuleEnabled: (ctx: RequestContext, module: string): Promise<boolean> => isFeatureEnabled(ctx, `module.${module}`),
    /** Every flag for the caller, in one call (GET /flags/evaluate). */
    async evaluateAll(ctx: RequestContext): Promise<FlagEvaluation[]> {
      requirePermission(ctx, 'flags:evaluate');
      const [defs, tenantOverrides] = await Promise.all([loadDefinitions(), loadOverrides(ctx.tenantId)]);
      const subject = subjectOf(ctx);
      return [...defs.keys()].sort().map((key) => evaluateFlag(key, defs.get(key), tenantOverrides.get(key), subject));
    },

    async createDefinition(ctx: RequestContext, input: Omit<FlagDefinition, 'enabled'> & { enabled?: boolean | undefined }) {
      requirePermission(ctx, 'flags:create');
      assertDefinitionValues(input);
      const created = await store.create(ctx, flagDefinitionEntity, { ...input, enabled: input.enabled ?? true });
      definitions = undefined;
      return created;
    },
    async listDefinitions(ctx: RequestContext, input: { limit?: number | undefined; cursor?: string | undefined }) {
      requirePermission(ctx, 'flags:read');
      return store.query(ctx, flagDefinitionEntity, 'all', {}, { ...pageOptions(input) });
    },
    async getDefinition(ctx: RequestContext, key: string) {
      requirePermission(ctx, 'flags:read');
      return mustGetDefinition(ctx, key);
    },
    async updateDefinition(ctx: RequestContext, key: string, changes: Partial<Pick<FlagDefinition, 'defaultValue' | 'description' | 'variants' | 'enabled'>>, ifMatch: number | undefined) {
      requirePermission(ctx, 'flags:update');
      const current = await mustGetDefinition(ctx, key);
      assertDefinitionValues({ type: current.type, defaultValue: changes.defaultValue ?? current.defaultValue, variants: changes.variants ?? current.variants });
      const updated = await store.update(ctx, flagDefinitionEntity, { key }, changes as Record<string, unknown>, {
        current, ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }),
      });
      definitions = undefined;
      return updated;
    },
    /** Tenants' overrides of a deleted flag are left in place and ignored (no flag, no value). */
    async deleteDefinition(ctx: RequestContext, key: string, ifMatch: number | undefined) {
      requirePermission(ctx, 'flags:delete');
      await store.delete(ctx, flagDefinitionEntity, { key }, ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' });
      definitions = undefined;
    },

    async listOverrides(ctx: RequestContext, input: { limit?: number | undefined; cursor?: string | undefined }) {
      requirePermission(ctx, 'flag-overrides:read');
      return store.query(ctx, flagOverrideEntity, 'byTenant', {}, { ...pageOptions(input) });
    },
    async putOverride(ctx: RequestContext, key: string, input: OverrideInput, ifMatch: number | undefined) {
      requirePermission(ctx, 'flag-overrides:update');
      const definition = await store.get(systemContext(), flagDefinitionEntity, { key });
      if (definition === undefined) throw new NotFoundError('Flag');
      assertOverrideValues(definition, input);
      const existing = await store.get(ctx, flagOverrideEntity, { key });
      if (existing === undefined) assertNoPreconditionOnMissing('FlagOverride', ifMatch);
      const data = { value: input.value ?? null, rules: input.rules ?? null, rollout: input.rollout ?? null };
      const saved = existing === undefined
        ? await store.create(ctx, flagOverrideEntity, { tenantId: ctx.tenantId as string, key, ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null)) })
        : await store.update(ctx, flagOverrideEntity, { key }, data, { current: existing, ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }) });
      overrides.delete(ctx.tenantId as string);
      return { override: saved, created: existing === undefined };
    },
    async deleteOverride(ctx: RequestContext, key: string, ifMatch: number | undefined) {
      requirePermission(ctx, 'flag-overrides:delete');
      await store.delete(ctx, flagOverrideEntity, { key }, ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' });
      overrides.delete(ctx.tenantId as string);
    },
  };
};

export type FlagService = ReturnType<typeof createFlagService>;
