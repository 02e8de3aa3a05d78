/** `npm start`: the whole API on one machine. Ctrl-C stops everything it started. */
import { fail } from './output.js';
import { dataDir } from '../paths.js';
import { startLocalStack, stackOptionsFromEnv } from '../stack.js';

const main = async (): Promise<void> => {
  const dir = dataDir();
  process.stdout.write('Starting DynamoDB Local, the S3-compatible server and the API...\n');
  const stack = await startLocalStack(stackOptionsFromEnv(process.env, dir));
  const token = await stack.issuer.sign({ userId: 'platform-admin', roles: ['platform_admin'], email: 'admin@localhost' });
  process.stdout.write(`
Geek Cafe SaaS API is running.

  API             ${stack.url}
  API reference   ${stack.url}/docs
  OpenAPI         ${stack.url}/openapi.json
  Health          ${stack.url}/health
  DynamoDB Local  ${stack.dynamodbEndpoint}  (table ${stack.runtime.config.tableName})
  S3 (local)      ${stack.s3Endpoint}  (bucket ${stack.runtime.config.bucketName})
  Data            ${dir}  (kept across restarts)

Platform-admin token (valid 12 h):

${token}

Try:
  export TOKEN=${token.slice(0, 16)}...   # the whole token above
  curl -s -X POST ${stack.url}/tenants -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
       -d '{"name":"Acme","slug":"acme"}'

More tokens: npm run token -- --tenant <id> --user <id> --roles tenant_admin
Press Ctrl-C to stop.
`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping...\n`);
    stack.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

main().catch(fail);
