import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readXlsForm, XlsFormError } from '../src/core/surveys/xlsform.ts';
import { checkResponse } from '../src/core/surveys/answers.ts';
import { parseWorkbook } from '../src/modules/files/tabular.ts';

const dir = new URL('./fixtures/xlsforms/pyxform/', import.meta.url).pathname;
const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;
/** A reader of the XLSForms in one fixture folder, by name. */
const reader = (folder: string) => async (name: string) =>
  readXlsForm(await parseWorkbook(fs.readFileSync(`${folder}${name}.xlsx`)));
const load = reader(dir);
/** Every problem a refused form is refused with (a form that loads fails the test). */
const problemsOf = async (read: (name: string) => Promise<unknown>, name: string) => {
  try {
    await read(name);
  } catch (e) {
    if (e instanceof XlsFormError) return e.problems;
    throw e;
  }
  throw new Error(`${name} was accepted`);
};
const refusal = async (name: string) => (await problemsOf(load, name))[0];

describe('real XLSForms (pyxform’s test suite)', () => {
  it('loads the forms within what is supported', async () => {
    const t = await load('text_and_integer');
    expect(t.questions.map((q) => [q.type, q.name, q.label.english])).toEqual([
      ['text', 'your_name', 'What is your name?'],
      ['integer', 'your_age', 'How many years old are you?'],
    ]);
    // the old "select one from LIST" spelling
    const yn = await load('yes_or_no_question');
    expect(yn.questions[0]).toMatchObject({ type: 'select_one', list: 'yes_or_no' });
    // "end_group" with an underscore, a hint, labels in a language
    expect((await load('field-list')).questions.map((q) => q.type)).toEqual(['begin_group', 'select_one']);
    // choice filters on columns of the choices sheet; duplicate choice names allowed by the settings
    const cf = await load('choice_filter_test');
    expect(cf.questions.map((q) => q.choiceFilter !== null)).toEqual([false, true, true]);
    expect((await load('extra_sheet_names')).questions).toHaveLength(1);
    expect((await load('extra_columns')).questions).toHaveLength(1);
    // "phone number": text of digits only, as pyxform writes it (constraint regex(., '^\d*$'))
    const group = await load('group');
    expect(group.questions.map((q) => [q.type, q.name, q.digitsOnly ?? false])).toEqual([
      ['text', 'family_name', false],
      ['begin_group', 'father', false],
      ['text', 'phone_number', true],
      ['integer', 'age', false],
    ]);
    expect(checkResponse(group, { phone_number: '09x' }, { today: '2026-01-01' }).problems).toEqual({
      phone_number: 'Chỉ nhập chữ số',
    });
  });

  it('refuses the others, naming the sheet, row and column of the first thing not supported', async () => {
    expect(await refusal('include')).toMatchObject({
      row: 3,
      column: 'type',
      message: 'kiểu "include" chưa được hỗ trợ',
    });
    expect(await refusal('loop')).toMatchObject({ row: 2, column: 'type' });
    expect(await refusal('pull_data')).toMatchObject({
      row: 2,
      column: 'calculation',
      message: 'hàm "pulldata()" chưa được hỗ trợ',
    });
    expect(await refusal('case_insensitivity')).toMatchObject({
      row: 3,
      message: 'kiểu "select_one_external c1" chưa được hỗ trợ',
    });
    expect(await refusal('bad_calc')).toMatchObject({ row: 2, column: 'calculation' });
    expect(await refusal('duplicate_columns')).toMatchObject({
      row: 1,
      column: 'label',
      message: 'cột "label" xuất hiện hai lần',
    });
    // the form that tries every widget: time, datetime, geopoint, barcode, image, audio, video, acknowledge
    // and the metadata all read; what stops it is what pyxform's own checks or ODK Collect alone would take
    const flat = (await problemsOf(load, 'flat_xlsform_test')).map((p) => `${p.sheet}:${p.row}:${p.column}`);
    expect(flat).toEqual([
      'survey:17:requiredmsg',
      'survey:50:type', // uri:deviceid
      'survey:57:name', // a question without a name
      'survey:59:buttontext', // an external Android app
      'survey:59:noapperrorstring',
      'settings:2:public_key', // encryption, submission to a server: ODK Collect's business
      'settings:2:submission_url',
      'settings:2:clean_text_values',
      'settings:2:flat',
    ]);
  });

  it('ODK’s own test forms: the clean ones load, the broken ones are refused where ODK’s tools fail them', async () => {
    const read = reader(new URL('./fixtures/xlsforms/odk/', import.meta.url).pathname);
    const refused = (name: string) => problemsOf(read, name);
    expect((await read('pyxform-clean')).questions.map((q) => [q.type, q.name])).toEqual([
      ['text', 'name'],
      ['integer', 'age'],
    ]);
    expect((await read('pyxform-warning')).questions.map((q) => q.groups.join('/') + q.name)).toEqual([
      'name',
      'group',
      'groupage',
    ]);
    expect(await refused('pyxform-error')).toEqual([
      { sheet: 'survey', row: 2, column: 'type', message: 'kiểu "textX" chưa được hỗ trợ' },
    ]);
    expect((await refused('validate-error'))[0]).toEqual({
      sheet: 'survey',
      row: 4,
      column: 'calculation',
      message: 'hàm "concatx()" chưa được hỗ trợ',
    });
    expect((await refused('external-itemsets'))[0]).toMatchObject({ row: 3, column: 'type' });
  });

  it('bdg survey form FILE: a summary, or every problem and exit status 1', () => {
    const ok = spawnSync(process.execPath, [BIN, 'survey', 'form', `${dir}choice_filter_test.xlsx`, '--json'], {
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toMatchObject({ questions: 3, types: { select_one: 3 }, lists: 3 });
    const bad = spawnSync(process.execPath, [BIN, 'survey', 'form', `${dir}include.xlsx`], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/survey, dòng 3, cột type: kiểu "include" chưa được hỗ trợ/u);
  });
});
