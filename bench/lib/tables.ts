/** The human-readable view of each section's figures (the JSON file holds the same and more). */
import type { ColdStartResult } from '../cold-start.js';
import type { OverheadResult } from '../overhead.js';
import type { RequestCount } from '../requests.js';
import { printTable } from './report.js';

const kb = (bytes: number): string => (bytes / 1000).toFixed(1);
const signedKb = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${kb(bytes)}`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

export const printColdStart = (cold: ColdStartResult, limits: { sizeLimitBytes: number; importRatioLimit: number }): void => {
  const baselineRow = (label: string, b: ColdStartResult['baselines']['bare']) => [label, kb(b.bytes), '', '', '', b.importMs.median.toFixed(2), b.importMs.p90.toFixed(2), '1.000', '', '', ''];
  printTable(
    `Cold start: esbuild bundles (minified ESM, node20, AWS SDK bundled), import in a fresh node, ${cold.rounds} alternating rounds. KB = 1000 bytes.`,
    ['bundle', 'KB', 'vs', 'Δ KB', 'Δ esm-first KB', 'import ms', 'p90 ms', 'ratio', 'pair ratio', 'size', 'import'],
    [
      baselineRow('bare GetCommand', cold.baselines.bare),
      baselineRow('bare GetCommand + S3 presign', cold.baselines['bare-s3']),
      baselineRow('bare GetCommand + Stripe intent', cold.baselines['bare-stripe']),
      ...cold.handlers.map((h) => [
        h.name,
        kb(h.bytes),
        h.baseline,
        signedKb(h.deltaBytes),
        signedKb(h.esmFirstDeltaBytes),
        h.importMs.median.toFixed(2),
        h.importMs.p90.toFixed(2),
        h.importRatio.toFixed(3),
        h.medianPairRatio.toFixed(3),
        h.wholeDomain ? 'info' : verdict(h.deltaBytes <= limits.sizeLimitBytes),
        verdict(h.importRatio <= limits.importRatioLimit),
      ]),
    ],
  );
  process.stdout.write(`Targets: Δ over its baseline ("vs") <= ${kb(limits.sizeLimitBytes)} KB for a route handler (a whole-domain handler, <domain>.<domain>, is "info"), import ratio <= ${limits.importRatioLimit}. ` +
    `A handler that bundles the S3 client is compared with bare-s3 (bare GetCommand + S3 HeadObject + presigned PUT), one that bundles the stripe package with bare-stripe (bare GetCommand + a Stripe payment intent). ` +
    `"esm-first" = the same bundles built with mainFields module,main (information only; bare: ${kb(cold.baselines.bare.esmFirstBytes)} KB, bare-s3: ${kb(cold.baselines['bare-s3'].esmFirstBytes)} KB, bare-stripe: ${kb(cold.baselines['bare-stripe'].esmFirstBytes)} KB).\n`);
  for (const name of ['tenancy.get-user', 'files.create-file', 'payments.create-refund']) {
    const sample = cold.handlers.find((h) => h.name === name);
    if (sample === undefined) continue;
    printTable(
      `Where the ${sample.name} bundle's extra bytes come from (vs ${sample.baseline}, minified bytes per package or source folder)`,
      ['package / folder', 'Δ KB'],
      sample.extraBytes.map((g) => [g.group, signedKb(g.bytes)]),
    );
  }
};

export const printOverhead = (o: OverheadResult, limit: number): void => {
  printTable(
    `Overhead: GET /users/{id} through the Lambda handler vs a bare GetCommand of the same item (DynamoDB Local), ${o.iterations} interleaved pairs after ${o.warmup} warm-up pairs`,
    ['path', 'median ms', 'p90 ms', 'min ms'],
    [
      ['Lambda handler (API Gateway v2 event, Bearer JWT)', o.handlerMs.median.toFixed(3), o.handlerMs.p90.toFixed(3), o.handlerMs.min.toFixed(3)],
      ['bare GetCommand (DocumentClient)', o.bareMs.median.toFixed(3), o.bareMs.p90.toFixed(3), o.bareMs.min.toFixed(3)],
    ],
  );
  process.stdout.write(
    `Ratio of medians ${o.ratioOfMedians.toFixed(3)} (target <= ${limit}): ${verdict(o.ratioOfMedians <= limit)}. ` +
      `Median of paired ratios ${o.medianPairRatio.toFixed(3)}; the handler adds ${o.addedMsMedian.toFixed(3)} ms per call (median of paired differences).\n`,
  );
};

export const printRequests = (counts: readonly RequestCount[], limit: number): void => {
  printTable(
    'DynamoDB requests per operation (warm token and access caches; counted by a client middleware)',
    ['operation', 'status', 'requests', 'calls', 'result'],
    counts.map((c) => [c.operation, c.status, c.requests, c.calls.join(', ') || '(none)', verdict(c.status === c.expectedStatus && c.requests <= limit)]),
  );
};
