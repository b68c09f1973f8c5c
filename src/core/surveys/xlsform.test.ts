import { describe, expect, it } from 'vitest';
import { checkResponse } from './answers.ts';
import { textIn } from './answers.ts';
import { readXlsForm, XlsFormError, type Sheet } from './xlsform.ts';

/** A sheet from a header row and data rows, numbered as a spreadsheet shows them. */
const sheet = (headers: string[], ...rows: (string | number | null)[][]): Sheet => ({
  headers,
  rows: rows.map((r, i) => ({
    line: i + 2,
    cells: Object.fromEntries(headers.map((h, j) => [h, r[j] ?? ''])),
  })),
});

const SURVEY = [
  'type',
  'name',
  'label::tiếng việt (vi)',
  'label::english (en)',
  'hint::tiếng việt (vi)',
  'required',
  'relevant',
  'constraint',
  'constraint_message::tiếng việt (vi)',
  'calculation',
  'choice_filter',
  'appearance',
];

const form = () =>
  readXlsForm({
    survey: sheet(
      SURVEY,
      ['select_one sex', 'sex', 'Giới tính', 'Sex', null, 'yes'],
      ['integer', 'age', 'Tuổi', 'Age', 'Số năm tròn', 'yes', null, '. >= 15 and . <= 120', 'Tuổi từ 15 đến 120'],
      ['begin group', 'law', 'Hiểu biết pháp luật', 'Law', null, null, '${age} >= 18'],
      ['select_one yn', 'heard', 'Đã nghe về Luật Bình đẳng giới?', 'Heard of the law?', null, 'yes'],
      ['select_multiple src or_other', 'sources', 'Nghe từ đâu?', 'From where?', null, null, "${heard} = 'yes'"],
      ['text', 'sources_other', 'Nguồn khác', 'Other source', null, 'yes', "selected(${sources}, 'other')"],
      ['end group'],
      ['select_one province', 'province', 'Tỉnh', 'Province'],
      ['select_one commune', 'commune', 'Xã', 'Commune', null, null, null, null, null, null, 'province = ${province}'],
      ['calculate', 'n_sources', null, null, null, null, null, null, null, 'count-selected(${sources})'],
      ['date', 'day', 'Ngày phỏng vấn', 'Date', null, null, null, '. <= today()'],
      ['note', 'thanks', 'Cảm ơn ${sex}', 'Thanks'],
      ['start', 'start'],
    ),
    choices: sheet(
      ['list_name', 'name', 'label::tiếng việt (vi)', 'label::english (en)', 'province'],
      ['sex', 'female', 'Nữ', 'Female'],
      ['sex', 'male', 'Nam', 'Male'],
      ['yn', 'yes', 'Có', 'Yes'],
      ['yn', 'no', 'Không', 'No'],
      ['src', 'tv', 'Truyền hình', 'TV'],
      ['src', 'loa', 'Loa phát thanh', 'Loudspeaker'],
      ['province', 'hn', 'Hà Nội', 'Hanoi'],
      ['province', 'hue', 'Huế', 'Hue'],
      ['commune', 'ba-dinh', 'Ba Đình', 'Ba Dinh', 'hn'],
      ['commune', 'thuan-hoa', 'Thuận Hóa', 'Thuan Hoa', 'hue'],
    ),
    settings: sheet(
      ['form_title', 'form_id', 'version', 'default_language'],
      ['Khảo sát nhận thức BĐG', 'bdg_2025', '2025-1', 'Tiếng Việt (vi)'],
    ),
  });

describe('XLSForm', () => {
  it('reads types, labels in two languages, groups, expressions and settings', () => {
    const f = form();
    expect([f.formId, f.title, f.version, f.defaultLanguage]).toEqual([
      'bdg_2025',
      'Khảo sát nhận thức BĐG',
      '2025-1',
      'vi',
    ]);
    expect(f.languages).toEqual(['en', 'vi']);
    expect(f.questions.map((q) => q.type)).toEqual([
      'select_one',
      'integer',
      'begin_group',
      'select_one',
      'select_multiple',
      'text',
      'select_one',
      'select_one',
      'calculate',
      'date',
      'note',
      'metadata',
    ]);
    const sources = f.questions.find((q) => q.name === 'sources')!;
    expect(sources.groups).toEqual(['law']);
    expect(textIn(sources.label, 'en', 'vi')).toBe('From where?');
    expect(textIn(sources.label, 'fr', 'vi')).toBe('Nghe từ đâu?');
    // or_other adds the choice "other"
    expect(f.choices.src!.map((c) => c.name)).toEqual(['tv', 'loa', 'other']);
  });

  it('checks a response as the form would, and again on the server', () => {
    const f = form();
    const today = '2026-11-30';
    const ok = checkResponse(
      f,
      {
        sex: 'female',
        age: '34',
        heard: 'yes',
        sources: ['tv', 'other'],
        sources_other: 'Hội LHPN',
        day: '2026-11-29',
      },
      { today },
    );
    expect(ok.problems).toEqual({});
    expect(ok.values.n_sources).toBe('2');

    const bad = checkResponse(
      f,
      {
        sex: 'nu',
        age: '12',
        heard: 'yes',
        sources: 'tv other',
        province: 'hn',
        commune: 'thuan-hoa',
        day: '2026-12-01',
        extra: 'x',
      },
      { today },
    );
    expect(bad.problems).toEqual({
      sex: 'Lựa chọn không có trong danh sách: nu',
      age: 'Tuổi từ 15 đến 120',
      // the law group is not relevant under 18: its questions are neither required nor kept
      commune: 'Lựa chọn không có trong danh sách: thuan-hoa',
      day: 'Giá trị không hợp lệ',
      extra: 'không phải câu hỏi của biểu mẫu này',
    });
    expect(bad.values.sources).toBeUndefined();
    expect(bad.values.n_sources).toBe('0');

    const missing = checkResponse(f, { sex: 'male', age: '40', heard: 'yes', sources: 'other' }, { today });
    expect(missing.problems).toEqual({ sources_other: 'Câu hỏi bắt buộc' });
    expect(checkResponse(f, { age: '40.5' }, { today }).problems).toMatchObject({
      sex: 'Câu hỏi bắt buộc',
      age: 'Cần một số nguyên',
    });
  });

  it('refuses what it cannot honour, naming sheet, row and column', () => {
    const refused = (survey: Sheet, choices?: Sheet, settings?: Sheet) => {
      try {
        readXlsForm({ survey, ...(choices ? { choices } : {}), ...(settings ? { settings } : {}) });
      } catch (e) {
        if (e instanceof XlsFormError) return e.problems;
        throw e;
      }
      throw new Error('accepted');
    };
    expect(refused(sheet(['type', 'name', 'label'], ['geopoint', 'where', 'Ở đâu']))).toEqual([
      { sheet: 'survey', row: 2, column: 'type', message: 'kiểu "geopoint" chưa được hỗ trợ' },
    ]);
    expect(
      refused(sheet(['type', 'name', 'label', 'relevant'], ['text', 'a', 'A'], ['text', 'b', 'B', '${a} = ']))[0],
    ).toMatchObject({ row: 3, column: 'relevant', message: 'biểu thức "${a} =": biểu thức chưa hết (ký tự thứ 7)' });
    expect(refused(sheet(['type', 'name', 'label', 'default'], ['integer', 'a', 'A', 3]))[0]).toMatchObject({
      column: 'default',
    });
    expect(refused(sheet(['type', 'name', 'label'], ['select_one colours', 'c', 'C']))[0]!.message).toBe(
      'không có danh sách lựa chọn "colours" trong trang choices',
    );
    expect(refused(sheet(['type', 'name', 'label'], ['begin group', 'g', 'G'], ['text', 'a', 'A']))).toEqual([
      { sheet: 'survey', row: 2, column: 'type', message: 'nhóm "g" chưa có "end group"' },
    ]);
    expect(refused(sheet(['type', 'name', 'label'], ['text', 'a', 'A'], ['integer', 'a', 'B']))[0]!.message).toBe(
      'tên "a" trùng với dòng 2',
    );
    expect(
      refused(sheet(['type', 'name', 'label'], ['text', 'a', 'A']), undefined, sheet(['public_key'], ['MIIB…'])),
    ).toEqual([
      { sheet: 'settings', row: 2, column: 'public_key', message: 'thiết lập "public_key" chưa được hỗ trợ' },
    ]);
  });
});
