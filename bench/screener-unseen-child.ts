/**
 * Run by bench/screener-unseen.ts inside a checkout of an earlier commit (the working directory): screens the texts
 * of a JSON file with that commit's rules (no second opinion) and writes each text's rule ids as JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [textsFile, outFile] = process.argv.slice(2);
if (!textsFile || !outFile) throw new Error('usage: screener-unseen-child TEXTS.json OUT.json');
const from = (file: string) => pathToFileURL(path.join(process.cwd(), file)).href;
const { screenerRules } = (await import(from('src/modules/screener/rules-file.ts'))) as {
  screenerRules: () => unknown;
};
const { screenText } = (await import(from('src/core/screener/screen.ts'))) as {
  screenText: (text: string, rules: unknown) => { rule: string }[];
};
const rules = screenerRules();
const texts = JSON.parse(fs.readFileSync(textsFile, 'utf8')) as string[];
fs.writeFileSync(outFile, JSON.stringify(texts.map((t) => [...new Set(screenText(t, rules).map((f) => f.rule))])));
