/**
 * Feature flags: definitions are platform-level (one per key, with a type, a default and named
 * variants); each tenant may override a flag with a plain value, targeting rules and a sticky
 * percentage rollout. A tenant's enabled modules are boolean flags named `module.<name>`.
 */
import * as z from 'zod/mini';
import { ItemMetaShape, doc } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';
import { ROLE_PATTERN } from '../../../core/access/permissions.js';
import { IdSchema } from '../../../core/schemas.js';

export const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

/** Keys that would be read as routes (`GET /flags/evaluate`) are not flag keys. */
const RESERVED_KEYS = new Set(['evaluate']);
export const FLAG_KEY_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;

export const FlagKeySchema = doc(
  z.string().check(z.regex(FLAG_KEY_PATTERN, { error: 'must be a flag key (lower-case letters, digits, . _ -)' }), z.refine((k) => !RESERVED_KEYS.has(k), { error: 'is a reserved word' })),
  { example: 'new-dashboard' },
);
const VariantNameSchema = z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,63}$/, { error: 'must be a variant name (lower-case letters, digits, _ -)' }));
const JsonValueSchema = doc(z.unknown(), { description: 'A value of the flag\'s type.' });

/** Is `value` of the flag's type? (json is any JSON value). */
export const matchesType = (type: FlagType, value: unknown): boolean => {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'json':
      return value !== undefined;
  }
};

export const FlagDefinitionDataSchema = z.object({
  key: FlagKeySchema,
  type: z.enum(FLAG_TYPES),
  defaultValue: JsonValueSchema,
  description: z.optional(z.string().check(z.maxLength(500))),
  variants: z.optional(z.record(VariantNameSchema, JsonValueSchema)),
  /** Off: every evaluation answers the default with reason DISABLED (a kill switch). */
  enabled: z.boolean(),
});
export type FlagDefinition = z.infer<typeof FlagDefinitionDataSchema>;

export const flagDefinitionEntity = defineEntity({
  name: 'FlagDefinition',
  schemaVersion: 1,
  scope: 'platform',
  schema: FlagDefinitionDataSchema,
  primary: { pk: 'P#FLAG#{key}', sk: 'FLAG' },
  patterns: { all: { index: 'gsi1', pk: 'P#FLAGS', sk: '{key}' } },
});

export const TargetingRuleSchema = z.strictObject({
  // A rule with no condition would match nobody; it is refused rather than kept silently.
  match: z.strictObject({
    roles: z.optional(z.array(z.string().check(z.regex(ROLE_PATTERN))).check(z.minLength(1), z.maxLength(50))),
    userIds: z.optional(z.array(IdSchema).check(z.minLength(1), z.maxLength(500))),
    emailDomains: z.optional(z.array(z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, { error: 'must be an email domain such as example.com' }))).check(z.minLength(1), z.maxLength(50))),
  }).check(z.refine((m) => m.roles !== undefined || m.userIds !== undefined || m.emailDomains !== undefined, { error: 'must name roles, userIds or emailDomains' })),
  value: z.optional(JsonValueSchema),
  variant: z.optional(VariantNameSchema),
});
export type TargetingRule = z.infer<typeof TargetingRuleSchema>;

export const RolloutSchema = z.strictObject({
  percentage: doc(z.number().check(z.minimum(0), z.maximum(100)), { description: 'Share of users (by a sticky hash of flag key + user id) who get the rollout value.' }),
  value: z.optional(JsonValueSchema),
  variant: z.optional(VariantNameSchema),
});
export type Rollout = z.infer<typeof RolloutSchema>;

export const FlagOverrideDataSchema = z.object({
  tenantId: IdSchema,
  key: FlagKeySchema,
  value: z.optional(JsonValueSchema),
  rules: z.optional(z.array(TargetingRuleSchema).check(z.maxLength(50))),
  rollout: z.optional(RolloutSchema),
});
export type FlagOverride = z.infer<typeof FlagOverrideDataSchema>;

export const flagOverrideEntity = defineEntity({
  name: 'FlagOverride',
  schemaVersion: 1,
  scope: 'tenant',
  schema: FlagOverrideDataSchema,
  primary: { pk: 'T#{tenantId}#FLAG#{key}', sk: 'OVERRIDE' },
  patterns: { byTenant: { index: 'gsi1', pk: 'T#{tenantId}#FLAGOVERRIDES', sk: '{key}' } },
});

export const FlagDefinitionSchema = doc(z.object({ ...FlagDefinitionDataSchema.def.shape, ...ItemMetaShape }), { id: 'FlagDefinition' });
export const FlagOverrideSchema = doc(z.object({ ...FlagOverrideDataSchema.def.shape, ...ItemMetaShape }), { id: 'FlagOverride' });

export const EVALUATION_REASONS = ['STATIC', 'DEFAULT', 'TARGETING_MATCH', 'SPLIT', 'DISABLED', 'ERROR'] as const;
export const FlagEvaluationSchema = doc(
  z.object({
    key: z.string(),
    value: z.unknown(),
    variant: z.optional(z.string()),
    reason: z.enum(EVALUATION_REASONS),
    errorCode: z.optional(z.enum(['FLAG_NOT_FOUND', 'TYPE_MISMATCH'])),
  }),
  { id: 'FlagEvaluation' },
);
