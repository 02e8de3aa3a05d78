/**
 * The one-machine runtime for real: DynamoDB Local on disk, s3rver, the local server, the token
 * CLI and the seed, on free ports and a temporary data folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../routes.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadLocalIssuer } from './issuer.js';
import { checkJava, javaMajorVersion } from './java.js';
import { assertPortFree, freePort } from './ports.js';
import { seedDemo } from './seed.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from './stack.js';

const dir = mkdtempSync(join(tmpdir(), 'gc-local-'));
let options: LocalStackOptions;
let stack: LocalStack | undefined;
let platform: string;

const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const res = await fetch(`${stack?.url}${path}`, { ...init, headers: { ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.headers as Record<string, string> | undefined) } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
};

beforeAll(async () => {
  options = { port: await freePort(), dynamodbPort: await freePort(), s3Port: await freePort(), dataDir: dir, env: { LOG_LEVEL: 'silent' } };
  stack = await startLocalStack(options);
  platform = await stack.issuer.sign({ userId: 'platform-admin', roles: ['platform_admin'] });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('npm start (the local stack)', () => {
  it('serves /health, the OpenAPI 3.1 document with every route, the API reference and the JWKS', async () => {
    expect((await call('/health')).body).toMatchObject({ status: 'ok', checks: { dynamodb: { status: 'ok' } } });
    const doc = (await call('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of apiRoutes) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.operationId).toBe(route.operationId);
      if (route.permission !== undefined) expect(op['x-permission']).toBe(route.permission);
    }
    expect(doc.components.schemas.User.properties.email).toBeDefined();
    expect(doc.paths['/users'].post.responses['400'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    expect(doc.paths['/invitations/accept'].post.responses['410']).toBeDefined();
    expect(doc.paths['/access-policies/{role}'].put.responses['428']).toBeDefined();
    expect(doc.paths['/users'].get.responses['429']).toBeDefined();
    expect(doc.components.securitySchemes.apiKey).toEqual({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(doc.paths['/users'].get.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    const page = await call('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/docs/assets/swagger-ui-bundle.js');
    expect((await call('/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
    expect((await call('/.well-known/jwks.json')).body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  });

  it('runs the seed through the API, twice without duplicates, and its tokens work', async () => {
    const issuer = await loadLocalIssuer(dir);
    const first = await seedDemo(stack?.url as string, issuer);
    const again = await seedDemo(stack?.url as string, issuer);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, tenantId: first.tenantId });
    const me = await call('/me', { token: first.memberToken });
    expect(me.body).toMatchObject({ userId: 'demo-member', tenantId: first.tenantId, user: { email: 'member@demo.example' } });
    const users = await call('/users', { token: first.adminToken });
    expect(users.body.items).toHaveLength(2);
  });

  it('keeps data on disk across a restart, and refuses to start on a taken port with a clear message', async () => {
    const created = await call('/tenants', { method: 'POST', token: platform, body: JSON.stringify({ name: 'Persist', slug: `persist-${Date.now()}` }) });
    expect(created.status).toBe(201);
    await expect(startLocalStack(options)).rejects.toMatchObject({ name: 'LocalRuntimeError', message: `Port ${options.port} is already in use.`, hint: expect.stringContaining('PORT=') });
    await stack?.stop();
    stack = await startLocalStack(options);
    const read = await call(`/tenants/${created.body.id}`, { token: platform });
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Persist');
  }, 60_000);
});

describe('npm start on Ctrl-C', () => {
  it('prints the URLs and a token, then stops the API, DynamoDB Local and the S3 server and exits 0', async () => {
    const ports = { PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()), S3_PORT: String(await freePort()) };
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/local/cli/start.ts'], {
      env: { ...process.env, ...ports, DATA_DIR: mkdtempSync(join(tmpdir(), 'gc-start-')), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    for (let i = 0; i < 300 && !out.includes('Press Ctrl-C to stop.'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`API             http://localhost:${ports.PORT}`);
    expect(out).toMatch(/Platform-admin token \(valid 12 h\):\n\n[\w-]+\.[\w-]+\.[\w-]+\n/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const [name, port] of Object.entries(ports)) await expect(assertPortFree(Number(port), name)).resolves.toBeUndefined();
  }, 60_000);
});

describe('npm run token', () => {
  it('prints exactly one JWT on stdout, signed by the local issuer with the given claims', async () => {
    const run = spawnSync('npm', ['run', 'token', '--', '--tenant', 't-1', '--user', 'u-1', '--roles', 'tenant_admin,member', '--email', 'ada@example.com'], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dir },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const issuer = await loadLocalIssuer(dir);
    const { payload } = await jwtVerify(run.stdout.trim(), createLocalJWKSet(issuer.jwks), { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
    expect(payload).toMatchObject({ sub: 'u-1', 'custom:tenant_id': 't-1', 'cognito:groups': ['tenant_admin', 'member'], email: 'ada@example.com' });
    const tenantless = spawnSync('npx', ['tsx', 'src/local/cli/token.ts', '--user', 'newcomer'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });
    const claims = JSON.parse(Buffer.from(tenantless.stdout.trim().split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(claims['custom:tenant_id']).toBeUndefined();
  });
  it('explains a missing --user on stderr and prints nothing on stdout', () => {
    const run = spawnSync('npx', ['tsx', 'src/local/cli/token.ts', '--tenant', 't'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--user <id> is required');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('what the runtime needs', () => {
  it('reads Java versions and names a missing Java', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_292"')).toBe(8);
    expect(() => checkJava('/nonexistent/java')).toThrow(expect.objectContaining({ message: expect.stringContaining('Java was not found'), hint: expect.stringContaining('openjdk-17-jre-headless') }));
  });
  it('the preflight of npm start/test prints a clear message when java is missing', () => {
    const run = spawnSync(process.execPath, ['scripts/preflight.mjs', 'start'], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Java 17 or newer is required');
    expect(run.stderr).toContain('apt-get install -y openjdk-17-jre-headless');
  });
  it('names the variable to change when a port is taken', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    await expect(assertPortFree(port, 'DYNAMODB_PORT')).rejects.toMatchObject({ message: `Port ${port} is already in use.`, hint: expect.stringContaining('DYNAMODB_PORT=') });
    blocker.close();
  });
});
