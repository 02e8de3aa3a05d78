import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { CONFIG_VARIABLES } from './config-variables.js';

const minimal = { CURSOR_SECRET: 'x'.repeat(32) };

describe('configuration', () => {
  it('has documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({ region: 'us-east-1', tableName: 'geek-cafe-saas', logLevel: 'info', limits: { maxBodyBytes: 262144 }, idempotency: { ttlSeconds: 86400 } });
    expect(config.auth).toMatchObject({ mode: 'jwt', audience: [], claims: { subject: 'sub', email: 'email', tenantId: 'custom:tenant_id', roles: 'cognito:groups' }, accessCacheTtlSeconds: 10 });
    expect(config.cors.origins).toEqual([]);
  });
  it('caps file limits at what S3 can do: one presigned PUT of 5 GiB, presigned URLs of 7 days', () => {
    expect(loadConfig(minimal).files).toEqual({ maxSizeBytes: 1024 ** 3, uploadUrlSeconds: 300, downloadUrlSeconds: 120 });
    const capped = loadConfig({ ...minimal, FILES_MAX_SIZE_BYTES: String(10 * 1024 ** 3), FILES_UPLOAD_URL_SECONDS: '9999999', FILES_DOWNLOAD_URL_SECONDS: '604801' });
    expect(capped.files).toEqual({ maxSizeBytes: 5 * 1024 ** 3, uploadUrlSeconds: 604800, downloadUrlSeconds: 604800 });
    expect(() => loadConfig({ ...minimal, FILES_UPLOAD_URL_SECONDS: '0' })).toThrow(/FILES_UPLOAD_URL_SECONDS/);
  });
  it('picks the payment provider: Stripe when its key is set, never a fake PSP by accident', () => {
    expect(loadConfig(minimal).payments.provider).toBeUndefined();
    expect(loadConfig({ ...minimal, STRIPE_SECRET_KEY: 'sk_test_x' }).payments).toMatchObject({ provider: 'stripe', stripeSecretKey: 'sk_test_x' });
    expect(loadConfig({ ...minimal, PAYMENT_PROVIDER: 'local', STRIPE_WEBHOOK_SECRET: 'whsec_x' }).payments).toMatchObject({ provider: 'local', stripeWebhookSecret: 'whsec_x' });
    expect(() => loadConfig({ ...minimal, PAYMENT_PROVIDER: 'stripe' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => loadConfig({ ...minimal, PAYMENT_PROVIDER: 'paypal' })).toThrow(/PAYMENT_PROVIDER/);
  });
  it('derives the JWKS URL from the issuer and reads lists', () => {
    const config = loadConfig({ ...minimal, AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/pool/', AUTH_AUDIENCE: 'a, b', CORS_ORIGINS: 'https://app.example' });
    expect(config.auth.jwksUrl).toBe('https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json');
    expect(config.auth.audience).toEqual(['a', 'b']);
    expect(config.cors.origins).toEqual(['https://app.example']);
  });
  it('refuses bad values with the variable named', () => {
    expect(() => loadConfig({})).toThrow(/CURSOR_SECRET/);
    expect(() => loadConfig({ ...minimal, MAX_BODY_BYTES: 'lots' })).toThrow(/MAX_BODY_BYTES/);
    expect(() => loadConfig({ ...minimal, AUTH_MODE: 'magic' })).toThrow(/AUTH_MODE/);
    expect(() => loadConfig({ ...minimal, AUTH_JWKS: '{"nope":1}' })).toThrow(/AUTH_JWKS/);
    expect(() => loadConfig({ ...minimal, CORS_CREDENTIALS: 'maybe' })).toThrow(/CORS_CREDENTIALS/);
  });
  it('every variable read in config.ts is declared, and every declared one is read', () => {
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const read = new Set([...source.matchAll(/(?:str|int|bool)\(env, '([A-Z0-9_]+)'/g)].map((m) => m[1]));
    const declared = new Set(CONFIG_VARIABLES.map((v) => v.name));
    expect([...read].sort()).toEqual([...declared].sort());
  });
  it('every variable is documented in docs/configuration.md', () => {
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    for (const variable of CONFIG_VARIABLES) expect(doc, variable.name).toContain(variable.name);
  });
});
