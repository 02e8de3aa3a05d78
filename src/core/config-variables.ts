/**
 * Every environment variable the SDK reads, with its default and meaning: the source of
 * docs/configuration.md. Kept apart from config.ts so that Lambda bundles do not carry the text.
 */
import { CONFIG_DEFAULTS } from './config.js';

export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'AWS_REGION', default: CONFIG_DEFAULTS.AWS_REGION, description: 'AWS region of the table and bucket (set by Lambda).' },
  { name: 'AWS_DEFAULT_REGION', default: '(none)', description: 'Read when AWS_REGION is not set.' },
  { name: 'TABLE_NAME', default: CONFIG_DEFAULTS.TABLE_NAME, description: 'The single DynamoDB table.' },
  { name: 'BUCKET_NAME', default: CONFIG_DEFAULTS.BUCKET_NAME, description: 'The S3 bucket for files.' },
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
  { name: 'ACCESS_CACHE_TTL_SECONDS', default: '10', description: 'How long a tenant\'s status and access policies, a membership, and an API key record are cached per process (changes made in the same process apply at once).' },
  { name: 'CURSOR_SECRET', default: '(required)', description: 'Secret (at least 32 characters) that seals pagination cursors.' },
  { name: 'CORS_ORIGINS', default: '(none: CORS off)', description: 'Comma-separated allowed origins, or `*`.' },
  { name: 'CORS_ALLOW_HEADERS', default: CONFIG_DEFAULTS.CORS_ALLOW_HEADERS, description: 'Request headers allowed cross-origin.' },
  { name: 'CORS_EXPOSE_HEADERS', default: CONFIG_DEFAULTS.CORS_EXPOSE_HEADERS, description: 'Response headers readable cross-origin.' },
  { name: 'CORS_MAX_AGE_SECONDS', default: '600', description: 'Preflight cache lifetime.' },
  { name: 'CORS_CREDENTIALS', default: 'false', description: 'Send Access-Control-Allow-Credentials.' },
  { name: 'MAX_BODY_BYTES', default: '262144', description: 'Largest accepted request body; larger is 413.' },
  { name: 'IDEMPOTENCY_TTL_SECONDS', default: '86400', description: 'How long an Idempotency-Key is remembered (24 h).' },
  { name: 'IDEMPOTENCY_LOCK_SECONDS', default: '60', description: 'After this, an unfinished request no longer blocks its key (the first run crashed).' },
  { name: 'LOG_LEVEL', default: 'info', description: 'debug, info, warn, error or silent.' },
  { name: 'INVITATION_ACCEPT_URL', default: CONFIG_DEFAULTS.INVITATION_ACCEPT_URL, description: 'The link sent to an invited person; `{token}` is replaced by the invitation token (in the fragment by default, so that it stays out of server logs).' },
  { name: 'INVITATION_EXPIRY_DAYS', default: '7', description: 'How long an invitation stays valid when the request names no expiry.' },
  { name: 'FILES_MAX_SIZE_BYTES', default: '1073741824', description: 'Largest file accepted by POST /files (1 GiB; at most 5 GiB, the limit of one presigned PUT); larger is 413.' },
  { name: 'FILES_UPLOAD_URL_SECONDS', default: '300', description: 'How long a presigned upload URL is valid (at most 7 days).' },
  { name: 'FILES_DOWNLOAD_URL_SECONDS', default: '120', description: 'How long a presigned download URL is valid (at most 7 days).' },
  { name: 'PAYMENT_PROVIDER', default: '(stripe when STRIPE_SECRET_KEY is set)', description: '`stripe` or `local` (an in-process PSP for one machine and tests). With neither, payment routes that need a PSP answer 503.' },
  { name: 'STRIPE_SECRET_KEY', default: '(none)', description: 'Stripe secret API key (sk_live_… or sk_test_…).' },
  { name: 'STRIPE_WEBHOOK_SECRET', default: '(none)', description: 'Signing secret of the Stripe webhook endpoint (whsec_…), checked on POST /webhooks/stripe.' },
  { name: 'FLAG_CACHE_TTL_SECONDS', default: '30', description: 'How long flag definitions and a tenant\'s overrides are cached per process (changes made in the same process apply at once; 0 turns the cache off).' },
  { name: 'API_KEY_ROTATION_GRACE_SECONDS', default: '86400', description: 'How long the old key keeps working after a rotation, when the request names no grace period (at most 7 days).' },
  { name: 'PROBLEM_TYPE_BASE', default: CONFIG_DEFAULTS.PROBLEM_TYPE_BASE, description: 'Prefix of the problem+json `type` URI; the error code is appended.' },
];
