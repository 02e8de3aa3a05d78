/**
 * Lambda bundles as a deployment would build them with esbuild: one file, minified, ESM for
 * Node 20, everything bundled (the AWS SDK included) except Node's built-ins. The metafile is
 * kept beside each bundle so that `esbuild --analyze`-style questions (what takes the bytes?)
 * can be answered from the run, and is summarised per package here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { REPO_ROOT } from './paths.js';

/**
 * esbuild's defaults for platform node resolve the `main` field, i.e. the AWS SDK's CommonJS
 * build (this is what gives the ~550 KB bare bundle of the field notes). CommonJS code calls
 * `require` for built-ins, which an ES module does not have: the banner provides it, as every
 * ESM Lambda bundle of the SDK must.
 */
export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  absWorkingDir: REPO_ROOT,
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'error',
};

/**
 * The same bundle when packages' ES module builds are preferred (`mainFields: module, main`, as the
 * CDK's NodejsFunction does for ESM output). Reported for information: it is smaller for everyone.
 */
const ESM_FIRST: BuildOptions = { mainFields: ['module', 'main'] };

export interface Bundle {
  name: string;
  entry: string;
  file: string;
  bytes: number;
  /** Size with ES module builds of packages preferred (informational). */
  esmFirstBytes: number;
  metafile: Metafile;
}

const outputBytes = (metafile: Metafile): number => Object.values(metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);

export const buildBundle = async (name: string, entry: string, outDir: string): Promise<Bundle> => {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.mjs`);
  const [main, esmFirst] = await Promise.all([
    build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outfile: file }),
    build({ ...BUNDLE_OPTIONS, ...ESM_FIRST, entryPoints: [entry], outfile: file, write: false }),
  ]);
  const metafile = main.metafile as Metafile;
  writeFileSync(join(outDir, `${name}.meta.json`), JSON.stringify(metafile));
  return { name, entry, file, bytes: outputBytes(metafile), esmFirstBytes: outputBytes(esmFirst.metafile as Metafile), metafile };
};

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; `src/core/http/app.ts` → `src/core/http`. */
const groupOf = (input: string): string => {
  const at = input.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = input.slice(at + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') === true ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? input);
  }
  const parts = input.split('/');
  return parts.slice(0, Math.min(parts.length - 1, 3)).join('/') || input;
};

/** Bytes each package (or source folder) contributes to the bundle after minification. */
export const bytesByGroup = (metafile: Metafile): Map<string, number> => {
  const groups = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const group = groupOf(input);
      groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
    }
  }
  return groups;
};

/** Where a bundle's extra bytes over the bare bundle come from, biggest first. */
export const extraBytesByGroup = (bundle: Metafile, bare: Metafile, top: number): Array<{ group: string; bytes: number }> => {
  const mine = bytesByGroup(bundle);
  const theirs = bytesByGroup(bare);
  const groups = new Set([...mine.keys(), ...theirs.keys()]);
  return [...groups]
    .map((group) => ({ group, bytes: (mine.get(group) ?? 0) - (theirs.get(group) ?? 0) }))
    .filter((g) => g.bytes !== 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
};
