/**
 * `npm run token -- --tenant <id> --user <id> --roles <r1,r2> [--email <e>] [--ttl <seconds>]`
 * Prints one JWT signed by the local issuer on stdout, and nothing else. Leave out --tenant for a
 * person who belongs to no tenant yet.
 */
import { ID_PATTERN } from '../../core/ids.js';
import { LocalRuntimeError } from '../errors.js';
import { loadLocalIssuer } from '../issuer.js';
import { dataDir } from '../paths.js';
import { parseFlags } from './args.js';
import { fail } from './output.js';

const USAGE = 'Usage: npm run token -- --user <id> [--tenant <id>] [--roles r1,r2] [--email e] [--ttl seconds]';

const main = async (): Promise<void> => {
  let flags: Record<string, string | undefined>;
  try {
    flags = parseFlags(process.argv.slice(2), ['tenant', 'user', 'roles', 'email', 'ttl']);
  } catch (error) {
    throw new LocalRuntimeError((error as Error).message, USAGE);
  }
  const user = flags['user'];
  if (user === undefined || !ID_PATTERN.test(user)) throw new LocalRuntimeError('--user <id> is required (letters, digits, . _ : | @ -).', USAGE);
  const tenant = flags['tenant'];
  if (tenant !== undefined && !ID_PATTERN.test(tenant)) throw new LocalRuntimeError(`--tenant "${tenant}" is not a valid id.`, USAGE);
  const ttl = flags['ttl'] === undefined ? undefined : Number(flags['ttl']);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1)) throw new LocalRuntimeError('--ttl must be a positive number of seconds.', USAGE);
  const roles = (flags['roles'] ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  const issuer = await loadLocalIssuer(dataDir());
  const token = await issuer.sign({ userId: user, tenantId: tenant, roles, email: flags['email'], ttlSeconds: ttl });
  process.stdout.write(`${token}\n`);
};

main().catch(fail);
