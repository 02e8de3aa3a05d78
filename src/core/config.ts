/**
 * Configuration is read from environment variables in this one place. Every variable is
 * declared in CONFIG_VARIABLES (config-variables.ts, kept out of Lambda bundles) with its default
 * and meaning; docs/configuration.md lists the same, and tests keep all three in step. Code
 * elsewhere receives an SdkConfig, never env.
 */
import type { JSONWebKeySet } from 'jose';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type AuthMode = 'jwt' | 'apigateway';

export interface SdkConfig {
  region: string;
  tableName: string;
  bucketName: string;
  dynamodb: { endpoint?: string; maxAttempts: number; requestTimeoutMs: number; connectTimeoutMs: number };
  s3: { endpoint?: string; forcePathStyle: boolean };
  auth: {
    mode: AuthMode;
    issuer?: string;
    audience: string[];
    clientId?: string;
    jwksUrl?: string;
    jwks?: JSONWebKeySet;
    claims: { subject: string; email: string; tenantId: string; roles: string };
    /** Seconds a tenant's status and a caller's membership are cached per process. */
    accessCacheTtlSeconds: number;
  };
  cursorSecret: string;
  cors: { origins: string[]; allowHeaders: string[]; exposeHeaders: string[]; maxAgeSeconds: number; credentials: boolean };
  limits: { maxBodyBytes: number };
  idempotency: { ttlSeconds: number; lockSeconds: number };
  logLevel: LogLevel;
  problemTypeBase: string;
  invitations: { acceptUrl: string; defaultExpiryDays: number };
  apiKeys: { rotationGraceSeconds: number };
  flags: { cacheTtlSeconds: number };
  files: { maxSizeBytes: number; uploadUrlSeconds: number; downloadUrlSeconds: number };
  /** `provider` undefined: none configured (payment routes that need one answer 503). */
  payments: { provider: 'stripe' | 'local' | undefined; stripeSecretKey: string | undefined; stripeWebhookSecret: string | undefined };
}

/** The string defaults read below; CONFIG_VARIABLES (config-variables.ts) documents every variable with these. */
export const CONFIG_DEFAULTS = {
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'geek-cafe-saas',
  BUCKET_NAME: 'geek-cafe-saas-files',
  CORS_ALLOW_HEADERS: 'authorization,content-type,if-match,idempotency-key,x-api-key,x-tenant-id,x-request-id',
  CORS_EXPOSE_HEADERS: 'etag,x-request-id,idempotent-replayed,retry-after,location',
  PROBLEM_TYPE_BASE: 'https://geekcafe.dev/problems/',
  INVITATION_ACCEPT_URL: 'http://localhost:3000/accept-invitation#token={token}',
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** SigV4's longest presigned URL: 7 days. */
const MAX_PRESIGN_SECONDS = 604_800;

const str = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

const int = (env: Env, name: string, fallback: number, min = 0): number => {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}".`);
  return value;
};

const bool = (env: Env, name: string, fallback: boolean): boolean => {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}".`);
};

const list = (raw: string | undefined): string[] =>
  raw === undefined ? [] : raw.split(',').map((part) => part.trim()).filter((part) => part.length > 0);

const defaultOf = (name: keyof typeof CONFIG_DEFAULTS): string => CONFIG_DEFAULTS[name];

const parseJwks = (raw: string | undefined): JSONWebKeySet | undefined => {
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as JSONWebKeySet;
    if (!Array.isArray(parsed.keys)) throw new Error('no keys array');
    return parsed;
  } catch (error) {
    throw new ConfigError(`AUTH_JWKS is not a JSON Web Key Set: ${(error as Error).message}`);
  }
};

const acceptUrl = (env: Env): string => {
  const url = str(env, 'INVITATION_ACCEPT_URL') ?? defaultOf('INVITATION_ACCEPT_URL');
  if (!url.includes('{token}')) throw new ConfigError('INVITATION_ACCEPT_URL must contain {token}.');
  return url;
};

/** Reads and checks the configuration; throws ConfigError naming the variable at fault. */
/** Stripe when its key is there, unless another provider is named; never a fake PSP by accident. */
const paymentsConfig = (env: Env): SdkConfig['payments'] => {
  const stripeSecretKey = str(env, 'STRIPE_SECRET_KEY');
  const named = str(env, 'PAYMENT_PROVIDER');
  if (named !== undefined && named !== 'stripe' && named !== 'local') throw new ConfigError(`PAYMENT_PROVIDER must be stripe or local, got "${named}".`);
  const provider = named ?? (stripeSecretKey === undefined ? undefined : 'stripe');
  if (provider === 'stripe' && stripeSecretKey === undefined) throw new ConfigError('PAYMENT_PROVIDER is stripe but STRIPE_SECRET_KEY is not set.');
  return { provider, stripeSecretKey, stripeWebhookSecret: str(env, 'STRIPE_WEBHOOK_SECRET') };
};

export const loadConfig = (env: Env = process.env): SdkConfig => {
  const mode = (str(env, 'AUTH_MODE') ?? 'jwt') as AuthMode;
  if (mode !== 'jwt' && mode !== 'apigateway') throw new ConfigError(`AUTH_MODE must be jwt or apigateway, got "${mode}".`);
  const issuer = str(env, 'AUTH_ISSUER');
  const jwks = parseJwks(str(env, 'AUTH_JWKS'));
  const jwksUrl = str(env, 'AUTH_JWKS_URL') ?? (issuer === undefined || jwks !== undefined ? undefined : `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`);
  const cursorSecret = str(env, 'CURSOR_SECRET');
  if (cursorSecret === undefined || cursorSecret.length < 32) {
    throw new ConfigError('CURSOR_SECRET must be set to a secret of at least 32 characters (it seals pagination cursors).');
  }
  const logLevel = (str(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL "${logLevel}" is not a level.`);
  const dynamodbEndpoint = str(env, 'DYNAMODB_ENDPOINT');
  const s3Endpoint = str(env, 'S3_ENDPOINT');
  const clientId = str(env, 'AUTH_CLIENT_ID');
  return {
    region: str(env, 'AWS_REGION') ?? str(env, 'AWS_DEFAULT_REGION') ?? defaultOf('AWS_REGION'),
    tableName: str(env, 'TABLE_NAME') ?? defaultOf('TABLE_NAME'),
    bucketName: str(env, 'BUCKET_NAME') ?? defaultOf('BUCKET_NAME'),
    dynamodb: {
      ...(dynamodbEndpoint === undefined ? {} : { endpoint: dynamodbEndpoint }),
      maxAttempts: int(env, 'DYNAMODB_MAX_ATTEMPTS', 4, 1),
      requestTimeoutMs: int(env, 'DYNAMODB_REQUEST_TIMEOUT_MS', 3000, 1),
      connectTimeoutMs: int(env, 'DYNAMODB_CONNECT_TIMEOUT_MS', 1000, 1),
    },
    s3: { ...(s3Endpoint === undefined ? {} : { endpoint: s3Endpoint }), forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false) },
    auth: {
      mode,
      ...(issuer === undefined ? {} : { issuer }),
      audience: list(str(env, 'AUTH_AUDIENCE')),
      ...(clientId === undefined ? {} : { clientId }),
      ...(jwksUrl === undefined ? {} : { jwksUrl }),
      ...(jwks === undefined ? {} : { jwks }),
      claims: {
        subject: str(env, 'AUTH_CLAIM_SUBJECT') ?? 'sub',
        email: str(env, 'AUTH_CLAIM_EMAIL') ?? 'email',
        tenantId: str(env, 'AUTH_CLAIM_TENANT') ?? 'custom:tenant_id',
        roles: str(env, 'AUTH_CLAIM_ROLES') ?? 'cognito:groups',
      },
      accessCacheTtlSeconds: int(env, 'ACCESS_CACHE_TTL_SECONDS', 10),
    },
    cursorSecret,
    cors: {
      origins: list(str(env, 'CORS_ORIGINS')),
      allowHeaders: list(str(env, 'CORS_ALLOW_HEADERS') ?? defaultOf('CORS_ALLOW_HEADERS')),
      exposeHeaders: list(str(env, 'CORS_EXPOSE_HEADERS') ?? defaultOf('CORS_EXPOSE_HEADERS')),
      maxAgeSeconds: int(env, 'CORS_MAX_AGE_SECONDS', 600),
      credentials: bool(env, 'CORS_CREDENTIALS', false),
    },
    limits: { maxBodyBytes: int(env, 'MAX_BODY_BYTES', 262_144, 1) },
    idempotency: { ttlSeconds: int(env, 'IDEMPOTENCY_TTL_SECONDS', 86_400, 1), lockSeconds: int(env, 'IDEMPOTENCY_LOCK_SECONDS', 60, 1) },
    logLevel,
    problemTypeBase: str(env, 'PROBLEM_TYPE_BASE') ?? defaultOf('PROBLEM_TYPE_BASE'),
    invitations: { acceptUrl: acceptUrl(env), defaultExpiryDays: int(env, 'INVITATION_EXPIRY_DAYS', 7, 1) },
    apiKeys: { rotationGraceSeconds: Math.min(int(env, 'API_KEY_ROTATION_GRACE_SECONDS', 86_400), 7 * 86_400) },
    flags: { cacheTtlSeconds: int(env, 'FLAG_CACHE_TTL_SECONDS', 30) },
    files: {
      // A presigned PUT carries one object of at most 5 GiB (S3's single-request limit).
      maxSizeBytes: Math.min(int(env, 'FILES_MAX_SIZE_BYTES', 1024 ** 3, 1), 5 * 1024 ** 3),
      // A SigV4 presigned URL lives at most 7 days: longer would fail every presign.
      uploadUrlSeconds: Math.min(int(env, 'FILES_UPLOAD_URL_SECONDS', 300, 1), MAX_PRESIGN_SECONDS),
      downloadUrlSeconds: Math.min(int(env, 'FILES_DOWNLOAD_URL_SECONDS', 120, 1), MAX_PRESIGN_SECONDS),
    },
    payments: paymentsConfig(env),
  };
};
