import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkResponse } from '../src/core/surveys/answers.ts';
import { scoreResponse } from '../src/core/surveys/scoring.ts';
import { readXlsForm } from '../src/core/surveys/xlsform.ts';
import { parseWorkbook } from '../src/modules/files/tabular.ts';
import { defaultInstrument } from '../src/modules/surveys/instrument-files.ts';

const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;

describe('the default instrument (instruments/bdg-nhan-thuc)', () => {
  const d = defaultInstrument();
  const answers = (knowledge: string[], views: string[]) => ({
    sex: 'female',
    age: '41',
    ethnicity: 'kinh',
    area: 'rural',
    target_group: 'community',
    exposed: 'no',
    ...Object.fromEntries(knowledge.map((v, i) => [`k${i + 1}`, v])),
    ...Object.fromEntries(views.map((v, i) => [`n${i + 1}`, v])),
  });
  const KEY = ['dung', 'dung', 'sai', 'dung', 'sai', 'sai', 'dung', 'dung', 'dung', 'sai'];

  it('is a valid XLSForm in Vietnamese and English, with a scoring that fits it', () => {
    expect(d.form.languages).toEqual(['en', 'vi']);
    expect(d.form.defaultLanguage).toBe('vi');
    expect(d.scoring.scales.map((s) => [s.code, s.items.length])).toEqual([
      ['knowledge', 10],
      ['norms', 8],
    ]);
    // every question a respondent sees has both languages
    for (const q of d.form.questions.filter((x) => x.type !== 'calculate' && x.type !== 'end_group'))
      expect(Object.keys(q.label).sort(), q.name).toEqual(['en', 'vi']);
  });

  it('scores the equitable, well-informed answers 100 and the opposite 0; "don’t know" is wrong', () => {
    const best = checkResponse(
      d.form,
      answers(KEY, [...Array(6).fill('rat_khong_dong_y'), 'rat_dong_y', 'rat_dong_y']),
      { today: '2026-11-30' },
    );
    expect(best.problems).toEqual({});
    expect(best.values.age_group).toBe('35-54');
    expect(scoreResponse(d.scoring, best.values).scores).toEqual({ knowledge: 100, norms: 100, overall: 100 });
    const worst = checkResponse(
      d.form,
      answers(
        KEY.map((k) => (k === 'dung' ? 'khong_biet' : 'dung')),
        [...Array(6).fill('rat_dong_y'), 'rat_khong_dong_y', 'rat_khong_dong_y'],
      ),
      { today: '2026-11-30' },
    );
    expect(scoreResponse(d.scoring, worst.values).scores).toEqual({ knowledge: 0, norms: 0, overall: 0 });
  });

  it('bdg survey default-form writes an .xlsx that reads back to the same form', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-form-')), 'bdg.xlsx');
    const r = spawnSync(process.execPath, [BIN, 'survey', 'default-form', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Thang điểm: Hiểu biết pháp luật .* \(10 câu\); Quan niệm về vai trò giới \(8 câu\)/u);
    const again = readXlsForm(await parseWorkbook(fs.readFileSync(file)));
    expect(again.questions.map((q) => [q.name, q.type, q.label.vi])).toEqual(
      d.form.questions.map((q) => [q.name, q.type, q.label.vi]),
    );
    expect(again.choices).toEqual(d.form.choices);
    // the workbook keeps the language names as written, for ODK's language menu
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['settings', 'survey', 'choices']);
    expect(wb.getWorksheet('survey')!.getRow(1).values).toContain('label::Tiếng Việt (vi)');
  });
});
