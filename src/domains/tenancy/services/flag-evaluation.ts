/**
 * Flag evaluation, a pure function of a definition, a tenant's override and who is asking.
 * Order: unknown flag (ERROR FLAG_NOT_FOUND) → disabled (DISABLED, the default) → the first
 * targeting rule that matches (TARGETING_MATCH) → the rollout when the user's bucket is in it
 * (SPLIT) → the tenant's plain value (STATIC) → the definition's default (DEFAULT). Reasons and
 * error codes are OpenFeature's.
 */
import { createHash } from 'node:crypto';
import { matchesType, type FlagDefinition, type FlagOverride, type TargetingRule } from '../models/flag.js';

export type EvaluationReason = 'STATIC' | 'DEFAULT' | 'TARGETING_MATCH' | 'SPLIT' | 'DISABLED' | 'ERROR';
export type EvaluationErrorCode = 'FLAG_NOT_FOUND' | 'TYPE_MISMATCH';

export interface EvaluationSubject {
  tenantId?: string | undefined;
  userId: string;
  roles: readonly string[];
  email?: string | undefined;
}

export interface FlagEvaluation {
  key: string;
  value: unknown;
  variant?: string;
  reason: EvaluationReason;
  errorCode?: EvaluationErrorCode;
}

/**
 * The user's bucket in [0, 100): from SHA-256 of flag key + user id, so it is the same on every
 * evaluation and independent between flags. A user is in a rollout of p% when bucket < p, so
 * raising p keeps everyone who was in.
 */
export const rolloutBucket = (flagKey: string, userId: string): number => {
  const digest = createHash('sha256').update(`${flagKey}:${userId}`).digest();
  return (digest.readUInt32BE(0) / 0x1_0000_0000) * 100;
};

const stable = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

/** The variant whose value this is, for reporting. */
const variantOf = (definition: FlagDefinition, value: unknown, fallback: string): string =>
  Object.entries(definition.variants ?? {}).find(([, v]) => stable(v) === stable(value))?.[0] ?? fallback;

const ruleMatches = (rule: TargetingRule, subject: EvaluationSubject): boolean => {
  const { roles, userIds, emailDomains } = rule.match;
  if (roles === undefined && userIds === undefined && emailDomains === undefined) return false;
  if (roles !== undefined && !roles.some((r) => subject.roles.includes(r))) return false;
  if (userIds !== undefined && !userIds.includes(subject.userId)) return false;
  if (emailDomains !== undefined) {
    const domain = subject.email?.split('@')[1]?.toLowerCase();
    if (domain === undefined || !emailDomains.includes(domain)) return false;
  }
  return true;
};

/** The value a rule or rollout names: its own, or its variant's. */
const chosen = (definition: FlagDefinition, pick: { value?: unknown; variant?: string | undefined }): { value: unknown; variant?: string } | undefined => {
  if (pick.variant !== undefined) {
    const variants = definition.variants ?? {};
    return Object.hasOwn(variants, pick.variant) ? { value: variants[pick.variant], variant: pick.variant } : undefined;
  }
  return pick.value === undefined ? undefined : { value: pick.value };
};

export const evaluateFlag = (key: string, definition: FlagDefinition | undefined, override: FlagOverride | undefined, subject: EvaluationSubject): FlagEvaluation => {
  if (definition === undefined) return { key, value: null, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' };
  const fallback = { key, value: definition.defaultValue, variant: variantOf(definition, definition.defaultValue, 'default') };
  if (!definition.enabled) return { ...fallback, reason: 'DISABLED' };
  const result = (reason: EvaluationReason, pick: { value: unknown; variant?: string }, label: string): FlagEvaluation =>
    // A value that no longer fits the flag's type (the definition changed since) is an error, not an answer.
    matchesType(definition.type, pick.value)
      ? { key, value: pick.value, variant: pick.variant ?? variantOf(definition, pick.value, label), reason }
      : { ...fallback, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' };
  if (override !== undefined) {
    for (const [index, rule] of (override.rules ?? []).entries()) {
      const pick = ruleMatches(rule, subject) ? chosen(definition, rule) : undefined;
      if (pick !== undefined) return result('TARGETING_MATCH', pick, `rule-${index + 1}`);
    }
    if (override.rollout !== undefined && rolloutBucket(key, subject.userId) < override.rollout.percentage) {
      const pick = chosen(definition, override.rollout);
      if (pick !== undefined) return result('SPLIT', pick, 'rollout');
    }
    if (override.value !== undefined) return result('STATIC', { value: override.value }, 'override');
  }
  return { ...fallback, reason: 'DEFAULT' };
};
