import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * What the figures were measured on. `referenceMs` times a fixed single-core workload (sorting a million
 * numbers, a JSON round trip of a hundred thousand rows; the median of three) when the run starts: this
 * machine's speed has differed threefold between days under the same model name, so figures from runs whose
 * reference differs much are not comparable (smaller is faster).
 */
export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    referenceMs: referenceWorkload(),
  };
}

function referenceWorkload(): number {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    let x = 12345;
    const numbers = Float64Array.from({ length: 1_000_000 }, () => (x = (x * 1103515245 + 12345) % 2 ** 31));
    numbers.sort();
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `Xã số ${i}`, value: numbers[i] }));
    JSON.parse(JSON.stringify(rows));
    times.push(performance.now() - t);
  }
  return Math.round(median(times));
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs fn `runs` times after one warm-up; returns each duration in ms. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Where a dated copy of a result goes: `<prefix>YYYY-MM-DD.json`, or, when that day already has one (an earlier run
 * the README may quote), `<prefix>YYYY-MM-DDTHHMM.json`, so that a second run of a day never overwrites the first.
 */
export function datedResultFile(dir: string, prefix: string, date = new Date()): string {
  const iso = date.toISOString();
  const day = path.join(dir, `${prefix}${iso.slice(0, 10)}.json`);
  return fs.existsSync(day)
    ? path.join(dir, `${prefix}${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}.json`)
    : day;
}
