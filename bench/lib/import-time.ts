/**
 * Time to import a bundle in a fresh Node process: what a Lambda cold start pays for our code
 * on top of starting the runtime. Measured inside the child (from just before `import()` to its
 * resolution) so that Node's own start-up, identical for every bundle, does not dilute the ratio.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** The child's environment: like Lambda's, without this process's loaders, and without the SDK's Node 20 notice. */
const childEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  delete env['NODE_OPTIONS'];
  return env;
};

const runChild = (code: string): string => {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { env: childEnv(), encoding: 'utf8', timeout: 60_000 });
  if (child.error !== undefined) throw child.error;
  if (child.status !== 0) throw new Error(`child node exited with ${child.status ?? child.signal}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return child.stdout;
};

/** Milliseconds from `import()` to its resolution, in a new process. */
export const importTimeMs = (file: string): number => {
  const url = JSON.stringify(pathToFileURL(file).href);
  const out = runChild(`const t = performance.now(); await import(${url}); process.stdout.write(String(performance.now() - t));`);
  const ms = Number(out);
  if (!Number.isFinite(ms)) throw new Error(`unexpected output from the import timer: ${out.slice(0, 200)}`);
  return ms;
};

/** Imports a bundle once (untimed) and checks it exports a handler: proves the bundle runs, and warms the OS file cache. */
export const checkBundle = (file: string): void => {
  const url = JSON.stringify(pathToFileURL(file).href);
  runChild(`const m = await import(${url}); if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(3); }`);
};
