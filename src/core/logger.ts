/**
 * Structured JSON logs, one line per event. Secrets never reach a line: values under keys
 * that look like credentials are replaced before writing, whatever the caller passed.
 */
import type { LogLevel } from './config.js';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /authorization|token|secret|password|api[-_]?key|cookie|credential/i;
const REDACTED = '[redacted]';

/** Copies fields, replacing anything whose key names a credential. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  return out;
};

export type LogSink = (line: string) => void;

const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

export const createLogger = (level: LogLevel = 'info', sink: LogSink = stdoutSink, base: Record<string, unknown> = {}): Logger => {
  const threshold = RANK[level];
  const write = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void => {
    if (RANK[lvl] < threshold) return;
    const entry = { level: lvl, time: new Date().toISOString(), message, ...base, ...(fields === undefined ? {} : (redact(fields) as object)) };
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
};

export const silentLogger: Logger = createLogger('silent');
