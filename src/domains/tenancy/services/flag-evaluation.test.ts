/** Evaluation reasons for each path, and the sticky percentage rollout. */
import { describe, expect, it } from 'vitest';
import type { FlagDefinition, FlagOverride } from '../models/flag.js';
import { evaluateFlag, rolloutBucket, type EvaluationSubject } from './flag-evaluation.js';

const definition: FlagDefinition = { key: 'theme', type: 'string', defaultValue: 'light', enabled: true, variants: { light: 'light', dark: 'dark', neon: 'neon' } };
const ada: EvaluationSubject = { tenantId: 't1', userId: 'ada', roles: ['member'], email: 'ada@acme.com' };
const override = (o: Partial<FlagOverride>): FlagOverride => ({ tenantId: 't1', key: 'theme', ...o });

describe('evaluation reasons', () => {
  it.each<[string, FlagDefinition | undefined, FlagOverride | undefined, EvaluationSubject, Record<string, unknown>]>([
    ['unknown flag → ERROR FLAG_NOT_FOUND', undefined, undefined, ada, { value: null, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' }],
    ['no override → DEFAULT', definition, undefined, ada, { value: 'light', variant: 'light', reason: 'DEFAULT' }],
    ['disabled → DISABLED with the default', { ...definition, enabled: false }, override({ value: 'dark' }), ada, { value: 'light', reason: 'DISABLED' }],
    ['plain override → STATIC', definition, override({ value: 'dark' }), ada, { value: 'dark', variant: 'dark', reason: 'STATIC' }],
    ['role rule → TARGETING_MATCH', definition, override({ value: 'dark', rules: [{ match: { roles: ['member'] }, variant: 'neon' }] }), ada, { value: 'neon', variant: 'neon', reason: 'TARGETING_MATCH' }],
    ['user rule', definition, override({ rules: [{ match: { userIds: ['ada'] }, value: 'dark' }] }), ada, { value: 'dark', reason: 'TARGETING_MATCH' }],
    ['email-domain rule', definition, override({ rules: [{ match: { emailDomains: ['acme.com'] }, value: 'dark' }] }), ada, { value: 'dark', reason: 'TARGETING_MATCH' }],
    ['rules AND their conditions', definition, override({ rules: [{ match: { roles: ['member'], emailDomains: ['other.com'] }, value: 'dark' }] }), ada, { value: 'light', reason: 'DEFAULT' }],
    ['rollout at 100 % → SPLIT', definition, override({ rollout: { percentage: 100, value: 'dark' } }), ada, { value: 'dark', reason: 'SPLIT' }],
    ['rollout at 0 % falls back to the tenant value', definition, override({ value: 'neon', rollout: { percentage: 0, value: 'dark' } }), ada, { value: 'neon', reason: 'STATIC' }],
    ['a value that no longer fits the type → ERROR TYPE_MISMATCH', definition, override({ value: 42 }), ada, { value: 'light', reason: 'ERROR', errorCode: 'TYPE_MISMATCH' }],
  ])('%s', (_, def, ovr, subject, expected) => {
    expect(evaluateFlag('theme', def, ovr, subject)).toMatchObject(expected);
  });
});

describe('sticky percentage rollout', () => {
  const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
  const inAt = (percentage: number) => new Set(users.filter((u) => rolloutBucket('new-dashboard', u) < percentage));

  it('10,000 users at 25 % land within 1 percentage point of 25 %', () => {
    const share = (inAt(25).size / users.length) * 100;
    expect(Math.abs(share - 25)).toBeLessThanOrEqual(1);
  });
  it('raising 25 % to 50 % keeps everyone who was in; the same user always gets the same bucket', () => {
    const quarter = inAt(25);
    const half = inAt(50);
    for (const user of quarter) expect(half.has(user)).toBe(true);
    expect(Math.abs((half.size / users.length) * 100 - 50)).toBeLessThanOrEqual(1.5);
    expect(rolloutBucket('new-dashboard', 'user-7')).toBe(rolloutBucket('new-dashboard', 'user-7'));
  });
  it('buckets are independent between flags', () => {
    const a = users.filter((u) => rolloutBucket('flag-a', u) < 25);
    const both = a.filter((u) => rolloutBucket('flag-b', u) < 25).length;
    expect(Math.abs(both / a.length - 0.25)).toBeLessThan(0.03);
  });
});
