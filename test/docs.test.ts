import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLYMORPHIC_MAPS_VARIABLE } from '../bin/v8-tuning.js';
import { CONFIG_VARIABLES } from '../src/config.ts';
import { ERRORS } from '../src/core/errors.ts';
import { RECORD_TYPES } from '../src/core/records/types.ts';
import { CODING_COLUMNS } from '../src/modules/media/coding-sheet.ts';
import { recordColumns } from '../src/modules/records/spreadsheet.ts';

describe('documentation stays in step with the code', () => {
  it('documents every error code with its HTTP status', () => {
    const doc = fs.readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, { status }] of Object.entries(ERRORS)) {
      expect(doc, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`, 'u'));
    }
  });
  it('documents every environment variable in the README', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of [
      ...CONFIG_VARIABLES,
      POLYMORPHIC_MAPS_VARIABLE,
      'TEST_DATABASE_URL',
      'BENCH_DATABASE_URL',
      'BDG_CHROMIUM',
    ])
      expect(readme, name).toContain(`\`${name}\``);
  });
  it('documents every record type and every column of its spreadsheet', () => {
    const doc = fs.readFileSync(new URL('../docs/records.md', import.meta.url), 'utf8');
    for (const def of RECORD_TYPES) {
      const section = doc.split(`\`${def.type}\``)[1]?.split('\n### ')[0] ?? '';
      expect(section, def.type).not.toBe('');
      for (const c of recordColumns(def)) expect(section, `${def.type}.${c.code}`).toContain(`| \`${c.code}\` |`);
    }
  });
  it('documents every column of the media coding sheet', () => {
    const doc = fs.readFileSync(new URL('../docs/media.md', import.meta.url), 'utf8');
    for (const c of CODING_COLUMNS) expect(doc, c.code).toContain(`| \`${c.code}\` | ${c.vi} |`);
  });
  it('starts the README with the two set-up commands', () => {
    const head = fs
      .readFileSync(new URL('../README.md', import.meta.url), 'utf8')
      .split('\n')
      .slice(0, 30)
      .join('\n');
    expect(head).toContain('npm ci && npm start');
    expect(head).toContain('npm test');
  });
});
