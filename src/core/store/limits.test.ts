import { describe, expect, it } from 'vitest';
import { assertItemSize, assertTransactionLimits, itemSize, valueSize } from './limits.js';

describe('DynamoDB size accounting', () => {
  it('counts attribute names and values the way DynamoDB does', () => {
    expect(itemSize({ pk: 'abc' })).toBe(5);
    expect(itemSize({ n: 12345 })).toBe(1 + 4);
    expect(valueSize(true)).toBe(1);
    expect(valueSize(['a', 'bb'])).toBe(3 + (1 + 1) + (1 + 2));
    expect(valueSize({ k: 'v' })).toBe(3 + 1 + 1 + 1);
    expect(valueSize('é')).toBe(2);
  });
  it('refuses items over 400 KB and transactions over 100 actions or 4 MB, with 413s that say why', () => {
    expect(() => assertItemSize('User', { blob: 'x'.repeat(400 * 1024) })).toThrow(expect.objectContaining({ status: 413, code: 'item_too_large' }));
    expect(assertItemSize('User', { blob: 'x'.repeat(1000) })).toBe(1004);
    expect(() => assertTransactionLimits(101, 10)).toThrow(expect.objectContaining({ status: 413, code: 'transaction_too_large' }));
    expect(() => assertTransactionLimits(10, 4 * 1024 * 1024 + 1)).toThrow(/4 MB/);
    expect(() => assertTransactionLimits(100, 4 * 1024 * 1024)).not.toThrow();
  });
});
