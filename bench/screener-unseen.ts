/**
 * `npm run bench:screener-unseen` (issue 14): the screener's rules on text they had not been written from, read off
 * the corpus's git history. Each commit that changed test/fixtures/screener-corpus.yaml added rows; the rules of the
 * commit before it (checked out in a temporary git worktree, run by bench/screener-unseen-child.ts) had never seen
 * them. Only development rows are scored (the test part is not looked at), with today's labels. Writes
 * bench/results/screener-unseen-latest.json: per commit, in all, and per rule (finds, false alarms, precision), and
 * rules/screener-unseen-verdicts.json: each row's verdict, for `bdg screener-model`'s estimate on unseen text.
 * It needs the repository's history (not a shallow clone); rows added by a commit whose rules were written in an
 * earlier commit from the same pages are counted as unseen, which would flatter the figures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCorpus } from '../src/core/screener/evaluate.ts';
import {
  corpusTexts,
  rowsAdded,
  summariseUnseen,
  unseenVerdicts,
  type ScoredChange,
} from '../src/core/screener/unseen.ts';
import { CORPUS_FILE, screenerRules, UNSEEN_VERDICTS_FILE } from '../src/modules/screener/rules-file.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const CORPUS = 'test/fixtures/screener-corpus.yaml';
const RULES_LOADER = 'src/modules/screener/rules-file.ts';
const git = (...args: string[]): string =>
  execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const show = (commit: string, file: string): string | null => {
  try {
    return git('show', `${commit}:${file}`);
  } catch {
    return null;
  }
};

if (git('rev-parse', '--is-shallow-repository').trim() === 'true')
  throw new Error('a shallow clone: run `git fetch --unshallow` first (the history is what is measured)');

const current = parseCorpus(fs.readFileSync(CORPUS_FILE, 'utf8'));
const currentRules = new Set(screenerRules().rules.map((r) => r.id));
const log = git('log', '--reverse', '--date=short', '--format=%H%x09%ad%x09%s', '--', CORPUS).trim().split('\n');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-unseen-'));
const changes: ScoredChange[] = [];
try {
  for (const line of log) {
    const [commit, date, subject] = line.split('\t') as [string, string, string];
    const parent = `${commit}^`;
    const rows = rowsAdded(current, corpusTexts(show(parent, CORPUS)), corpusTexts(show(commit, CORPUS)));
    const entry = { commit: commit.slice(0, 7), date, subject: subject.slice(0, 100), rows, fired: [] as string[][] };
    if (rows.length === 0 || show(parent, RULES_LOADER) === null) {
      if (rows.length > 0) console.log(`${entry.commit}: ${rows.length} rows, but no screener before it — skipped`);
      continue;
    }
    const tree = path.join(work, entry.commit);
    git('worktree', 'add', '--detach', '--force', tree, parent);
    try {
      fs.symlinkSync(path.join(repo, 'node_modules'), path.join(tree, 'node_modules'));
      const texts = path.join(work, `${entry.commit}.texts.json`);
      const out = path.join(work, `${entry.commit}.fired.json`);
      fs.writeFileSync(texts, JSON.stringify(rows.map((r) => r.text)));
      execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'screener-unseen-child.ts'), texts, out], {
        cwd: tree,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      entry.fired = JSON.parse(fs.readFileSync(out, 'utf8')) as string[][];
    } finally {
      git('worktree', 'remove', '--force', tree);
    }
    changes.push(entry);
    const found = entry.fired.filter((f) => f.length > 0).length;
    console.log(`${entry.commit} ${date}: ${rows.length} development rows new to the rules, ${found} flagged`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const summary = summariseUnseen(changes, currentRules);
const pct = (r: { hit: number; of: number }) => `${((100 * r.hit) / Math.max(1, r.of)).toFixed(1)}% (${r.hit}/${r.of})`;
const t = summary.total;
console.log(
  `In all, ${t.rows} rows: discriminatory ${pct(t.discriminatory)}, stereotype ${pct(t.stereotype)}, ` +
    `false alarms ${pct(t.falseAlarms)}`,
);
const result = {
  date: new Date().toISOString(),
  head: git('rev-parse', '--short', 'HEAD').trim(),
  note:
    'rules alone (no second opinion) on the development rows each commit added, screened with the rules of the ' +
    'commit before it; labels as in the corpus today',
  ...summary,
  changes: summary.changes.map(({ scores, ...c }) => ({ ...c, scores: { ...scores, byTheme: undefined } })),
};
const outFile = path.join(here, 'results', 'screener-unseen-latest.json');
fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log('→', outFile);
const verdicts = {
  head: result.head,
  date: result.date,
  note:
    'per development row (key: first 16 hex digits of the SHA-256 of its NFC text), the rule ids raised by the ' +
    'rules of the commit before the row was added; read by bdg screener-model for its unseenEstimate',
  rows: unseenVerdicts(changes),
};
fs.writeFileSync(UNSEEN_VERDICTS_FILE, `${JSON.stringify(verdicts, null, 1)}\n`);
console.log('→', UNSEEN_VERDICTS_FILE);
