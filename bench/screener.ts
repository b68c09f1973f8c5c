/**
 * The screener's speed on one core: 100,000 generated clauses (a mix of discriminatory, protective and
 * neutral wording, with and without diacritics) with the rules alone and with the statistical second opinion,
 * and one 1 MB text, to see that time grows linearly. No assertion on timings.
 */
import fs from 'node:fs';
import { parse } from 'yaml';
import { screenText } from '../src/core/screener/screen.ts';
import { screenerModel, screenerRules } from '../src/modules/screener/rules-file.ts';
import { seededRandom } from '../src/demo/random.ts';
import { machine } from './machine.ts';

export function benchScreener() {
  const rules = screenerRules();
  const labelled = parse(
    fs.readFileSync(new URL('../test/fixtures/screener-labelled.yaml', import.meta.url), 'utf8'),
  ) as { text: string }[];
  const fillers = [
    'Các hộ gia đình trong thôn',
    'theo quy định của pháp luật',
    'hằng năm',
    'và các thành viên khác',
    'khi có việc chung của thôn',
  ];
  const rnd = seededRandom(5);
  const clauses: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const base = labelled[Math.floor(rnd() * labelled.length)]!.text;
    clauses.push(rnd() < 0.5 ? `${fillers[i % fillers.length]}, ${base}` : base);
  }
  screenText(clauses[0]!, rules);
  let flagged = 0;
  const t = performance.now();
  for (const c of clauses) if (screenText(c, rules).length > 0) flagged++;
  const ms = performance.now() - t;
  // the same clauses with the statistical second opinion, as the register and the screening page run it
  const model = screenerModel();
  let flaggedWithModel = 0;
  const tm = performance.now();
  for (const c of clauses) if (screenText(c, rules, model).length > 0) flaggedWithModel++;
  const msWithModel = performance.now() - tm;
  const chars = clauses.reduce((n, c) => n + c.length, 0);
  const oneMb: string[] = [];
  let size = 0;
  while (size < 1_000_000) {
    const c = clauses[oneMb.length]!;
    oneMb.push(c);
    size += Buffer.byteLength(c) + 1;
  }
  const half = oneMb.slice(0, Math.floor(oneMb.length / 2)).join('\n');
  const whole = oneMb.join('\n');
  // median of 5 runs each (one run is at the mercy of the garbage collector)
  const time = (text: string) => {
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) {
      const s = performance.now();
      screenText(text, rules);
      runs.push(performance.now() - s);
    }
    return runs.sort((a, b) => a - b)[2]!;
  };
  time(half);
  const halfMs = time(half);
  const wholeMs = time(whole);
  return {
    clauses: clauses.length,
    flagged,
    ms: Math.round(ms),
    clausesPerSecond: Math.round((clauses.length / ms) * 1000),
    withModel: {
      flagged: flaggedWithModel,
      ms: Math.round(msWithModel),
      clausesPerSecond: Math.round((clauses.length / msWithModel) * 1000),
    },
    charactersPerSecond: Math.round((chars / ms) * 1000),
    oneText: {
      bytes: Buffer.byteLength(whole),
      ms: Math.round(wholeMs),
      halfMs: Math.round(halfMs),
      ratioWholeToHalf: Math.round((wholeMs / halfMs) * 100) / 100,
    },
  };
}

// `npm run bench:screener`: this benchmark alone, written to bench/results/screener-latest.json
if (process.argv[1]?.endsWith('screener.ts')) {
  // the host's speed beside the figures: this machine's speed drifts by a factor of two between hours
  const result = { date: new Date().toISOString(), machine: machine(), ...benchScreener() };
  console.log(result);
  const file = new URL('./results/screener-latest.json', import.meta.url);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}
