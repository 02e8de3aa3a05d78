/**
 * Target 2, cold start: for every tenancy Lambda entry point, the bundle size over a bundle of
 * one bare GetCommand, and the time a fresh Node process takes to import it against the bare
 * bundle. Imports alternate with the bare one (and the order is shuffled each round), so a slow
 * moment of the machine falls on both sides of a comparison.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundle, extraBytesByGroup, type Bundle } from './lib/bundles.js';
import { checkBundle, importTimeMs } from './lib/import-time.js';
import { BARE_ENTRY, BUNDLE_DIR, DOMAINS_DIR } from './lib/paths.js';
import { median, round, shuffle, summarize, type Summary } from './lib/stats.js';

/** Decimal kilobytes, the unit of the contract (the bare bundle is "about 550 KB" = ~547,000 bytes). */
export const SIZE_LIMIT_BYTES = 150_000;
export const IMPORT_RATIO_LIMIT = 1.3;

export interface HandlerColdStart {
  name: string;
  bytes: number;
  deltaBytes: number;
  /** A whole-domain handler: reported, but the 150 KB target is for one-route handlers. */
  wholeDomain: boolean;
  esmFirstBytes: number;
  esmFirstDeltaBytes: number;
  importMs: Summary;
  /** median(import of this bundle) / median(import of the bare bundle): the contract figure. */
  importRatio: number;
  /** Median of the ratios of adjacent (paired) runs: a cross-check against drift. */
  medianPairRatio: number;
  /** Packages and source folders that add the most bytes over the bare bundle. */
  extraBytes: Array<{ group: string; bytes: number }>;
}

export interface ColdStartResult {
  rounds: number;
  bare: { bytes: number; esmFirstBytes: number; importMs: Summary };
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
  const bare = await buildBundle('bare-get', BARE_ENTRY, BUNDLE_DIR);
  const handlers: Bundle[] = await Promise.all(entries.map((entry) => buildBundle(entry.name, entry.file, BUNDLE_DIR)));
  for (const bundle of [bare, ...handlers]) checkBundle(bundle.file);

  const bareMs: number[] = [];
  const samples = new Map<string, number[]>(handlers.map((h) => [h.name, []]));
  const pairRatios = new Map<string, number[]>(handlers.map((h) => [h.name, []]));
  for (let pass = 0; pass < options.rounds; pass++) {
    shuffle([...handlers]).forEach((bundle, i) => {
      // Who goes first alternates: the second of two imports may find the machine in a different state.
      const bareFirst = (pass + i) % 2 === 0;
      const first = importTimeMs(bareFirst ? bare.file : bundle.file);
      const second = importTimeMs(bareFirst ? bundle.file : bare.file);
      const [b, h] = bareFirst ? [first, second] : [second, first];
      bareMs.push(b);
      samples.get(bundle.name)?.push(h);
      pairRatios.get(bundle.name)?.push(h / b);
    });
  }

  const bareMedian = median(bareMs);
  return {
    rounds: options.rounds,
    bare: { bytes: bare.bytes, esmFirstBytes: bare.esmFirstBytes, importMs: summaryMs(bareMs) },
    handlers: handlers.map((h) => {
      const ms = samples.get(h.name) ?? [];
      return {
        name: h.name,
        // `<domain>.<domain>`: the whole domain in one function; its size grows with the domain.
        wholeDomain: h.name.split('.')[0] === h.name.split('.')[1],
        bytes: h.bytes,
        deltaBytes: h.bytes - bare.bytes,
        esmFirstBytes: h.esmFirstBytes,
        esmFirstDeltaBytes: h.esmFirstBytes - bare.esmFirstBytes,
        importMs: summaryMs(ms),
        importRatio: round(median(ms) / bareMedian),
        medianPairRatio: round(median(pairRatios.get(h.name) ?? [])),
        extraBytes: extraBytesByGroup(h.metafile, bare.metafile, 10),
      };
    }),
  };
};
