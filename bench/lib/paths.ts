/** Where the benchmark reads and writes, resolved from this file so that the working directory does not matter. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Git-ignored: bundles, metafiles, the temporary token issuer and results.json live here. */
export const BENCH_DIR = join(REPO_ROOT, '.bench');
export const BUNDLE_DIR = join(BENCH_DIR, 'bundles');
export const RESULTS_FILE = join(BENCH_DIR, 'results.json');
/** Every domain's Lambda entry points live in src/domains/<domain>/handlers/. */
export const DOMAINS_DIR = join(REPO_ROOT, 'src', 'domains');
export const BARE_ENTRY = join(REPO_ROOT, 'bench', 'entries', 'bare-get.ts');
/** The baseline of handlers that bundle the S3 client: bare-get plus HeadObject and a presigned PUT. */
export const BARE_S3_ENTRY = join(REPO_ROOT, 'bench', 'entries', 'bare-get-s3.ts');
/** The baseline of handlers that bundle the stripe package: bare-get plus a payment intent created with it. */
export const BARE_STRIPE_ENTRY = join(REPO_ROOT, 'bench', 'entries', 'bare-get-stripe.ts');
