/**
 * After invitations and API keys are created, resent and rotated, the whole table is read (a
 * Scan: allowed in a test, never in a request path) and no raw token or key appears anywhere.
 */
// eslint-disable-next-line no-restricted-imports -- this test reads the whole table on purpose
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/core/context.js';
import { auth } from '../src/domains/auth/services/index.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createTenantFixture } from './support/world.js';

let t: TestRuntime;
const secrets: string[] = [];

beforeAll(async () => {
  t = await createTestRuntime();
  const f = await createTenantFixture(t, 'secrets');
  secrets.push(f.apiKey);
  const ctx = systemContext({ tenantId: f.tenant.id });
  const services = auth(t.runtime);
  for (let i = 0; i < 3; i++) {
    const { invitation, acceptUrl } = await services.invitations.create(ctx, { email: `s${i}@example.com`, roles: ['member'] });
    secrets.push(decodeURIComponent(acceptUrl.split('token=')[1] as string));
    const resent = await services.invitations.resend(ctx, invitation.id, {}, undefined);
    secrets.push(decodeURIComponent(resent.acceptUrl.split('token=')[1] as string));
    const { apiKey, key } = await services.apiKeys.create(ctx, { name: `k${i}`, scopes: ['users:read'] });
    secrets.push(key);
    secrets.push((await services.apiKeys.rotate(ctx, apiKey.id, {}, undefined)).key);
  }
});

const scanAll = async (): Promise<string> => {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    // eslint-disable-next-line no-restricted-syntax -- a test reading the whole table on purpose
    const page = await t.table.client.send(new ScanCommand({ TableName: t.table.tableName, ...(start === undefined ? {} : { ExclusiveStartKey: start }) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return JSON.stringify(items);
};

describe('secrets at rest', () => {
  it('no raw invitation token and no raw API key is stored anywhere in the table', async () => {
    expect(secrets).toHaveLength(1 + 3 * 4);
    const everything = await scanAll();
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(43);
      expect(everything).not.toContain(secret);
      // Not even the random part of a key without its prefix and checksum.
      const core = secret.startsWith('gcsk_') ? secret.slice(5, 48) : secret;
      expect(everything).not.toContain(core);
    }
    // What is stored is the hash, found through the platform lookup guards.
    expect(everything).toContain('P#APIKEY#');
    expect(everything).toContain('P#INVITATION_TOKEN#');
  });
});
