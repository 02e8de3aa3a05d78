/**
 * `npm run seed`: creates the demo tenant with an admin and a member and prints their tokens.
 * Uses the running local API when there is one; otherwise starts the stack just for the seed.
 */
import { fail } from './output.js';
import { loadLocalIssuer } from '../issuer.js';
import { dataDir } from '../paths.js';
import { seedDemo } from '../seed.js';
import { startLocalStack, stackOptionsFromEnv, type LocalStack } from '../stack.js';

const reachable = async (url: string): Promise<boolean> => {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
};

const main = async (): Promise<void> => {
  const dir = dataDir();
  const options = stackOptionsFromEnv(process.env, dir);
  let url = `http://localhost:${options.port}`;
  let stack: LocalStack | undefined;
  if (!(await reachable(url))) {
    process.stderr.write('The local API is not running; starting it for the seed...\n');
    stack = await startLocalStack(options);
    url = stack.url;
  }
  try {
    const result = await seedDemo(url, await loadLocalIssuer(dir));
    process.stdout.write(`Demo tenant ${result.created ? 'created' : 'already there'}: ${result.tenantId} (slug demo)

Admin  (demo-admin, tenant_admin):
${result.adminToken}

Member (demo-member, member):
${result.memberToken}
`);
  } finally {
    await stack?.stop();
  }
};

main().catch(fail);
