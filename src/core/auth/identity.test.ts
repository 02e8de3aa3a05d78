import { describe, expect, it } from 'vitest';
import { parseIfMatch } from '../http/request.js';
import { identityFromClaims, parseRoles } from './identity.js';

const names = { subject: 'sub', email: 'email', tenantId: 'custom:tenant_id', roles: 'cognito:groups' };

describe('claims', () => {
  it('reads Cognito-style claims into an identity', () => {
    expect(identityFromClaims({ sub: 'u1', email: 'Ada@X.com', 'custom:tenant_id': 't1', 'cognito:groups': ['member'] }, names)).toEqual({ userId: 'u1', email: 'ada@x.com', tenantId: 't1', roles: ['member'], authMethod: 'jwt' });
    expect(identityFromClaims({ sub: 'u1' }, names)).toEqual({ userId: 'u1', roles: [], authMethod: 'jwt' });
  });
  it('accepts roles as arrays, comma/space strings and API Gateway\'s "[a b]" rendering', () => {
    expect(parseRoles(['a', 'b'])).toEqual(['a', 'b']);
    expect(parseRoles('a,b c')).toEqual(['a', 'b', 'c']);
    expect(parseRoles('[tenant_admin member]')).toEqual(['tenant_admin', 'member']);
    expect(parseRoles(undefined)).toEqual([]);
  });
  it('refuses unusable subjects and tenant ids', () => {
    expect(() => identityFromClaims({}, names)).toThrow(expect.objectContaining({ status: 401, code: 'invalid_token' }));
    expect(() => identityFromClaims({ sub: 'a#b' }, names)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => identityFromClaims({ sub: 'u', 'custom:tenant_id': 'T#x' }, names)).toThrow(expect.objectContaining({ status: 401 }));
  });
});

describe('If-Match', () => {
  it('reads strong and weak ETags, treats * and absence as no precondition, refuses the rest', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(() => parseIfMatch('3')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_if_match' }));
    expect(() => parseIfMatch('"1", "2"')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
