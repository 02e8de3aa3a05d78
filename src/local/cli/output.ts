/** How the CLIs end: a clear message for known problems, never a stack trace. */
import { ConfigError } from '../../core/config.js';
import { LocalRuntimeError } from '../errors.js';

export const fail = (error: unknown): never => {
  if (error instanceof LocalRuntimeError || error instanceof ConfigError) {
    process.stderr.write(`\nError: ${error.message}\n${error instanceof LocalRuntimeError && error.hint !== undefined ? `${error.hint}\n` : ''}\n`);
  } else {
    process.stderr.write(`\nError: ${(error as Error).message ?? String(error)}\n\n`);
  }
  process.exit(1);
};

// The AWS SDK warns about Node 20 on every start; the runtime supports Node 20, so keep the console clean.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
