/**
 * Pagination cursors are sealed with AES-256-GCM: opaque (the key layout never leaks), and bound
 * to the tenant and the exact query through the authenticated data. A cursor that was altered,
 * or that is replayed by another tenant or on another query, fails to open and becomes a 400.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ERROR_CODES } from '../constants.js';
import { BadRequestError } from '../errors.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CursorSealer {
  seal(lastEvaluatedKey: Record<string, unknown>, binding: string): string;
  open(cursor: string, binding: string): Record<string, unknown>;
}

const invalidCursor = (): BadRequestError =>
  new BadRequestError(ERROR_CODES.invalidCursor, 'The cursor is not valid for this query. Start again without a cursor.', {
    details: { field: 'query.cursor' },
  });

export const createCursorSealer = (secret: string): CursorSealer => {
  const key = createHash('sha256').update(`geek-cafe-cursor:${secret}`).digest();
  return {
    seal(lastEvaluatedKey, binding) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(binding, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify(lastEvaluatedKey), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(cursor, binding) {
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.length <= IV_BYTES + TAG_BYTES || raw.toString('base64url') !== cursor) throw invalidCursor();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(binding, 'utf8'));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
        const parsed: unknown = JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a key');
        return parsed as Record<string, unknown>;
      } catch {
        throw invalidCursor();
      }
    },
  };
};
