/**
 * Schema pieces shared by every domain: ids, emails, timestamps, the metadata every stored item
 * carries, and the list envelope. `zod/mini` throughout (see validation.ts for why).
 */
import * as z from 'zod/mini';
import { PAGE_SIZE } from './constants.js';
import { ID_PATTERN } from './ids.js';

/** Attaches JSON Schema hints (description, example, format) that the OpenAPI document shows. */
export const doc = <S extends z.ZodMiniType>(schema: S, meta: Record<string, unknown>): S => (schema as z.ZodMiniType).register(z.globalRegistry, meta) as S;

export const IdSchema = doc(z.string().check(z.regex(ID_PATTERN, { error: 'must be an id (letters, digits and . _ : | @ -, at most 128)' })), {
  description: 'An id (ULID for ids made by the SDK; identity-provider subjects are accepted for users).',
  example: '01JD3Q5W7N8X9Y0Z1A2B3C4D5E',
});

export const EmailSchema = doc(
  z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.regex(z.regexes.email, { error: 'must be a valid email address' })),
  { format: 'email', example: 'ada@example.com', description: 'Stored lower-cased.' },
);

export const TimestampSchema = doc(z.string(), { format: 'date-time', example: '2026-11-24T09:30:00.000Z' });

export const trimmedText = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** Fields the store writes on every item and every response carries. */
export const ItemMetaShape = {
  version: doc(z.int(), { description: 'Optimistic-lock version; the ETag is this number quoted.', example: 1 }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  createdBy: z.string(),
  updatedBy: z.string(),
};

export const LimitSchema = z.optional(
  doc(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(PAGE_SIZE.max))), {
    type: 'integer',
    minimum: 1,
    maximum: PAGE_SIZE.max,
    default: PAGE_SIZE.default,
    description: `Page size (default ${PAGE_SIZE.default}, at most ${PAGE_SIZE.max}).`,
  }),
);

export const CursorSchema = z.optional(
  doc(z.string().check(z.minLength(1), z.maxLength(4096)), { description: 'The nextCursor of the previous page; opaque, bound to your tenant and this query.' }),
);

export const PageQueryShape = { limit: LimitSchema, cursor: CursorSchema };

export const pageOf = <S extends z.ZodMiniType>(item: S) =>
  z.object({ items: z.array(item), nextCursor: doc(z.nullable(z.string()), { description: 'Pass as ?cursor= for the next page; null on the last page.' }) });

/** A JSON object of free-form settings, bounded so that it cannot crowd the 400 KB item limit. */
export const boundedJsonObject = (maxBytes: number) =>
  z.record(z.string(), z.unknown()).check(
    z.refine((value) => Buffer.byteLength(JSON.stringify(value), 'utf8') <= maxBytes, { error: `must be at most ${maxBytes} bytes of JSON` }),
  );
