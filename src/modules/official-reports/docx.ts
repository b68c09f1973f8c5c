import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import {
  figure,
  groupNotes,
  numberLine,
  placeAndDate,
  type FigureChange,
  type Issuer,
  type Narrative,
  type ReportContent,
  type UnitNote,
} from '../../core/official-report.ts';
import { STATUS_LABELS } from '../../core/status.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../core/units.ts';
import { vnDate } from '../files/sheets.ts';
import type { ChartImage } from './charts.ts';

/** Millimetres in twips, rounded (docx's own helper truncates: 20 mm would be 1133, not 1134). */
function mm(millimetres: number): number {
  return Math.round((millimetres * 1440) / 25.4);
}

/** Decree 30/2020/NĐ-CP, appendix I: A4, margins 20–25 / 30–35 / 15–20 mm, Times New Roman, body 13–14 pt. */
export const PAGE = { width: 11906, height: 16838, top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
export const FONT = 'Times New Roman';
/** half-points: 14 pt body, 13 pt in tables and the header block, 12 and 11 pt for "Nơi nhận" */
const SIZE = { body: 28, table: 26, small: 24, recipients: 22 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export interface DocxInput {
  content: ReportContent;
  issuer: Issuer;
  narrative: Narrative;
  charts: ChartImage[];
  status: 'draft' | 'final';
  version: number;
  /** the date written under the motto */
  date: string;
  /** SHA-256 of the frozen figures, written in the closing note */
  figuresSha256: string;
  correction: { note: string; figures: FigureChange[]; sections: string[] } | null;
}

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text,
    bold: o.bold ?? false,
    italics: o.italics ?? false,
    size: o.size ?? SIZE.body,
    ...(o.underline ? { underline: {} } : {}),
  });

const centred = (children: ParagraphChild[], extra: Partial<IParagraphOptions> = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children, ...extra });

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
const body = (text: string, o: { bold?: boolean; italics?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { after: 120, line: 312 },
    children: [run(text, o)],
  });

const heading = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 120, after: 120 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });

/** A short line under the issuing body and the motto (Decree 30: a line a third to a half as long). */
const rule = (indent: number) =>
  new Paragraph({
    indent: { left: indent, right: indent },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });

/** The office's own text: one paragraph per line it typed; a reminder when it typed nothing. */
function narrativeParagraphs(text: string, missing: string): Paragraph[] {
  const lines = text
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 0 ? lines.map((l) => body(l)) : [body(missing, { italics: true })];
}

const cell = (
  text: string | Paragraph[],
  o: { bold?: boolean; align?: 'left' | 'center' | 'right'; width?: number; span?: number } = {},
) =>
  new TableCell({
    ...(o.width ? { width: { size: o.width, type: WidthType.PERCENTAGE } } : {}),
    ...(o.span ? { columnSpan: o.span } : {}),
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children:
      typeof text === 'string'
        ? [
            new Paragraph({
              alignment:
                o.align === 'right'
                  ? AlignmentType.RIGHT
                  : o.align === 'center'
                    ? AlignmentType.CENTER
                    : AlignmentType.LEFT,
              children: [run(text, { bold: o.bold ?? false, size: SIZE.table })],
            }),
          ]
        : text,
  });

/** A data table: a bold header row repeated on every page, then the rows; numbers right-aligned. */
function dataTable(headers: { text: string; width: number; numeric?: boolean }[], rows: (string | Paragraph[])[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h) => cell(h.text, { bold: true, align: 'center', width: h.width })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, i) => cell(v, { align: headers[i]?.numeric ? 'right' : 'left' })),
          }),
      ),
    ],
  });
}

const groupRow = (text: string, span: number) =>
  new TableRow({ cantSplit: true, children: [cell(text, { bold: true, span })] });

/** The header block: issuing body and number on the left, motto, place and date on the right. */
function headerBlock(issuer: Issuer, date: string, draft: boolean): Table {
  const left = [
    ...(issuer.parent ? [centred([run(issuer.parent.toUpperCase(), { size: SIZE.table })])] : []),
    centred([run(issuer.body.toUpperCase(), { bold: true, size: SIZE.table })]),
    rule(mm(16)),
    centred([run(numberLine(issuer.symbol), { size: SIZE.table })], { spacing: { before: 120 } }),
  ];
  const right = [
    centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZE.small })]),
    centred([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: SIZE.body })]),
    rule(mm(17)),
    centred([run(placeAndDate(issuer.place, date), { italics: true, size: SIZE.body })], {
      spacing: { before: 120 },
    }),
    ...(draft ? [centred([run('DỰ THẢO', { bold: true, size: SIZE.body })], { spacing: { before: 120 } })] : []),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(TEXT_WIDTH * 0.38), Math.round(TEXT_WIDTH * 0.62)],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 38, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: left }),
          new TableCell({ width: { size: 62, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: right }),
        ],
      }),
    ],
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };

/** "Nơi nhận" on the left, the signature block on the right. */
function signatureBlock(issuer: Issuer): Table {
  const recipients = issuer.recipients.length > 0 ? issuer.recipients : ['Lưu: VT'];
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: SIZE.small })] }),
    ...recipients.map(
      (r, i) =>
        new Paragraph({
          children: [run(`- ${r}${i === recipients.length - 1 ? '.' : ';'}`, { size: SIZE.recipients })],
        }),
    ),
  ];
  const titleLines = issuer.signerTitle
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean);
  const right = [
    ...titleLines.map((l) => centred([run(l.toUpperCase(), { bold: true, size: SIZE.body })])),
    ...Array.from({ length: 4 }, () => new Paragraph({ children: [] })),
    centred([run(issuer.signerName, { bold: true, size: SIZE.body })]),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(TEXT_WIDTH * 0.5), Math.round(TEXT_WIDTH * 0.5)],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: left }),
          new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: right }),
        ],
      }),
    ],
  });
}

const kindLabel = (kind: string) => UNIT_KIND_LABELS[kind as UnitKind]?.vi ?? kind;

/** Units' own words, grouped by kind of unit, each with the unit named. */
function unitNotes(notes: UnitNote[], none: string): Paragraph[] {
  if (notes.length === 0) return [body(none, { italics: true })];
  return groupNotes(notes, Object.keys(UNIT_KIND_LABELS)).flatMap((g) => [
    body(`${kindLabel(g.kind)}:`, { italics: true }),
    ...g.notes.map((n) => body(`- ${n.unit}: ${n.text.replace(/\s*\r?\n\s*/gu, '; ')}`)),
  ]);
}

/** The goals' table: indicator, target, result, status and the rule that decided it. */
function goalsTable(c: ReportContent): Table {
  const review = c.kind === 'review';
  const years = review ? (c.goals.flatMap((g) => g.indicators)[0]?.years?.map((y) => y.year) ?? []) : [];
  const headers = [
    { text: 'TT', width: 6 },
    { text: 'Chỉ tiêu', width: review ? 30 : 40 },
    ...years.map((y) => ({ text: String(y), width: Math.floor(30 / Math.max(years.length, 1)), numeric: true })),
    { text: `Mục tiêu ${c.year}`, width: 12, numeric: true },
    { text: review ? `Kết quả ${c.year}` : 'Kết quả', width: 12, numeric: true },
    { text: 'Đánh giá', width: review ? 12 : 30 },
  ];
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: headers.map((h) => cell(h.text, { bold: true, align: 'center', width: h.width })),
    }),
  ];
  let n = 0;
  for (const g of c.goals) {
    rows.push(groupRow(`${g.code}. ${g.title}`, headers.length));
    for (const i of g.indicators) {
      n++;
      const result =
        figure(i.value, i.isShare) + (i.isShare && i.denominator ? ` (${i.numerator}/${i.denominator})` : '');
      const judged = [
        new Paragraph({ children: [run(STATUS_LABELS[i.status].vi, { bold: true, size: SIZE.table })] }),
        ...(review
          ? []
          : [new Paragraph({ children: [run(i.reason ?? i.rule, { italics: true, size: SIZE.recipients })] })]),
      ];
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell(String(n), { align: 'center' }),
            cell(`${i.code}. ${i.title}`),
            ...years.map((y) =>
              cell(figure(i.years?.find((p) => p.year === y)?.value ?? null, i.isShare), { align: 'right' }),
            ),
            cell(figure(i.target, i.isShare), { align: 'right' }),
            cell(result, { align: 'right' }),
            cell(judged),
          ],
        }),
      );
    }
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

function tasksTable(c: ReportContent): Table {
  const headers = [
    { text: 'Nhiệm vụ, loại hoạt động', width: 46 },
    { text: 'Số hoạt động', width: 14, numeric: true },
    { text: 'Số đơn vị thực hiện', width: 14, numeric: true },
    { text: 'Lượt người tham gia', width: 14, numeric: true },
    { text: 'Trong đó nữ', width: 12, numeric: true },
  ];
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: headers.map((h) => cell(h.text, { bold: true, align: 'center', width: h.width })),
    }),
  ];
  for (const t of c.tasks) {
    rows.push(groupRow(`${t.code}. ${t.title}`, headers.length));
    if (t.lines.length === 0) rows.push(groupRow('Chưa có hoạt động được duyệt trong kỳ', headers.length));
    for (const l of t.lines)
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell(l.label),
            cell(figure(l.approved, false), { align: 'right' }),
            cell(figure(l.units, false), { align: 'right' }),
            cell(figure(l.participants, false), { align: 'right' }),
            cell(figure(l.female, false), { align: 'right' }),
          ],
        }),
      );
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

const chartParagraphs = (charts: ChartImage[]) =>
  charts.flatMap((ch, i) => {
    // 150 mm wide at most, in pixels at 96 dpi
    const width = Math.min(567, ch.width);
    const height = Math.round((ch.height * width) / ch.width);
    return [
      centred(
        [
          new ImageRun({
            type: 'png',
            data: ch.png,
            transformation: { width, height },
            altText: { name: `chart${i + 1}`, title: ch.caption, description: ch.caption },
          }),
        ],
        { keepNext: true },
      ),
      centred([run(`Biểu đồ ${i + 1}. ${ch.caption}`, { italics: true, size: SIZE.table })], {
        spacing: { after: 120 },
      }),
    ];
  });

const percentOf = (n: number, d: number) => (d === 0 ? '—' : figure(n / d, true));

/** The report as a DOCX in the layout of Decree 30/2020/NĐ-CP. */
export async function reportDocx(input: DocxInput): Promise<Buffer> {
  const { content: c, issuer, narrative } = input;
  const where = c.area ? ` trên địa bàn ${c.area.name}` : '';
  const children: (Paragraph | Table)[] = [
    headerBlock(issuer, input.date, input.status === 'draft'),
    centred([run('BÁO CÁO', { bold: true })], { spacing: { before: 360 } }),
    centred([run(c.title + where, { bold: true })]),
    rule(mm(60)),
    new Paragraph({ children: [] }),
  ];
  if (input.correction)
    children.push(
      body(`Báo cáo này là phiên bản ${input.version}, đính chính phiên bản trước: ${input.correction.note}`, {
        italics: true,
      }),
      ...input.correction.figures.map((f) =>
        body(`- ${f.code}. ${f.title}: trước "${f.before}", nay "${f.after}".`, { italics: true }),
      ),
      ...(input.correction.sections.length > 0
        ? [body(`- Các phần viết lại: ${input.correction.sections.join('; ')}.`, { italics: true })]
        : []),
    );
  children.push(heading('I. KẾT QUẢ THỰC HIỆN'));
  if (c.empty)
    children.push(
      body(
        `Từ ngày ${vnDate(c.from)} đến ngày ${vnDate(c.to)}${where} chưa có hoạt động nào được duyệt và chưa có ` +
          `chỉ tiêu nào có số liệu; các bảng dưới đây vì vậy để trống.`,
        { italics: true },
      ),
    );
  children.push(
    heading('1. Đánh giá chung'),
    ...narrativeParagraphs(narrative.summary, '(Cơ quan thường trực viết phần đánh giá chung.)'),
    heading('2. Kết quả thực hiện các mục tiêu'),
    body(
      `Bảng 1. Các chỉ tiêu của kế hoạch năm ${c.year}${where}: mục tiêu, kết quả tính từ dữ liệu các đơn vị báo ` +
        `cáo và đánh giá (cách đánh giá ghi dưới mỗi trạng thái).`,
      { italics: true },
    ),
    goalsTable(c),
    ...chartParagraphs(input.charts),
    heading('3. Kết quả thực hiện các nhiệm vụ'),
    body(
      `Bảng 2. Hoạt động đã được duyệt từ ngày ${vnDate(c.from)} đến ngày ${vnDate(c.to)}, theo nhóm nhiệm vụ của ` +
        `kế hoạch.`,
      { italics: true },
    ),
    tasksTable(c),
  );
  if (c.actionMonth)
    children.push(
      heading('4. Tháng hành động vì bình đẳng giới'),
      body(
        `Năm ${c.actionMonth.year}, ${figure(c.actionMonth.plans, false)} đơn vị có kế hoạch Tháng hành động được ` +
          `duyệt với ${figure(c.actionMonth.activitiesPlanned, false)} hoạt động dự kiến; ` +
          `${figure(c.actionMonth.implemented, false)} đơn vị đã tổ chức hoạt động trong Tháng hành động ` +
          `(15/11–15/12).`,
      ),
    );
  const n = c.actionMonth ? 5 : 4;
  children.push(heading(`${n}. Mô hình truyền thông`));
  if (c.models.length === 0)
    children.push(body('Chưa có mô hình truyền thông được duyệt trong kỳ.', { italics: true }));
  else
    children.push(
      body(
        `Có ${c.models.length} mô hình hoạt động trong kỳ, trong đó ${c.models.filter((m) => m.effective).length} ` +
          `mô hình được đánh giá hiệu quả ở lần đánh giá gần nhất.`,
      ),
      dataTable(
        [
          { text: 'Tên mô hình', width: 40 },
          { text: 'Đơn vị thực hiện', width: 25 },
          { text: 'Địa bàn', width: 20 },
          { text: 'Đánh giá gần nhất', width: 15 },
        ],
        c.models.map((m) => [
          m.title,
          m.unit,
          m.area,
          m.effective === null ? 'Chưa đánh giá' : m.effective ? 'Hiệu quả' : 'Chưa hiệu quả',
        ]),
      ),
    );
  children.push(
    heading(`${n + 1}. Tình hình báo cáo của các đơn vị`),
    dataTable(
      [
        { text: 'Kỳ báo cáo', width: 28 },
        { text: 'Đơn vị phải báo cáo', width: 18, numeric: true },
        { text: 'Đã báo cáo đầy đủ', width: 18, numeric: true },
        { text: 'Đúng hạn', width: 18, numeric: true },
        { text: 'Tỷ lệ đúng hạn', width: 18, numeric: true },
      ],
      c.completeness.map((r) => [
        r.label,
        figure(r.expected, false),
        figure(r.complete, false),
        figure(r.onTime, false),
        percentOf(r.onTime, r.expected),
      ]),
    ),
    heading(`${n + 2}. Kết quả nổi bật`),
    ...narrativeParagraphs(narrative.highlights, '(Cơ quan thường trực viết các kết quả nổi bật.)'),
    heading('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN'),
    ...narrativeParagraphs(narrative.difficulties, '(Cơ quan thường trực viết phần tồn tại, hạn chế.)'),
    body('Khó khăn, vướng mắc các đơn vị nêu trong báo cáo định kỳ:'),
    ...unitNotes(c.difficulties, 'Không đơn vị nào nêu khó khăn, vướng mắc.'),
    heading('III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI'),
    ...narrativeParagraphs(narrative.directions, '(Cơ quan thường trực viết phương hướng, nhiệm vụ.)'),
    heading('IV. ĐỀ XUẤT, KIẾN NGHỊ'),
    ...unitNotes(c.proposals, 'Không đơn vị nào nêu đề xuất, kiến nghị.'),
    body(
      `Ghi chú: số liệu tổng hợp bằng BĐG Monitor ngày ${vnDate(c.generatedAt.slice(0, 10))} theo kế hoạch ` +
        `${c.planId} phiên bản ${c.planVersion}, chỉ tính hồ sơ đã được duyệt; chỉ tiêu tính theo năm ` +
        `${c.year}${c.provisional ? ' (số liệu tạm thời: kỳ chưa kết thúc hoặc còn hồ sơ chờ duyệt)' : ''}. ` +
        `Danh sách đơn vị đứng sau từng số liệu ở phụ lục XLSX kèm theo.`,
      { italics: true },
    ),
    new Paragraph({
      indent: { firstLine: mm(10) },
      children: [
        run(`Mã kiểm tra số liệu (SHA-256): ${input.figuresSha256}`, { italics: true, size: SIZE.recipients }),
      ],
    }),
    new Paragraph({ children: [] }),
    signatureBlock(issuer),
  );
  const doc = new Document({
    creator: 'BĐG Monitor',
    title: `Báo cáo: ${c.title}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: mm(10),
            },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [centred([new TextRun({ children: [PageNumber.CURRENT], size: SIZE.table })])],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
