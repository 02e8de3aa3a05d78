/**
 * The world the in-process benchmarks run against: DynamoDB Local (in memory), a fresh table,
 * a runtime configured exactly as a deployed Lambda would be (JWT mode, real JWKS, silent logs),
 * one tenant with its admin and enough members to fill a list page, and a signed admin token.
 * Data is created through the services, so the items are the ones production would write.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { systemContext, withTenant } from '../../src/core/context.js';
import { loadConfig } from '../../src/core/config.js';
import { createRuntime, type Runtime } from '../../src/core/runtime.js';
import { createDocumentClient } from '../../src/core/store/client.js';
import { ensureTable } from '../../src/core/store/ensure-table.js';
import { tenancy } from '../../src/domains/tenancy/services/index.js';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadLocalIssuer } from '../../src/local/issuer.js';
import { freePort } from '../../src/local/ports.js';
import { BENCH_DIR } from './paths.js';

/** More than one page of the list benchmark (limit=20), so the page is full and has a next cursor. */
const MEMBER_COUNT = 25;

export interface Fixture {
  runtime: Runtime;
  tableName: string;
  tenantId: string;
  /** The tenant admin the token belongs to. */
  adminId: string;
  /** A member other than the caller: reading or renaming it never invalidates the caller's cached membership. */
  memberId: string;
  token: string;
  stop(): Promise<void>;
}

export const startFixture = async (): Promise<Fixture> => {
  mkdirSync(BENCH_DIR, { recursive: true });
  const issuerDir = mkdtempSync(join(BENCH_DIR, 'issuer-'));
  const dynamo = await startDynamoDbLocal({ port: await freePort() }).catch((error: unknown) => {
    rmSync(issuerDir, { recursive: true, force: true });
    throw error;
  });
  let client: ReturnType<typeof createDocumentClient> | undefined;
  const stop = async (): Promise<void> => {
    client?.destroy();
    await dynamo.stop();
    rmSync(issuerDir, { recursive: true, force: true });
  };
  try {
    const issuer = await loadLocalIssuer(issuerDir);
    const tableName = `bench-${randomUUID()}`;
    // Same options as production apart from where it points (retries, timeouts: SDK defaults of this package).
    client = createDocumentClient({ region: 'us-east-1', endpoint: dynamo.endpoint, credentials: LOCAL_CREDENTIALS });
    await ensureTable(client, tableName);
    const config = loadConfig({
      AWS_REGION: 'us-east-1',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AUTH_ISSUER: LOCAL_ISSUER,
      AUTH_AUDIENCE: LOCAL_AUDIENCE,
      AUTH_JWKS: JSON.stringify(issuer.jwks),
      CURSOR_SECRET: issuer.cursorSecret,
      LOG_LEVEL: 'silent',
    });
    const runtime = createRuntime({ config, client });
    const services = tenancy(runtime);
    const { tenant, owner } = await services.tenants.create(systemContext(), {
      name: 'Bench Cafe',
      slug: 'bench-cafe',
      owner: { email: 'owner@bench.example', name: 'Bench Owner' },
    });
    if (owner === undefined) throw new Error('Tenant creation returned no owner.');
    const inTenant = withTenant(systemContext(), tenant.id);
    const members = [];
    for (let i = 0; i < MEMBER_COUNT; i++) {
      members.push(await services.users.create(inTenant, { email: `member${i}@bench.example`, name: `Member ${i}`, roles: ['member'] }));
    }
    const token = await issuer.sign({ userId: owner.id, tenantId: tenant.id, roles: ['tenant_admin'], email: owner.email });
    return { runtime, tableName, tenantId: tenant.id, adminId: owner.id, memberId: (members[0] as { id: string }).id, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
