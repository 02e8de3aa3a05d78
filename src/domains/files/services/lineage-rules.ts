/** The lineage's one error (422 lineage_rule, naming the rule broken) and the derivation key. */
import { createHash } from 'node:crypto';
import { ERROR_CODES } from '../../../core/constants.js';
import { RuleViolationError } from '../../../core/errors.js';
import type { Transformation } from '../models/file.js';

export const lineageRule = (message: string, details: Record<string, unknown>): RuleViolationError => new RuleViolationError(ERROR_CODES.lineageRule, message, { details });

/** Canonical JSON (sorted keys), so that parameter order never makes two derivations differ. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

export const derivationKeyOf = (mainFileId: string, t: Transformation): string =>
  createHash('sha256').update(`${mainFileId}\n${t.type}\n${t.operation}\n${canonical(t.parameters)}`).digest('base64url');

