import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { EmailSchema, LimitSchema } from './schemas.js';
import { parseInput } from './validation.js';

const Body = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(3)),
  age: z.optional(z.int().check(z.minimum(0))),
  email: EmailSchema,
  kind: z.enum(['a', 'b']),
  tags: z.optional(z.array(z.string()).check(z.maxLength(1))),
  nested: z.optional(z.object({ deep: z.boolean() })),
});

const errorsOf = (input: unknown) => {
  try {
    parseInput(Body, input, 'body');
  } catch (error) {
    return (error as { errors: Array<{ path: string; message: string }> }).errors;
  }
  return [];
};

describe('validation errors', () => {
  it('name every field path with a plain message', () => {
    expect(errorsOf({ name: 'toolong', age: 1.5, email: 'x', kind: 'c', tags: ['1', '2'], nested: { deep: 'no' }, extra: 1 })).toEqual([
      { path: 'body.name', message: 'must have at most 3 characters', code: 'too_big' },
      { path: 'body.age', message: 'must be an integer', code: 'invalid_type' },
      { path: 'body.email', message: 'must be a valid email address', code: 'invalid_format' },
      { path: 'body.kind', message: 'must be one of: "a", "b"', code: 'invalid_value' },
      { path: 'body.tags', message: 'must have at most 1 item', code: 'too_big' },
      { path: 'body.nested.deep', message: 'must be a boolean', code: 'invalid_type' },
      { path: 'body.extra', message: 'is not an allowed field', code: 'unrecognized_keys' },
    ]);
    expect(errorsOf({})).toContainEqual({ path: 'body.name', message: 'is required', code: 'invalid_type' });
  });
  it('summarises in the detail and normalises what it accepts', () => {
    expect(() => parseInput(Body, { name: '' }, 'body')).toThrow(/body\.name must have at least 1 character \(and \d+ more\)/);
    expect(parseInput(EmailSchema, '  Ada@Example.COM ')).toBe('ada@example.com');
    expect(parseInput(z.object({ limit: LimitSchema }), { limit: '25' })).toEqual({ limit: 25 });
    expect(() => parseInput(z.object({ limit: LimitSchema }), { limit: '101' }, 'query')).toThrow(/query\.limit must be <= 100/);
  });
});
