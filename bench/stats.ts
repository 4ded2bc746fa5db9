import { must } from './must';

/** Median, min and max of a sample (the median of an even count is the mean of the middle two). */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (i: number) => must(sorted[i], `sample ${i} of ${sorted.length}`);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return { median, min: at(0), max: at(sorted.length - 1), n: sorted.length };
}

/** Latency percentiles, nearest-rank. */
export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
  min: number;
  n: number;
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (i: number) => must(sorted[i], `sample ${i} of ${sorted.length}`);
  const rank = (q: number) => at(Math.max(0, Math.ceil(q * sorted.length) - 1));
  return { p50: rank(0.5), p99: rank(0.99), max: at(sorted.length - 1), min: at(0), n: sorted.length };
}

/** A table rendered twice: padded plain text for the terminal, Markdown for BENCHMARKS.md. */
export interface Table {
  title: string;
  head: string[];
  rows: string[][];
  /** Columns after the first are right-aligned unless listed here. */
  leftColumns?: number[];
  note?: string;
}

export function renderText(table: Table): string {
  const widths = table.head.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const left = (i: number) => i === 0 || table.leftColumns?.includes(i);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [table.title, line(table.head), rule, ...table.rows.map(line)];
  if (table.note) out.push(table.note);
  return out.join('\n');
}

export function renderMarkdown(table: Table): string {
  const left = (i: number) => i === 0 || table.leftColumns?.includes(i);
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const out = [
    `### ${table.title}`,
    '',
    `| ${table.head.map(esc).join(' | ')} |`,
    `| ${table.head.map((_, i) => (left(i) ? '---' : '---:')).join(' | ')} |`,
    ...table.rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
  if (table.note) out.push('', table.note);
  return out.join('\n');
}

export const ms = (v: number, digits = 2) => v.toFixed(digits);
export const ratio = (ours: number, base: number) => (base > 0 ? `${(ours / base).toFixed(2)}×` : 'n/a');
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Dollars with enough significant digits for fractions of a cent. */
export function usd(value: number): string {
  if (value === 0) return '$0';
  if (value >= 1) return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${value.toPrecision(3)}`;
}
