/**
 * Input validation with zod (the `zod/mini` build: the same schemas at a fraction of the bundle
 * size, which keeps each Lambda's cold start small). Issues become FieldErrors with a dotted
 * path and a plain-English message, because zod/mini ships no message locale.
 */
import * as z from 'zod/mini';
import { ValidationError, type FieldError } from './errors.js';

type Issue = z.core.$ZodIssue;

const plural = (n: number | bigint, word: string): string => `${n} ${word}${n === 1 || n === 1n ? '' : 's'}`;

const sizeUnit = (origin: string | undefined): string =>
  origin === 'string' ? 'character' : origin === 'array' || origin === 'set' ? 'item' : origin === 'file' ? 'byte' : '';

const boundMessage = (issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string => {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const unit = sizeUnit(issue.origin);
  if (unit !== '') return `must have ${small ? 'at least' : 'at most'} ${plural(bound as number, unit)}`;
  const cmp = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `must be ${cmp} ${String(bound)}`;
};

export const issueMessage = (issue: Issue): string => {
  // A schema may carry its own message ({ error: '...' }); zod/mini's default is 'Invalid input'.
  if (issue.message !== '' && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'int' ? 'an integer' : `a${/^[aeiou]/.test(issue.expected) ? 'n' : ''} ${issue.expected}`}`;
    case 'too_small':
    case 'too_big':
      return boundMessage(issue);
    case 'invalid_format':
      return issue.format === 'regex' ? 'has an invalid format' : `must be a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'does not match any allowed shape';
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    default:
      return 'is invalid';
  }
};

const joinPath = (prefix: string, path: readonly PropertyKey[]): string =>
  [prefix, ...path.map((p) => String(p))].filter((p) => p !== '').join('.');

export const toFieldErrors = (issues: readonly Issue[], prefix = ''): FieldError[] =>
  issues.flatMap((issue): FieldError[] => {
    // Unknown keys are reported one per key so that each path points at the field to remove.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath(prefix, [...issue.path, key]), message: 'is not an allowed field', code: issue.code }));
    }
    return [{ path: joinPath(prefix, issue.path), message: issueMessage(issue), code: issue.code }];
  });

/** Parses `input` or throws a ValidationError whose paths start with `prefix` (body, query, params). */
export const parseInput = <S extends z.ZodMiniType>(schema: S, input: unknown, prefix = ''): z.infer<S> => {
  // reportInput lets a message tell "is required" (no value) from "must be a string" (wrong value).
  const result = z.safeParse(schema, input, { reportInput: true });
  if (result.success) return result.data;
  const errors = toFieldErrors(result.error.issues, prefix);
  const first = errors[0];
  const summary = first === undefined ? 'The request is not valid.' : `${first.path || 'input'} ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`;
  throw new ValidationError(errors, summary);
};
