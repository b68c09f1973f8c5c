import { describe, expect, it } from 'vitest';
import { checkResponse } from '../src/core/surveys/answers.ts';
import { matchColumns, readFieldRows } from '../src/core/surveys/field-import.ts';
import { readXlsForm, type Sheet } from '../src/core/surveys/xlsform.ts';
import { parseTabular } from '../src/modules/files/tabular.ts';

const sheet = (headers: string[], ...rows: string[][]): Sheet => ({
  headers,
  rows: rows.map((r, i) => ({ line: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, r[j] ?? ''])) })),
});

// a form with a group and a select_multiple, the shapes the two tools export differently
const form = readXlsForm({
  survey: sheet(
    ['type', 'name', 'label::tiếng việt (vi)', 'label::english (en)', 'required'],
    ['start', 'start'],
    ['select_one sex', 'sex', 'Giới tính', 'Sex', 'yes'],
    ['begin group', 'g1', 'Thông tin', 'About'],
    ['integer', 'age', 'Tuổi', 'Age', 'yes'],
    ['select_multiple src', 'sources', 'Nghe từ đâu?', 'Where from?'],
    ['end group'],
  ),
  choices: sheet(
    ['list_name', 'name', 'label::tiếng việt (vi)', 'label::english (en)'],
    ['sex', 'female', 'Nữ', 'Female'],
    ['sex', 'male', 'Nam', 'Male'],
    ['src', 'tv', 'Truyền hình', 'Television'],
    ['src', 'loa', 'Loa phát thanh', 'Loudspeaker'],
  ),
});

const read = async (csv: string) => {
  const table = await parseTabular(Buffer.from(csv), { plainHeaders: true });
  const report = matchColumns(form, table.headers);
  return { report, rows: readFieldRows(form, report, table.rows) };
};

describe('ODK Central and KoboToolbox exports', () => {
  it(
    'reads an ODK Central export: groups joined by "-", ' + 'select_multiple joined and split, its own columns',
    async () => {
      // the header shape of ODK Central's CSV (getodk/central-backend's tests), with this form's names
      const { report, rows } = await read(
        [
          'SubmissionDate,meta-instanceID,start,sex,g1-age,g1-sources,g1-sources/tv,g1-sources/loa,KEY,SubmitterID,' +
            'SubmitterName,AttachmentsPresent,AttachmentsExpected,Status,ReviewState,DeviceID,Edits,FormVersion',
          '2026-05-01T08:00:00.000Z,uuid:1,2026-05-01T07:50:00.000+07:00,female,34,tv loa,1,1,uuid:1,5,Lan,0,0,,,,0,' +
            '2025.1',
          '2026-05-01T09:00:00.000Z,uuid:2,2026-05-01T08:40:00.000+07:00,male,61,,0,0,uuid:2,5,Lan,0,0,,,,0,2025.1',
        ].join('\n'),
      );
      expect(report.notMatched).toEqual([]);
      expect(report.missing).toEqual([]);
      expect(report.tool).toContain('meta-instanceID');
      expect(report.matched.map((m) => [m.column, m.how])).toContainEqual(['g1-sources/loa', 'split choice']);
      expect(rows.map((r) => [r.instanceId, r.answers])).toEqual([
        ['uuid:1', { start: '2026-05-01T07:50:00.000+07:00', sex: 'female', age: '34', sources: 'tv loa' }],
        ['uuid:2', { start: '2026-05-01T08:40:00.000+07:00', sex: 'male', age: '61' }],
      ]);
      expect(checkResponse(form, rows[0]!.answers, { today: '2026-11-30' }).problems).toEqual({});
    },
  );

  it('reads a KoboToolbox export: groups joined by "/", split columns only, labels instead of names', async () => {
    const { report, rows } = await read(
      [
        'start,Giới tính,g1/age,g1/sources/tv,g1/sources/loa,_id,_uuid,_submission_time,_validation_status,_notes,' +
          '_status,_submitted_by,__version__,_tags,_index',
        '2026-05-02T07:00:00+07:00,Nữ,29,0,1,11,abc-1,2026-05-02T00:10:00,,,submitted_via_web,,v1,,1',
        '2026-05-02T07:30:00+07:00,Male,45,1,0,12,abc-2,2026-05-02T00:40:00,,,submitted_via_web,,v1,,2',
      ].join('\n'),
    );
    expect(report.matched.find((m) => m.column === 'Giới tính')).toMatchObject({ question: 'sex', how: 'label' });
    expect(report.notMatched).toEqual([]);
    expect(rows.map((r) => [r.instanceId, r.answers.sex, r.answers.sources])).toEqual([
      ['abc-1', 'female', 'loa'],
      ['abc-2', 'male', 'tv'],
    ]);
  });

  it('reports what does not match, and turns bad values into row problems, never into answers', async () => {
    const { report, rows } = await read(
      ['sex,age,ghi_chu,g1-sources,g1-sources/tv', 'nữ giới,34,x,tv,0', 'female,,y,radio,0'].join('\n'),
    );
    expect(report.notMatched).toEqual(['ghi_chu']);
    expect(report.missing).toEqual([]);
    expect(rows[0]!.problems).toEqual({
      sex: 'cột sex: "nữ giới" không phải lựa chọn của câu này',
      sources: 'cột gộp "tv" và các cột tách 0/1 (không chọn gì) khác nhau',
    });
    expect(rows[1]!.problems).toEqual({ sources: 'cột g1-sources: "radio" có lựa chọn không thuộc câu này' });
    expect(rows[1]!.answers).toEqual({ sex: 'female' });
    const none = await read('ho_ten\nLan');
    expect(none.report.missing).toEqual(['sex', 'age', 'sources']);
  });

  it('a point split into Latitude, Longitude, Altitude, Accuracy columns (ODK Central) is put together again', () => {
    const places = readXlsForm({
      survey: sheet(
        ['type', 'name', 'label'],
        ['begin group', 'g', 'Nơi'],
        ['geopoint', 'where', 'Ở đâu'],
        ['end group'],
        ['time', 'at', 'Lúc'],
        ['datetime', 'when', 'Khi'],
      ),
    });
    const headers = ['g-where-Latitude', 'g-where-Longitude', 'g-where-Altitude', 'g-where-Accuracy', 'at', 'when'];
    const report = matchColumns(places, headers);
    expect(report.matched.map((m) => [m.how, m.part])).toEqual([
      ['point part', 0],
      ['point part', 1],
      ['point part', 2],
      ['point part', 3],
      ['name', undefined],
      ['name', undefined],
    ]);
    expect(report.missing).toEqual([]);
    // spreadsheet cells: numbers for the point, dates for the clock (an XLSX export), as the parser gives them
    const cells = (...v: unknown[]) => Object.fromEntries(headers.map((h, i) => [h, v[i]]));
    const rows = readFieldRows(places, report, [
      {
        line: 2,
        cells: cells(21.0285, 105.8542, '', '', new Date('1899-12-30T14:30:00Z'), new Date('2026-05-31T01:05:00Z')),
      },
      { line: 3, cells: cells('', 105.85, 12, 5, '', '') },
    ]);
    expect(rows.map((r) => [r.answers, r.problems])).toEqual([
      [{ where: '21.0285 105.8542', at: '14:30:00', when: '2026-05-31T01:05:00Z' }, {}],
      [{}, { where: 'vị trí thiếu vĩ độ hoặc kinh độ' }],
    ]);
    expect(checkResponse(places, rows[0]!.answers, { today: '2026-06-01' }).problems).toEqual({});
  });
});
