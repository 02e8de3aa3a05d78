/**
 * Output: plain-text tables on stdout for a person, and one JSON file for machines (CI trend
 * lines, comparisons between runs). Every target is judged here, in one place, as PASS or MISS.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Target {
  /** Which contract item: overhead, cold-start size, cold-start import, requests. */
  section: string;
  subject: string;
  metric: string;
  value: number;
  /** The target is met when value <= limit. */
  limit: number;
  unit: string;
  pass: boolean;
}

export const target = (section: string, subject: string, metric: string, value: number, limit: number, unit: string): Target => ({
  section,
  subject,
  metric,
  value,
  limit,
  unit,
  // NaN (a measurement that failed) is never a pass.
  pass: Number.isFinite(value) && value <= limit,
});

export type Cell = string | number;

const FIGURE = /^[+-]?(?:\d|NaN)[\d.,]*(?:\s?[A-Za-z%]{1,3})?$/;

/** Left-aligns text, right-aligns numbers, so columns of figures line up by their last digit. */
export const printTable = (title: string, header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): void => {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  // A column is numeric when every non-empty cell reads as a figure (e.g. 12, +3.4, 1.250, 141.4 KB, 1.1x).
  const numeric = header.map((_, i) => text.some((row) => (row[i] ?? '') !== '') && text.every((row) => (row[i] ?? '') === '' || FIGURE.test(row[i] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const out = [``, title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)];
  process.stdout.write(`${out.join('\n')}\n`);
};

export const printTargets = (targets: readonly Target[]): void => {
  printTable(
    'Targets',
    ['result', 'section', 'subject', 'metric', 'value', 'limit'],
    targets.map((t) => [t.pass ? 'PASS' : 'MISS', t.section, t.subject, t.metric, `${t.value}${t.unit}`, `<= ${t.limit}${t.unit}`]),
  );
  const missed = targets.filter((t) => !t.pass).length;
  process.stdout.write(`\n${targets.length - missed} of ${targets.length} targets met${missed > 0 ? `, ${missed} missed` : ''}.\n`);
};

export const writeJson = (path: string, data: unknown): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
};
