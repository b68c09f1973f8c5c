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
    // repeats would make one response many rows: refused
    expect(refused(sheet(['type', 'name', 'label'], ['begin repeat', 'child', 'Trẻ']))[0]).toEqual({
      sheet: 'survey',
      row: 2,
      column: 'type',
      message: 'kiểu "begin repeat" chưa được hỗ trợ',
    });
    expect(
      refused(sheet(['type', 'name', 'label', 'parameters'], ['range', 'r', 'R', 'start=1 end=5 step=0'])),
    ).toEqual([{ sheet: 'survey', row: 2, column: 'parameters', message: 'step phải lớn hơn 0' }]);
    expect(refused(sheet(['type', 'name', 'label', 'parameters'], ['range', 'r', 'R', 'from=1']))[0]!.message).toBe(
      'tham số "from=1" không hợp lệ (start=…, end=…, step=…)',
    );
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

  it('times, places, ranges, acknowledgements, codes and files: read with their aliases, answers checked', () => {
    const form = readXlsForm({
      survey: sheet(
        ['type', 'name', 'label', 'parameters'],
        ['time', 'luc', 'Giờ', null],
        ['dateTime', 'khi', 'Ngày giờ', null],
        ['range', 'muc', 'Mức', 'start=0 end=10 step=0.5'],
        ['range', 'lui', 'Lùi', 'start=10 end=0 step=2'],
        ['acknowledge', 'ok', 'Đồng ý', null],
        ['gps', 'noi', 'Nơi', 'capture-accuracy=10'],
        ['geotrace', 'duong', 'Đường', null],
        ['geoshape', 'vung', 'Vùng', null],
        ['barcode', 'ma', 'Mã', null],
        ['photo', 'anh', 'Ảnh', 'max-pixels=1024'],
        ['phone number', 'dt', 'Điện thoại', null],
      ),
    });
    expect(form.questions.map((q) => q.type)).toEqual([
      'time',
      'datetime',
      'range',
      'range',
      'acknowledge',
      'geopoint',
      'geotrace',
      'geoshape',
      'barcode',
      'media',
      'text',
    ]);
    expect(form.questions[2]!.range).toEqual({ start: 0, end: 10, step: 0.5 });
    // how a question is captured (accuracy, picture size) is kept as written, not enforced
    expect(form.questions[5]!.presentation).toEqual({ parameters: 'capture-accuracy=10' });
    expect(form.questions[9]).toMatchObject({ media: 'image', presentation: { parameters: 'max-pixels=1024' } });
    const check = (answers: Record<string, string>) => checkResponse(form, answers, { today: '2026-06-01' });
    // as ODK Collect and Enketo write them
    const good = check({
      luc: '14:30:00.000+07:00',
      khi: '2026-05-31T08:05:00.000+07:00',
      muc: '7,5',
      lui: '4',
      ok: 'OK',
      noi: '21.0285 105.8542 12.5 4.2',
      duong: '21.02 105.85 0 0;21.03 105.86 0 0',
      vung: '21 105;21 106;22 106;21 105',
      ma: 'X-123',
      anh: '1718000000000.jpg',
      dt: '0912345678',
    });
    expect(good.problems).toEqual({});
    expect(good.values.muc).toBe('7.5');
    expect(
      check({
        luc: '24:00',
        khi: '2026-02-30T08:00',
        muc: '7.25',
        lui: '3',
        ok: 'yes',
        noi: '91 105',
        duong: '21 105',
        vung: '21 105;21 106;22 106;22 105',
        anh: 'C:\\ảnh\\a.jpg',
        dt: '+84 912',
      }).problems,
    ).toEqual({
      luc: 'Cần một giờ, dạng HH:MM (24 giờ)',
      khi: 'Cần ngày và giờ, dạng YYYY-MM-DDTHH:MM',
      muc: 'Cần một số từ 0, mỗi bước 0.5',
      lui: 'Cần một số từ 10, mỗi bước 2',
      ok: 'Câu xác nhận chỉ nhận "OK"',
      noi: 'Cần một vị trí: vĩ độ kinh độ [độ cao [độ chính xác]], cách nhau bằng dấu cách',
      duong: 'Cần ít nhất 2 vị trí, cách nhau bằng dấu chấm phẩy',
      vung: 'Một vùng phải khép kín: vị trí cuối trùng vị trí đầu',
      anh: 'Cần tên tệp đính kèm (không có đường dẫn)',
      dt: 'Chỉ nhập chữ số',
    });
    expect(check({ muc: '11' }).problems).toEqual({ muc: 'Cần một số từ 0 đến 10' });
  });
});
