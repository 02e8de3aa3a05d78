/**
 * DynamoDB's size rules, applied before a request is sent so that the caller gets a clear 413
 * naming what is too big instead of a ValidationException from the service.
 * Sizes follow DynamoDB's accounting: attribute name bytes + value bytes; numbers up to 21 bytes;
 * lists and maps 3 bytes plus 1 byte per element.
 */
import { DYNAMODB_LIMITS, ERROR_CODES } from '../constants.js';
import { TooLargeError } from '../errors.js';

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

export const valueSize = (value: unknown): number => {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return Math.min(21, Math.ceil(String(value).replace(/^-|\.|e.*$/g, '').length / 2) + 1);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce<number>((sum, item) => sum + valueSize(item), 0);
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, item) => sum + 1 + valueSize(item), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((sum, [key, item]) => (item === undefined ? sum : sum + 1 + utf8(key) + valueSize(item)), 0);
  }
  return utf8(String(value));
};

export const itemSize = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((sum, [key, value]) => (value === undefined ? sum : sum + utf8(key) + valueSize(value)), 0);

export const assertItemSize = (entityName: string, item: Record<string, unknown>): number => {
  const size = itemSize(item);
  if (size > DYNAMODB_LIMITS.itemBytes) {
    throw new TooLargeError(ERROR_CODES.itemTooLarge, `The ${entityName} would be ${size} bytes; an item may be at most ${DYNAMODB_LIMITS.itemBytes} bytes (400 KB).`, {
      details: { entity: entityName, size, limit: DYNAMODB_LIMITS.itemBytes },
    });
  }
  return size;
};

export const assertTransactionLimits = (actions: number, bytes: number): void => {
  if (actions > DYNAMODB_LIMITS.transactionActions) {
    throw new TooLargeError(ERROR_CODES.transactionTooLarge, `A transaction may hold at most ${DYNAMODB_LIMITS.transactionActions} actions; this one has ${actions}.`, {
      details: { actions, limit: DYNAMODB_LIMITS.transactionActions },
    });
  }
  if (bytes > DYNAMODB_LIMITS.transactionBytes) {
    throw new TooLargeError(ERROR_CODES.transactionTooLarge, `A transaction may carry at most 4 MB; this one carries ${bytes} bytes.`, {
      details: { bytes, limit: DYNAMODB_LIMITS.transactionBytes },
    });
  }
};
