/**
 * Child process of the bundle benchmark: bundles one lineage exactly as the Lambda would (config
 * from the environment, the S3 client from config), while sampling its own resident memory.
 * Bundled with esbuild and run with plain `node`, so that no loader inflates the figure. Prints
 * one JSON line: the bundle's answer, the peak RSS seen while bundling, and the process's maxRSS.
 */
import { systemContext } from '../../src/core/context.js';
import { loadConfig } from '../../src/core/config.js';
import { createRuntime } from '../../src/core/runtime.js';
import { bundleService } from '../../src/domains/files/services/index.js';

/** Decimal megabytes, the unit of the target (150 MB); 1 MiB is 1.049 MB. */
const MB = 1_000_000;
const env = process.env;
const runtime = createRuntime({ config: loadConfig(env) });
const ctx = { ...systemContext({ tenantId: env['BENCH_TENANT_ID'] as string }), userId: 'bench' };

const rssBefore = process.memoryUsage.rss();
let peakRss = rssBefore;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 5);
const started = performance.now();
const result = await bundleService(runtime).bundle(ctx, env['BENCH_FILE_ID'] as string);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());

process.stdout.write(`${JSON.stringify({
  files: result.files,
  bytes: result.bytes,
  key: result.key,
  seconds,
  rssBeforeMb: rssBefore / MB,
  peakRssMb: peakRss / MB,
  // Linux reports kibibytes: the largest the process ever was, start-up included.
  maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
})}\n`);
process.exit(0);
