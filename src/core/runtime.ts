/**
 * The runtime: everything a request needs that outlives the request (config, store, clock,
 * logger, token verifier, access directory, idempotency, domain services). One per process in
 * Lambda (built lazily from the environment on first use); tests and the local server build
 * their own with explicit options.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccessDirectory, type AccessDirectory } from './access/directory.js';
import { apiKeyAuthenticator } from './auth/api-key-auth.js';
import { createTokenVerifier, type TokenVerifier } from './auth/jwt.js';
import { createInMemoryEventBus, type EventBus } from './events.js';
import type { Identity } from './auth/identity.js';
import { systemClock, type Clock } from './clock.js';
import { loadConfig, type SdkConfig } from './config.js';
import { createIdempotency, type Idempotency } from './http/idempotency.js';
import { createLogger, type Logger } from './logger.js';
import { createDocumentClient, dynamoOptionsFromConfig } from './store/client.js';
import { Store } from './store/store.js';
import type { WriteHook } from './store/write-ops.js';

/** Authenticates a credential other than a bearer token (the auth domain registers API keys here). */
export interface CredentialAuthenticator {
  /** Request header that carries the credential, e.g. `x-api-key`. */
  header: string;
  authenticate(value: string, runtime: Runtime): Promise<Identity>;
}

export interface Runtime {
  readonly config: SdkConfig;
  readonly client: DynamoDBDocumentClient;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tokens: TokenVerifier;
  readonly access: AccessDirectory;
  readonly idempotency: Idempotency;
  readonly authenticators: CredentialAuthenticator[];
  readonly events: EventBus;
  /** A per-runtime singleton, made on first use (domain services register themselves this way). */
  service<T>(key: string, factory: (runtime: Runtime) => T): T;
  /** Puts a value in place of a service (an adapter swapped for another, e.g. a DNS resolver in tests). */
  provide<T>(key: string, value: T): void;
}

export interface RuntimeOptions {
  config: SdkConfig;
  client?: DynamoDBDocumentClient;
  clock?: Clock;
  logger?: Logger;
  hooks?: WriteHook[];
  /** Credential headers besides the bearer token; defaults to API keys (`x-api-key`). */
  authenticators?: CredentialAuthenticator[];
  events?: EventBus;
}

export const createRuntime = (options: RuntimeOptions): Runtime => {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const client = options.client ?? createDocumentClient(dynamoOptionsFromConfig(config));
  const store = new Store({ client, tableName: config.tableName, cursorSecret: config.cursorSecret, clock, hooks: options.hooks ?? [] });
  const services = new Map<string, unknown>();
  const logger = options.logger ?? createLogger(config.logLevel);
  const runtime: Runtime = {
    config,
    client,
    store,
    clock,
    logger,
    tokens: createTokenVerifier(config.auth, () => clock.now().getTime()),
    access: createAccessDirectory(store, clock, config.auth.accessCacheTtlSeconds),
    idempotency: createIdempotency(store, clock, config.idempotency),
    authenticators: [...(options.authenticators ?? [apiKeyAuthenticator])],
    events: options.events ?? createInMemoryEventBus(logger),
    service<T>(key: string, factory: (rt: Runtime) => T): T {
      if (!services.has(key)) services.set(key, factory(runtime));
      return services.get(key) as T;
    },
    provide<T>(key: string, value: T): void {
      services.set(key, value);
    },
  };
  return runtime;
};

let defaultRuntime: Runtime | undefined;

/** The process-wide runtime built from environment variables (what a deployed Lambda uses). */
export const getDefaultRuntime = (): Runtime => {
  defaultRuntime ??= createRuntime({ config: loadConfig() });
  return defaultRuntime;
};
