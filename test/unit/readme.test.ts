import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BENCHMARKS = readFileSync(join(ROOT, 'BENCHMARKS.md'), 'utf8');

/** The "ours" column of a BENCHMARKS.md cost row. */
function measured(row: string): number {
  const cells = BENCHMARKS.split('\n')
    .find((l) => l.startsWith(`| ${row} |`))
    ?.split('|')
    .map((c) => c.trim());
  const ours = cells?.[3];
  if (ours === undefined) throw new Error(`BENCHMARKS.md has no "${row}" row with an "ours" column`);
  return Number(ours.replace(/[$,]/g, ''));
}

const near = (said: number, actual: number) => Math.abs(said - actual) / actual <= 0.15;

describe('the README cost', () => {
  it('states one monthly cost, the one BENCHMARKS.md measured', () => {
    const perCouple = [...README.matchAll(/\$([\d.]+) per couple-month/g)].map((m) => Number(m[1]));
    const perMillion = [...README.matchAll(/\$([\d,]+) a month per million couples/g)].flatMap((m) => m[1] ?? []).map((n) => Number(n.replace(/,/g, '')));
    expect(perCouple.length).toBeGreaterThan(0);
    for (const said of perCouple) expect(near(said, measured('total per couple-month'))).toBe(true);
    for (const said of perMillion) expect(near(said, measured('total for 1,000,000 couples per month'))).toBe(true);
  });
});
