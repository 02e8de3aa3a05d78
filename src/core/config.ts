/**
 * Configuration is read from environment variables in this one place. Every variable is
 * declared in CONFIG_VARIABLES with its default and meaning (docs/configuration.md lists the
 * same, and a test keeps the two in step). Code elsewhere receives an SdkConfig, never env.
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
}

export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'AWS_REGION', default: 'us-east-1', description: 'AWS region of the table and bucket (set by Lambda).' },
  { name: 'AWS_DEFAULT_REGION', default: '(none)', description: 'Read when AWS_REGION is not set.' },
  { name: 'TABLE_NAME', default: 'geek-cafe-saas', description: 'The single DynamoDB table.' },
  { name: 'BUCKET_NAME', default: 'geek-cafe-saas-files', description: 'The S3 bucket for files.' },
  { name: 'DYNAMODB_ENDPOINT', default: '(AWS)', description: 'DynamoDB endpoint override, e.g. DynamoDB Local.' },
  { name: 'DYNAMODB_MAX_ATTEMPTS', default: '4', description: 'Attempts per DynamoDB call; throttling and transient faults are retried with exponential backoff and jitter.' },
  { name: 'DYNAMODB_REQUEST_TIMEOUT_MS', default: '3000', description: 'Socket timeout of one DynamoDB request.' },
  { name: 'DYNAMODB_CONNECT_TIMEOUT_MS', default: '1000', description: 'Connection timeout to DynamoDB.' },
  { name: 'S3_ENDPOINT', default: '(AWS)', description: 'S3 endpoint override, e.g. the local S3-compatible server.' },
  { name: 'S3_FORCE_PATH_STYLE', default: 'false', description: 'Use path-style S3 URLs (needed by local S3 servers).' },
  { name: 'AUTH_MODE', default: 'jwt', description: '`jwt`: verify the bearer token against the JWKS. `apigateway`: trust the claims an API Gateway JWT authorizer put in the event.' },
  { name: 'AUTH_ISSUER', default: '(none)', description: 'Expected `iss` of tokens (required in jwt mode).' },
  { name: 'AUTH_AUDIENCE', default: '(none)', description: 'Comma-separated accepted `aud` values (ID tokens).' },
  { name: 'AUTH_CLIENT_ID', default: '(none)', description: 'Cognito app client id, checked against `client_id` (access tokens) or `aud`.' },
  { name: 'AUTH_JWKS_URL', default: '{AUTH_ISSUER}/.well-known/jwks.json', description: 'Where the signing keys are fetched (cached per process).' },
  { name: 'AUTH_JWKS', default: '(none)', description: 'An inline JWKS (JSON) instead of a URL; used by the local runtime.' },
  { name: 'AUTH_CLAIM_SUBJECT', default: 'sub', description: 'Claim holding the user id.' },
  { name: 'AUTH_CLAIM_EMAIL', default: 'email', description: 'Claim holding the email.' },
  { name: 'AUTH_CLAIM_TENANT', default: 'custom:tenant_id', description: 'Claim holding the tenant id.' },
  { name: 'AUTH_CLAIM_ROLES', default: 'cognito:groups', description: 'Claim holding the roles (array or comma/space-separated string).' },
  { name: 'ACCESS_CACHE_TTL_SECONDS', default: '10', description: 'How long a tenant status and a membership are cached per process (changes made in the same process apply at once).' },
  { name: 'CURSOR_SECRET', default: '(required)', description: 'Secret (at least 32 characters) that seals pagination cursors.' },
  { name: 'CORS_ORIGINS', default: '(none: CORS off)', description: 'Comma-separated allowed origins, or `*`.' },
  { name: 'CORS_ALLOW_HEADERS', default: 'authorization,content-type,if-match,idempotency-key,x-api-key,x-tenant-id,x-request-id', description: 'Request headers allowed cross-origin.' },
  { name: 'CORS_EXPOSE_HEADERS', default: 'etag,x-request-id,idempotent-replayed,retry-after,location', description: 'Response headers readable cross-origin.' },
  { name: 'CORS_MAX_AGE_SECONDS', default: '600', description: 'Preflight cache lifetime.' },
  { name: 'CORS_CREDENTIALS', default: 'false', description: 'Send Access-Control-Allow-Credentials.' },
  { name: 'MAX_BODY_BYTES', default: '262144', description: 'Largest accepted request body; larger is 413.' },
  { name: 'IDEMPOTENCY_TTL_SECONDS', default: '86400', description: 'How long an Idempotency-Key is remembered (24 h).' },
  { name: 'IDEMPOTENCY_LOCK_SECONDS', default: '60', description: 'After this, an unfinished request no longer blocks its key (the first run crashed).' },
  { name: 'LOG_LEVEL', default: 'info', description: 'debug, info, warn, error or silent.' },
  { name: 'INVITATION_ACCEPT_URL', default: 'http://localhost:3000/accept-invitation#token={token}', description: 'The link sent to an invited person; `{token}` is replaced by the invitation token (in the fragment by default, so that it stays out of server logs).' },
  { name: 'INVITATION_EXPIRY_DAYS', default: '7', description: 'How long an invitation stays valid when the request names no expiry.' },
  { name: 'API_KEY_ROTATION_GRACE_SECONDS', default: '86400', description: 'How long the old key keeps working after a rotation, when the request names no grace period.' },
  { name: 'PROBLEM_TYPE_BASE', default: 'https://geekcafe.dev/problems/', description: 'Prefix of the problem+json `type` URI; the error code is appended.' },
];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

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

const defaultOf = (name: string): string => CONFIG_VARIABLES.find((v) => v.name === name)?.default ?? '';

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
    apiKeys: { rotationGraceSeconds: int(env, 'API_KEY_ROTATION_GRACE_SECONDS', 86_400) },
  };
};
