import { describe, expect, it } from 'vitest';
import { createCursorSealer } from './cursor.js';

const sealer = createCursorSealer('a-secret-of-at-least-thirty-two-characters!');
const key = { pk: 'T#t1#USERS', sk: 'USER', gsi1pk: 'T#t1#USERS', gsi1sk: '2026#u1' };

describe('cursor sealing', () => {
  it('round-trips the last evaluated key under the same binding, and hides it', () => {
    const cursor = sealer.seal(key, 'tenant-1|User|byTenant');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('T#t1');
    expect(sealer.open(cursor, 'tenant-1|User|byTenant')).toEqual(key);
  });
  it('rejects a cursor replayed under another tenant or query, altered, truncated or sealed with another secret', () => {
    const cursor = sealer.seal(key, 'tenant-1|q');
    expect(() => sealer.open(cursor, 'tenant-2|q')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_cursor' }));
    expect(() => sealer.open(cursor, 'tenant-1|other')).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    const bytes = Buffer.from(cursor, 'base64url');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    expect(() => sealer.open(bytes.toString('base64url'), 'tenant-1|q')).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    expect(() => sealer.open(cursor.slice(0, 10), 'tenant-1|q')).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    expect(() => sealer.open('!!!', 'tenant-1|q')).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    const other = createCursorSealer('another-secret-of-at-least-32-characters');
    expect(() => other.open(cursor, 'tenant-1|q')).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
  });
  it('two seals of the same key differ (random IV)', () => {
    expect(sealer.seal(key, 'b')).not.toBe(sealer.seal(key, 'b'));
  });
});
