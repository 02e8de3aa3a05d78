/** Minimal `--name value` parsing for the local CLIs (node:util parseArgs underneath). */
import { parseArgs } from 'node:util';

export const parseFlags = (argv: string[], names: string[]): Record<string, string | undefined> => {
  const { values } = parseArgs({ args: argv, options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])), strict: true, allowPositionals: false });
  return values as Record<string, string | undefined>;
};
