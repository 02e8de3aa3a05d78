/**
 * `npm run bench`: the performance contract of the SDK, measured side by side in one run.
 *
 *   npm run bench                      all sections
 *   npm run bench -- cold-start        only some: cold-start, overhead, requests, flags, bundle
 *   npm run bench -- --quick           fewer iterations (a smoke test of the benchmark itself)
 *
 * Prints tables to stdout (progress goes to stderr) and writes every figure to .bench/results.json.
 * A missed target is a MISS in the output, not a failed exit: the run measured what it should. The
 * exit code is 1 only when a section could not measure at all (e.g. DynamoDB Local did not start).
 */
import { cpus, loadavg } from 'node:os';
import { measureColdStart, IMPORT_RATIO_LIMIT, SIZE_LIMIT_BYTES, type ColdStartResult } from './cold-start.js';
import { startFixture, type Fixture } from './lib/fixture.js';
import { RESULTS_FILE } from './lib/paths.js';
import { printColdStart, printOverhead, printRequests } from './lib/tables.js';
import { printTable, printTargets, target, writeJson, type Target } from './lib/report.js';
import { measureOverhead, OVERHEAD_LIMIT, type OverheadResult } from './overhead.js';
import { countRequests, REQUESTS_LIMIT, type RequestCount } from './requests.js';
import { COLD_REQUESTS_LIMIT, WARM_REQUESTS_LIMIT, measureFlags, type FlagsResult } from './flags.js';
import { BUNDLE_RSS_LIMIT_MB, measureBundleMemory, type BundleMemoryResult } from './bundle-memory.js';

// The AWS SDK's notice that Node 20 support ends is noise in a benchmark's output (Lambda runs Node 22).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const SECTIONS = ['cold-start', 'overhead', 'requests', 'flags', 'bundle'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    process.stderr.write(`Unknown section "${name}"; choose from ${SECTIONS.join(', ')}.\n`);
    process.exit(2);
  }
}
const wants = (section: Section): boolean => chosen.length === 0 || chosen.includes(section);

// Sized so the full run takes about two minutes on a 2-core machine; the medians are stable well before that.
const SIZES = quick
  ? { overheadIterations: 300, overheadWarmup: 50, coldStartRounds: 3, flagEvaluations: 20_000, bundleMib: [20, 40] }
  : { overheadIterations: 3000, overheadWarmup: 300, coldStartRounds: 12, flagEvaluations: 200_000, bundleMib: [20, 200] };

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

const targets: Target[] = [];
const failures: Array<{ section: Section; error: string }> = [];
const results: { coldStart?: ColdStartResult; overhead?: OverheadResult; requests?: RequestCount[]; flags?: FlagsResult; bundle?: BundleMemoryResult[] } = {};
let fixture: Fixture | undefined;

const runSection = async (section: Section, body: () => Promise<void>): Promise<void> => {
  if (!wants(section)) return;
  const started = performance.now();
  log(`${section}: running`);
  try {
    await body();
    log(`${section}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ section, error: message });
    log(`${section}: FAILED\n${message}`);
  }
};

const stopFixture = async (): Promise<void> => {
  const current = fixture;
  fixture = undefined;
  await current?.stop();
};

// Ctrl-C or a CI timeout: DynamoDB Local's JVM must not outlive us.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopFixture().finally(() => process.exit(130));
  });
}

const startedAt = new Date();
const loadStart = loadavg();

// Cold start first, before the JVM of DynamoDB Local is there to compete for the two cores.
await runSection('cold-start', async () => {
  const cold = await measureColdStart({ rounds: SIZES.coldStartRounds });
  results.coldStart = cold;
  for (const h of cold.handlers) {
    // The size target is for a route handler; a whole-domain handler is reported in the table only.
    if (!h.wholeDomain) targets.push(target('cold start', h.name, `size over ${h.baseline}`, Math.round(h.deltaBytes / 100) / 10, SIZE_LIMIT_BYTES / 1000, ' KB'));
    targets.push(target('cold start', h.name, `import time / ${h.baseline}`, h.importRatio, IMPORT_RATIO_LIMIT, 'x'));
  }
});

const FIXTURE_SECTIONS = ['overhead', 'requests', 'flags', 'bundle'] as const;
if (FIXTURE_SECTIONS.some(wants)) {
  try {
    log('starting DynamoDB Local and seeding a tenant');
    fixture = await startFixture();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const section of FIXTURE_SECTIONS) if (wants(section)) failures.push({ section, error: message });
    log(`DynamoDB Local could not be started: ${message}`);
  }
}

try {
  if (fixture !== undefined) {
    const world = fixture;
    await runSection('overhead', async () => {
      const overhead = await measureOverhead(world, { iterations: SIZES.overheadIterations, warmup: SIZES.overheadWarmup });
      results.overhead = overhead;
      targets.push(target('overhead', 'GET /users/{id}', 'handler / bare GetCommand (medians)', overhead.ratioOfMedians, OVERHEAD_LIMIT, 'x'));
    });
    await runSection('requests', async () => {
      const counts = await countRequests(world);
      results.requests = counts;
      for (const c of counts) {
        // A failed operation has no meaningful count: NaN, which is always a MISS.
        targets.push(target('requests', c.operation, 'DynamoDB requests', c.status === c.expectedStatus ? c.requests : Number.NaN, REQUESTS_LIMIT, ''));
      }
    });
    await runSection('flags', async () => {
      const flags = await measureFlags(world, { evaluations: SIZES.flagEvaluations });
      results.flags = flags;
      targets.push(target('flags', 'cold evaluation', 'DynamoDB requests', flags.coldRequests, COLD_REQUESTS_LIMIT, ''));
      targets.push(target('flags', `${flags.warmEvaluations} warm evaluations`, 'DynamoDB requests', flags.warmRequests, WARM_REQUESTS_LIMIT, ''));
    });
    await runSection('bundle', async () => {
      // A small bundle beside the large one: memory that stays flat while the size grows tenfold is streaming.
      results.bundle = [];
      for (const totalMib of SIZES.bundleMib) {
        const bundle = await measureBundleMemory(world, { totalMib });
        results.bundle.push(bundle);
        targets.push(target('bundle', `lineage bundle of ${totalMib} MiB`, 'process maxRSS', Math.round(bundle.maxRssMb * 10) / 10, BUNDLE_RSS_LIMIT_MB, ' MB'));
      }
    });
  }
} finally {
  await stopFixture();
}

if (results.coldStart !== undefined) printColdStart(results.coldStart, { sizeLimitBytes: SIZE_LIMIT_BYTES, importRatioLimit: IMPORT_RATIO_LIMIT });
if (results.overhead !== undefined) printOverhead(results.overhead, OVERHEAD_LIMIT);
if (results.requests !== undefined) printRequests(results.requests, REQUESTS_LIMIT);
if (results.flags !== undefined) {
  const f = results.flags;
  printTable(`Feature flags: ${f.flags} flags (rules, rollout, plain and no overrides), 1,000 users`, ['measure', 'value'], [
    ['evaluations per second (warm cache, one flag each)', f.evaluationsPerSecond],
    ['GET /flags/evaluate work per call (all flags, warm), µs', f.evaluateAllMicros],
    ['DynamoDB requests, cold evaluation', `${f.coldRequests} (${f.coldCalls.join(', ')})`],
    [`DynamoDB requests, ${f.warmEvaluations} warm evaluations`, f.warmRequests],
  ]);
}
if (results.bundle !== undefined) {
  const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
  printTable('Lineage bundle: original, main and 3 derived files zipped into S3 by one node process (the Lambda bundle); MB = 10^6 bytes', ['members, MiB', 'zip, MiB', 'seconds', 'RSS before, MB', 'peak RSS (5 ms samples), MB', 'maxRSS, MB'],
    results.bundle.map((b) => [mib(b.memberBytes), mib(b.zipBytes), b.seconds.toFixed(1), b.rssBeforeMb.toFixed(1), b.peakRssMb.toFixed(1), b.maxRssMb.toFixed(1)]));
}
for (const f of failures) targets.push(target(f.section, '(section failed)', 'see error', Number.NaN, 0, ''));
printTargets(targets);

const cpu = cpus();
writeJson(RESULTS_FILE, {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  options: { quick, sections: chosen.length === 0 ? [...SECTIONS] : chosen, ...SIZES },
  machine: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', loadavgStart: loadStart, loadavgEnd: loadavg() },
  limits: { overheadRatio: OVERHEAD_LIMIT, sizeOverBareBytes: SIZE_LIMIT_BYTES, importRatio: IMPORT_RATIO_LIMIT, requestsPerOperation: REQUESTS_LIMIT, flagColdRequests: COLD_REQUESTS_LIMIT, flagWarmRequests: WARM_REQUESTS_LIMIT, bundleMaxRssMb: BUNDLE_RSS_LIMIT_MB },
  results,
  targets,
  summary: { targets: targets.length, passed: targets.filter((t) => t.pass).length, missed: targets.filter((t) => !t.pass).length },
  failures,
});
process.stdout.write(`\nFigures written to ${RESULTS_FILE}\n`);
process.exit(failures.length > 0 ? 1 : 0);
