/**
 * Target 2, cold start: for every Lambda entry point of every domain, the bundle size over its
 * baseline, and the time a fresh Node process takes to import it against that baseline. The
 * baseline is a bundle of one bare GetCommand; for a handler that bundles the S3 client (found in
 * its metafile, not listed by hand) it is that plus an S3 HeadObject and a presigned PUT
 * (entries/bare-get-s3.ts): the S3 SDK is the cost of talking to S3, as the DynamoDB SDK is of
 * talking to DynamoDB. Imports alternate with the baseline (and the order is shuffled each round),
 * so a slow moment of the machine falls on both sides of a comparison.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundle, bytesByGroup, extraBytesByGroup, type Bundle } from './lib/bundles.js';
import { checkBundle, importTimeMs } from './lib/import-time.js';
import { BARE_ENTRY, BARE_S3_ENTRY, BARE_STRIPE_ENTRY, BUNDLE_DIR, DOMAINS_DIR } from './lib/paths.js';
import { median, round, shuffle, summarize, type Summary } from './lib/stats.js';

/** Decimal kilobytes, the unit of the contract (the bare bundle is "about 550 KB" = ~547,000 bytes). */
export const SIZE_LIMIT_BYTES = 150_000;
export const IMPORT_RATIO_LIMIT = 1.3;

export type BaselineName = 'bare' | 'bare-s3' | 'bare-stripe';

/**
 * Each baseline and the package that sends a handler to it (found in the handler's metafile).
 * The first that matches wins; a handler with neither is compared with the bare GetCommand.
 */
const BASELINES: ReadonlyArray<{ name: BaselineName; entry: string; marker?: string }> = [
  { name: 'bare-stripe', entry: BARE_STRIPE_ENTRY, marker: 'stripe' },
  { name: 'bare-s3', entry: BARE_S3_ENTRY, marker: '@aws-sdk/client-s3' },
  { name: 'bare', entry: BARE_ENTRY },
];

export interface Baseline {
  bytes: number;
  esmFirstBytes: number;
  importMs: Summary;
}

export interface HandlerColdStart {
  name: string;
  /** What it is compared with: bare GetCommand, or that plus the S3 client (handlers that bundle it). */
  baseline: BaselineName;
  bytes: number;
  deltaBytes: number;
  /** A whole-domain handler: reported, but the 150 KB target is for one-route handlers. */
  wholeDomain: boolean;
  esmFirstBytes: number;
  esmFirstDeltaBytes: number;
  importMs: Summary;
  /** median(import of this bundle) / median(import of its baseline): the contract figure. */
  importRatio: number;
  /** Median of the ratios of adjacent (paired) runs: a cross-check against drift. */
  medianPairRatio: number;
  /** Packages and source folders that add the most bytes over the bare bundle. */
  extraBytes: Array<{ group: string; bytes: number }>;
}

export interface ColdStartResult {
  rounds: number;
  baselines: Record<BaselineName, Baseline>;
  handlers: HandlerColdStart[];
}

const summaryMs = (samples: number[]): Summary => {
  const s = summarize(samples);
  return { n: s.n, median: round(s.median, 2), p90: round(s.p90, 2), min: round(s.min, 2) };
};

export const measureColdStart = async (options: { rounds: number }): Promise<ColdStartResult> => {
  // Start from nothing, so a bundle of a removed handler never lingers in the results.
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  // Every handler of every domain, named `<domain>.<handler>`.
  const entries = readdirSync(DOMAINS_DIR)
    .filter((domain) => existsSync(join(DOMAINS_DIR, domain, 'handlers')))
    .flatMap((domain) =>
      readdirSync(join(DOMAINS_DIR, domain, 'handlers'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
        .map((f) => ({ name: `${domain}.${f.slice(0, -'.ts'.length)}`, file: join(DOMAINS_DIR, domain, 'handlers', f) })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const built = await Promise.all(BASELINES.map(async (b) => [b.name, await buildBundle(b.name === 'bare' ? 'bare-get' : `bare-get${b.name.slice('bare'.length)}`, b.entry, BUNDLE_DIR)] as const));
  const baselines = Object.fromEntries(built) as Record<BaselineName, Bundle>;
  const handlers: Bundle[] = await Promise.all(entries.map((entry) => buildBundle(entry.name, entry.file, BUNDLE_DIR)));
  for (const bundle of [...Object.values(baselines), ...handlers]) checkBundle(bundle.file);
  const baselineOf = (h: Bundle): BaselineName => {
    const groups = bytesByGroup(h.metafile);
    return BASELINES.find((b) => b.marker === undefined || (groups.get(b.marker) ?? 0) > 0)?.name ?? 'bare';
  };

  const baselineMs: Record<BaselineName, number[]> = { bare: [], 'bare-s3': [], 'bare-stripe': [] };
  const samples = new Map<string, number[]>(handlers.map((h) => [h.name, []]));
  const pairRatios = new Map<string, number[]>(handlers.map((h) => [h.name, []]));
  for (let pass = 0; pass < options.rounds; pass++) {
    shuffle([...handlers]).forEach((bundle, i) => {
      const name = baselineOf(bundle);
      const base = baselines[name];
      // Who goes first alternates: the second of two imports may find the machine in a different state.
      const baseFirst = (pass + i) % 2 === 0;
      const first = importTimeMs(baseFirst ? base.file : bundle.file);
      const second = importTimeMs(baseFirst ? bundle.file : base.file);
      const [b, h] = baseFirst ? [first, second] : [second, first];
      baselineMs[name].push(b);
      samples.get(bundle.name)?.push(h);
      pairRatios.get(bundle.name)?.push(h / b);
    });
  }

  const baselineResult = (b: Bundle, ms: number[]): Baseline => ({ bytes: b.bytes, esmFirstBytes: b.esmFirstBytes, importMs: summaryMs(ms) });
  return {
    rounds: options.rounds,
    baselines: Object.fromEntries(BASELINES.map((b) => [b.name, baselineResult(baselines[b.name], baselineMs[b.name])])) as Record<BaselineName, Baseline>,
    handlers: handlers.map((h) => {
      const ms = samples.get(h.name) ?? [];
      const name = baselineOf(h);
      const base = baselines[name];
      return {
        name: h.name,
        baseline: name,
        // `<domain>.<domain>`: the whole domain in one function; its size grows with the domain.
        wholeDomain: h.name.split('.')[0] === h.name.split('.')[1],
        bytes: h.bytes,
        deltaBytes: h.bytes - base.bytes,
        esmFirstBytes: h.esmFirstBytes,
        esmFirstDeltaBytes: h.esmFirstBytes - base.esmFirstBytes,
        importMs: summaryMs(ms),
        importRatio: round(median(ms) / median(baselineMs[name])),
        medianPairRatio: round(median(pairRatios.get(h.name) ?? [])),
        extraBytes: extraBytesByGroup(h.metafile, base.metafile, 10),
      };
    }),
  };
};
