import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { agreement, type Coding } from '../../src/core/media/agreement.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, multipart, type Session } from '../helpers/factories.ts';
import type { FastifyInstance } from 'fastify';

type App = FastifyInstance;

const story = (over: Record<string, unknown> = {}) => ({
  medium: 'online',
  date: '2025-05-06',
  headline: 'Nữ kỹ sư dẫn đầu dự án điện mặt trời',
  topic: 'science_technology',
  scope: 'local',
  reporterSex: 'female',
  aboutWomen: true,
  challengesStereotypes: true,
  people: [
    { sex: 'female', occupation: 'expert', function: 'expert', quoted: true, ageBand: '35_49' },
    { sex: 'male', occupation: 'leader', function: 'spokesperson', quoted: true },
  ],
  ...over,
});

async function exercise(app: App, s: Session, name: string, start: string, end: string): Promise<number> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/media/exercises',
    headers: s.headers,
    payload: { name, startDate: start, endDate: end, media: ['online', 'tv'] },
  });
  expect(r.statusCode).toBe(201);
  return r.json().id as number;
}

describeEachEngine('media agencies: the indicator set, self-assessment, content monitoring, G4', (ctx) => {
  async function setup() {
    const app = await buildTestApp(ctx());
    const province = await buildUnit(ctx(), { kind: 'province' });
    const agency = await buildUnit(ctx(), { kind: 'media', parentCode: province.code, name: 'Báo Thử' });
    const other = await buildUnit(ctx(), { kind: 'media', parentCode: province.code, name: 'Đài Thử' });
    const commune = await buildUnit(ctx(), { kind: 'commune', parentCode: province.code });
    const office = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    const editor = await loginAs(app, (await buildUser(ctx(), 'reporter', agency.id)).username);
    const stranger = await loginAs(app, (await buildUser(ctx(), 'reporter', other.id)).username);
    const viewer = await loginAs(app, (await buildUser(ctx(), 'viewer')).username);
    return { app, province, agency, other, commune, office, editor, stranger, viewer };
  }

  it('codes stories with people, refuses bad codes by name, and computes shares with Wilson intervals', async () => {
    const { app, agency, other, office, editor, stranger, viewer } = await setup();
    const ex = await exercise(app, office, 'Ngày giám sát 6/5/2025', '2025-05-06', '2025-05-07');
    const post = (s: Session, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/media/stories', headers: s.headers, payload: body });
    const ok = await post(editor, { ...story(), exerciseId: ex, unitId: agency.id });
    expect(ok.statusCode).toBe(201);
    // the screener read the headline; the coder's own decision stands
    expect(ok.json().suggestion).toMatchObject({ stereotype: false, from: 'headline' });
    const flagged = await post(editor, {
      ...story({ headline: 'Phụ nữ thì phải lo việc nhà, đàn ông lo việc lớn', stereotype: false }),
      exerciseId: ex,
      unitId: agency.id,
      people: [{ function: 'popular_opinion' }], // no sex: unknown, counted apart
    });
    expect(flagged.statusCode).toBe(201);
    expect(flagged.json().suggestion.stereotype).toBe(true);
    // a story with no people is valid
    expect((await post(editor, { ...story({ people: [] }), exerciseId: ex, unitId: agency.id })).statusCode).toBe(201);
    // a code not in the list is refused with the list; a date outside the exercise names the field
    const bad = await post(editor, {
      ...story({ topic: 'thời tiết', date: '2025-06-01' }),
      exerciseId: ex,
      unitId: agency.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.topic).toMatch(
      /^Chủ đề: "thời tiết" không có trong danh mục \(.*Bạo lực trên cơ sở giới/u,
    );
    const badDate = await post(editor, { ...story({ date: '2025-06-01' }), exerciseId: ex, unitId: agency.id });
    expect(badDate.json().error.fields.date).toMatch(/phải trong đợt giám sát/u);
    // labels without diacritics are accepted
    const folded = await post(editor, {
      ...story({ medium: 'bao dien tu, trang tin', topic: 'bao luc tren co so gioi, bao luc gia dinh' }),
      exerciseId: ex,
      unitId: agency.id,
    });
    expect(folded.statusCode).toBe(201);
    // another agency's reporter and a viewer may not code this agency's stories; nothing is written
    const before = (
      await app.inject({ url: `/api/media/stories?unitId=${agency.id}`, headers: viewer.headers })
    ).json();
    expect((await post(stranger, { ...story(), exerciseId: ex, unitId: agency.id })).statusCode).toBe(403);
    expect((await post(viewer, { ...story(), exerciseId: ex, unitId: agency.id })).statusCode).toBe(403);
    expect((await post(editor, { ...story(), exerciseId: ex, unitId: other.id })).statusCode).toBe(403);
    const after = (await app.inject({ url: `/api/media/stories?unitId=${agency.id}`, headers: viewer.headers })).json();
    expect(after.total).toBe(before.total);
    expect(before.total).toBe(4);

    const a = (
      await app.inject({ url: `/api/media/analysis?exerciseId=${ex}&by=function`, headers: viewer.headers })
    ).json();
    // people: 2 stories × (female expert, male spokesperson), one person of unknown sex, one story with nobody
    expect(a.overall).toMatchObject({ k: 2, n: 4, unknown: 1, share: 0.5, small: true });
    expect(a.overall.low).toBeCloseTo(0.15, 4); // centre 0.5, half 1.96/1.9604 · √(0.0625 + 3.8415/64)
    expect(a.overall.high).toBeCloseTo(0.85, 4);
    const expert = a.rows.find((r: { keys: { code: string }[] }) => r.keys[0]!.code === 'expert');
    expect(expert).toMatchObject({
      k: 2,
      n: 2,
      share: 1,
      keys: [{ dimension: 'function', label: 'Chuyên gia, bình luận viên' }],
    });
    expect(a.reference.share).toBe(0.26);
    expect(a.stories).toMatchObject({ stories: 4 });
    expect(a.stories.challenge).toMatchObject({ k: 4, n: 4 });
    // three dimensions at once, and the XLSX opens again with the same figures
    const three = (
      await app.inject({
        url: `/api/media/analysis?exerciseId=${ex}&by=function,topic_group,medium`,
        headers: viewer.headers,
      })
    ).json();
    expect(three.rows.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(4);
    const x = await app.inject({
      url: `/api/media/analysis?exerciseId=${ex}&by=function&format=xlsx`,
      headers: viewer.headers,
    });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tỷ lệ nữ trong tin')!;
    const total = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).value === 'Tổng')!;
    expect([total.getCell(2).value, total.getCell(3).value, total.getCell(4).value, total.getCell(5).value]).toEqual([
      2, 4, 1, 50,
    ]);
    expect(total.getCell(8).value).toBe('n nhỏ');
    const bogus = await app.inject({ url: '/api/media/analysis?by=shoe_size', headers: viewer.headers });
    expect(bogus.statusCode).toBe(400);
  });

  it('intercoder agreement over double-coded stories', async () => {
    const { app, agency, office, editor } = await setup();
    const ex = await exercise(app, office, 'Đợt mã hoá kép', '2025-08-01', '2025-08-01');
    const first: number[] = [];
    for (const [i, topic] of ['health_care', 'gender_violence', 'culture_sport', 'economy_labour'].entries()) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/media/stories',
        headers: editor.headers,
        payload: {
          ...story({ date: '2025-08-01', topic, aboutWomen: i % 2 === 0 }),
          exerciseId: ex,
          unitId: agency.id,
        },
      });
      first.push(r.json().id);
    }
    // the office codes the same four stories again: same topics, one different "about women"
    for (const [i, topic] of ['health_care', 'gender_violence', 'culture_sport', 'economy_labour'].entries()) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/media/stories',
        headers: office.headers,
        payload: {
          ...story({ date: '2025-08-01', topic, aboutWomen: i === 3 ? true : i % 2 === 0 }),
          exerciseId: ex,
          unitId: agency.id,
          checkOf: first[i],
        },
      });
      expect(r.statusCode).toBe(201);
    }
    const ag = (await app.inject({ url: `/api/media/agreement?exerciseId=${ex}`, headers: office.headers })).json();
    expect(ag.stories).toBe(4);
    const v = (name: string) => ag.variables.find((x: { variable: string }) => x.variable === name);
    expect(v('topic')).toMatchObject({ units: 4, coders: 2, cohenKappa: 1, krippendorffAlpha: 1 });
    // about_women: A 1010, B 1011 → pₒ 0.75, pₑ 0.5·0.75 + 0.5·0.25 = 0.5, κ 0.5
    expect(v('about_women').cohenKappa).toBeCloseTo(0.5, 10);
    // medium never varies: not defined
    expect(v('medium')).toMatchObject({ cohenKappa: null, krippendorffAlpha: null });
    expect(v('person.sex')).toMatchObject({ units: 8, cohenKappa: 1 });
    // a second coding stays with its story's exercise and agency, and so does a story coded twice
    const other = await exercise(app, office, 'Đợt khác', '2025-08-01', '2025-08-01');
    const put = async (id: number, change: Record<string, unknown>) => {
      const {
        id: _id,
        version,
        suggestion: _s,
        checkOf: _c,
        ...body
      } = (await app.inject({ url: `/api/media/stories/${id}`, headers: office.headers })).json();
      return app.inject({
        method: 'PUT',
        url: `/api/media/stories/${id}`,
        headers: office.headers,
        payload: { ...body, ...change, version },
      });
    };
    const checks = (await app.inject({ url: `/api/media/stories?exerciseId=${ex}`, headers: office.headers })).json();
    const check = checks.items.find((x: { checkOf: number | null }) => x.checkOf === first[0]);
    expect((await put(check.id, { exerciseId: other })).json().error.fields.checkOf).toMatch(/cùng đợt giám sát/u);
    expect((await put(first[0]!, { exerciseId: other })).json().error.fields.exerciseId).toMatch(/mã hoá lần hai/u);
    expect((await put(first[0]!, { headline: 'Tiêu đề đã sửa' })).statusCode).toBe(200);
    // checks stay out of the figures
    const a = (await app.inject({ url: `/api/media/analysis?exerciseId=${ex}&by=`, headers: office.headers })).json();
    expect(a.stories.stories).toBe(4);
  });

  it(
    'agreement from the database equals the reference on the ' + 'same codings, stories coded twice and three times',
    async () => {
      const { app, agency, office, editor } = await setup();
      const third = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
      const ex = await exercise(app, office, 'Đợt ba người mã hoá', '2025-08-02', '2025-08-02');
      const coders = [editor, office, third];
      const variants = [
        {
          topic: 'health_care',
          aboutWomen: true,
          people: [
            { sex: 'female', function: 'expert' },
            { sex: 'male', function: 'subject' },
          ],
        },
        {
          topic: 'health_care',
          aboutWomen: false,
          people: [
            { sex: 'female', function: 'expert' },
            { sex: 'female', function: 'subject' },
          ],
        },
        { topic: 'economy_labour', aboutWomen: true, people: [{ sex: 'female', function: 'eyewitness' }] },
      ];
      const codings: Coding[] = [];
      const code = async (s: Session, coderName: string, unit: number | null, v: (typeof variants)[number]) => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/media/stories',
          headers: s.headers,
          payload: { ...story({ date: '2025-08-02', ...v }), exerciseId: ex, unitId: agency.id, checkOf: unit },
        });
        expect(r.statusCode).toBe(201);
        const id: number = unit ?? r.json().id;
        const flat: Record<string, unknown> = { ...story({ date: '2025-08-02', ...v }) };
        const story_ = { medium: flat.medium, topic: v.topic, about_women: v.aboutWomen, people: v.people.length };
        for (const [variable, value] of Object.entries(story_))
          codings.push({ unit: String(id), coder: coderName, variable, value: String(value) });
        v.people.forEach((p, j) =>
          codings.push({ unit: `${id}:${j + 1}`, coder: coderName, variable: 'person.sex', value: p.sex }),
        );
        return id;
      };
      // story 1: three coders; story 2: two coders
      const s1 = await code(coders[0]!, 'c0', null, variants[0]!);
      await code(coders[1]!, 'c1', s1, variants[1]!);
      await code(coders[2]!, 'c2', s1, variants[2]!);
      const s2 = await code(coders[0]!, 'c0', null, variants[1]!);
      await code(coders[1]!, 'c1', s2, variants[2]!);
      const api = (await app.inject({ url: `/api/media/agreement?exerciseId=${ex}`, headers: office.headers })).json();
      expect(api.stories).toBe(2);
      const reference = agreement(codings);
      for (const r of reference) {
        const got = api.variables.find((v: { variable: string }) => v.variable === r.variable);
        expect(got, r.variable).toMatchObject({ units: r.units, coders: r.coders, cohenKappa: r.cohenKappa });
        if (r.krippendorffAlpha === null) expect(got.krippendorffAlpha).toBeNull();
        else expect(got.krippendorffAlpha).toBeCloseTo(r.krippendorffAlpha, 12);
      }
      expect(reference.find((r) => r.variable === 'topic')).toMatchObject({ units: 2, coders: 3 });
    },
  );

  it(
    'self-assessment: filled from monitoring, a change needs a reason, evidence before submission, approval ' +
      'moves G4',
    async () => {
      const { app, province, agency, commune, office, editor, stranger, viewer } = await setup();
      // with the records awaiting approval (provisional figures)
      const g4 = async (code: string) =>
        (
          await app.inject({
            url: `/api/indicators/${code}?year=2025&area=${province.code}&includePending=true`,
            headers: viewer.headers,
          })
        ).json();
      expect(await g4('G4.pilot')).toMatchObject({ value: 0, numerator: 0, denominator: 2 });
      const ex1 = await exercise(app, office, 'Đợt 1', '2025-03-08', '2025-03-08');
      const ex2 = await exercise(app, office, 'Đợt 2', '2025-10-20', '2025-10-20');
      for (const [ex, date] of [
        [ex1, '2025-03-08'],
        [ex2, '2025-10-20'],
      ] as const)
        await app.inject({
          method: 'POST',
          url: '/api/media/stories',
          headers: editor.headers,
          payload: { ...story({ date }), exerciseId: ex, unitId: agency.id },
        });
      // only media agencies assess themselves, and only their own (or the office)
      const refused = await app.inject({
        method: 'POST',
        url: '/api/media/assessments',
        headers: office.headers,
        payload: { unitId: commune.id, year: 2025 },
      });
      expect(refused.json().error.fields.unitId).toMatch(/chỉ cơ quan báo chí/u);
      const open = (s: Session, unitId: number) =>
        app.inject({
          method: 'POST',
          url: '/api/media/assessments',
          headers: s.headers,
          payload: { unitId, year: 2025 },
        });
      expect((await open(stranger, agency.id)).statusCode).toBe(403);
      const opened = await open(editor, agency.id);
      expect(opened.statusCode).toBe(200);
      let a = opened.json();
      expect((await open(editor, agency.id)).json().id).toBe(a.id); // one a year
      expect(a.setVersion).toBe(1);
      // B1.1 from the two coded stories: 2 women of 4 people of known sex, over 2 days
      expect(a.answers['B1.1']).toMatchObject({ value: 50, from: 'monitoring', n: 4, days: 2 });
      expect(a.monitoring.exercises).toBe(2);
      expect(a.level.code).toBe('none');

      const answers: Record<string, { value: unknown; reason?: string }> = {};
      for (const i of a.set.indicators as { code: string; measure: string }[])
        answers[i.code] = {
          value:
            i.measure === 'yes_partly_no'
              ? 'yes'
              : i.measure === 'number'
                ? 12
                : i.measure === 'percentage'
                  ? 45
                  : undefined,
        };
      answers['B1.1'] = { value: 60 };
      const save = (s: Session, body: Record<string, unknown>) =>
        app.inject({
          method: 'PUT',
          url: `/api/media/assessments/${a.id}`,
          headers: s.headers,
          payload: { version: a.version, ...body },
        });
      const noReason = await save(editor, { answers });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.fields['answers.B1.1.reason']).toMatch(/50% \(n = 4\)/u);
      answers['B1.1'] = { value: 60, reason: 'Đợt 1 bỏ sót chuyên mục Pháp luật' };
      expect((await save(stranger, { answers })).statusCode).toBe(403);
      const saved = await save(editor, { answers });
      expect(saved.statusCode).toBe(200);
      a = saved.json();
      expect(a.answers['B1.1']).toMatchObject({
        value: 60,
        from: 'manual',
        reason: 'Đợt 1 bỏ sót chuyên mục Pháp luật',
      });
      expect(a.level.code).toBe('official');
      expect(a.scores.groups.find((g: { code: string }) => g.code === 'A1')).toMatchObject({ answered: 3, total: 3 });
      expect(a.scores.formula).toMatch(/Điểm nhóm/u);

      // evidence is asked for before submission, naming the indicators
      const submit = () =>
        app.inject({
          method: 'POST',
          url: `/api/media/assessments/${a.id}/transition`,
          headers: editor.headers,
          payload: { action: 'submit', version: a.version },
        });
      const early = await submit();
      expect(early.statusCode).toBe(400);
      expect(early.json().error.fields.evidence).toBe(
        'Minh chứng: chỉ số A1.1, A2.2, A2.3, A4.1, A5.2 cần tệp minh chứng trước khi gửi duyệt',
      );
      const evidence = [];
      for (const code of ['A1.1', 'A2.2', 'A2.3', 'A4.1', 'A5.2']) {
        const m = multipart(`${code}.pdf`, `%PDF-1.4\n% ${code} ${a.id}\n%%EOF\n`, 'application/pdf');
        const up = await app.inject({
          method: 'POST',
          url: '/api/files',
          headers: { ...editor.headers, ...m.headers },
          payload: m.payload,
        });
        expect(up.statusCode).toBe(201);
        evidence.push({ indicator: code, sha256: up.json().sha256, name: `${code}.pdf` });
      }
      a = (await save(editor, { answers, evidence })).json();
      expect(a.evidence).toHaveLength(5);
      const submitted = await submit();
      expect(submitted.statusCode).toBe(200);
      a = submitted.json();
      // it waits in the office's inbox; G4 counts it among pending records, not yet by default (approved only)
      const inbox = (await app.inject({ url: '/api/inbox', headers: office.headers })).json();
      const item = inbox.items.find(
        (i: { kind: string; id: number }) => i.kind === 'media_assessment' && i.id === a.id,
      );
      expect(item).toMatchObject({ unitName: 'Báo Thử', title: 'Tự đánh giá năm 2025' });
      expect(await g4('G4.official')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
      const approvedOnly = async () =>
        (
          await app.inject({ url: `/api/indicators/G4.pilot?year=2025&area=${province.code}`, headers: viewer.headers })
        ).json();
      expect((await approvedOnly()).numerator).toBe(0);
      const approve = await app.inject({
        method: 'POST',
        url: '/api/inbox/approve',
        headers: office.headers,
        payload: { items: [{ kind: 'media_assessment', id: a.id, version: a.version }] },
      });
      expect(approve.statusCode).toBe(200);
      const pilot = await approvedOnly();
      expect(pilot).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
      const rows = pilot.rows.map((r: { name: string; note: string; passes: boolean }) => [r.name, r.note, r.passes]);
      expect(rows).toEqual([
        ['Đài Thử', 'Chưa có bản tự đánh giá', false],
        ['Báo Thử', 'Chính thức', true],
      ]);
      // the XLSX of the figure names each agency's level too, and opens again
      const xlsx = await app.inject({
        url: `/api/indicators/G4.pilot/export.xlsx?year=2025&area=${province.code}`,
        headers: viewer.headers,
      });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const cells = book.worksheets[0]!.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : []));
      expect(cells).toEqual(expect.arrayContaining(['Ghi chú', 'Chính thức', 'Chưa có bản tự đánh giá']));
      // approved: locked; the history names every step
      expect((await save(editor, { answers })).statusCode).toBe(409);
      const full = (await app.inject({ url: `/api/media/assessments/${a.id}`, headers: viewer.headers })).json();
      expect(full.history.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'approve']);
    },
  );

  it(
    'an agency closed mid-year is judged on its own year like ' + 'any unit; one opened after the year is not counted',
    async () => {
      const { app, province, office, viewer } = await setup();
      const closed = await buildUnit(ctx(), {
        kind: 'media',
        parentCode: province.code,
        to: '2025-06-30',
        name: 'Báo Đã Đóng',
      });
      await buildUnit(ctx(), { kind: 'media', parentCode: province.code, from: '2026-01-01', name: 'Báo Mới' });
      const ex = await exercise(app, office, 'Đợt sớm', '2025-03-01', '2025-03-01');
      await app.inject({
        method: 'POST',
        url: '/api/media/stories',
        headers: office.headers,
        payload: { ...story({ date: '2025-03-01' }), exerciseId: ex, unitId: closed.id },
      });
      const a = (
        await app.inject({
          method: 'POST',
          url: '/api/media/assessments',
          headers: office.headers,
          payload: { unitId: closed.id, year: 2025 },
        })
      ).json();
      const answers: Record<string, { value: unknown }> = {};
      for (const i of (a.set.indicators as { code: string; measure: string }[]).slice(0, 14))
        answers[i.code] = { value: i.measure === 'yes_partly_no' ? 'partly' : i.measure === 'number' ? 3 : 30 };
      const saved = (
        await app.inject({
          method: 'PUT',
          url: `/api/media/assessments/${a.id}`,
          headers: office.headers,
          payload: { version: a.version, answers },
        })
      ).json();
      // 14 A answers + 11 B from monitoring (people and stories coded) = 25: pilot, not official
      expect(saved.level.code).toBe('pilot');
      expect(
        saved.level.criteria.official.filter((c: { met: boolean }) => !c.met).map((c: { text: string }) => c.text),
      ).toEqual([
        'Đánh giá đủ 26 chỉ số (đã có 25)',
        'A4.1 Có chính sách bằng văn bản về bình đẳng giới trong nội dung (đã ban hành): Có (hiện: Một phần)',
        'Giám sát nội dung ít nhất 2 đợt trong năm (đã có 1)',
      ]);
      const g = (
        await app.inject({ url: `/api/indicators/G4.pilot?year=2025&area=${province.code}`, headers: viewer.headers })
      ).json();
      // the closed agency counts in 2025 (3 agencies: two of setup and the closed one), the new one does not;
      // its self-assessment is a draft, which no figure counts
      expect(g).toMatchObject({ numerator: 0, denominator: 3 });
      expect(g.rows.map((r: { code: string }) => r.code)).toContain(closed.code);
    },
  );

  it(
    'coordinators edit the set as a new version; problems ' + 'name their line; assessments keep their version',
    async () => {
      const { app, office, editor } = await setup();
      const current = (await app.inject({ url: '/api/media/set', headers: editor.headers })).json();
      const put = (s: Session, yaml: string, expectedVersion: number) =>
        app.inject({
          method: 'POST',
          url: '/api/media/set',
          headers: s.headers,
          payload: { yaml, expectedVersion, note: 'thử' },
        });
      expect((await put(editor, current.yaml, current.version)).statusCode).toBe(403);
      const broken = current.yaml.replace('rule: parity', 'rule: fairness');
      const bad = await put(office, broken, current.version);
      expect(bad.statusCode).toBe(400);
      const line = broken.split('\n').findIndex((l: string) => l.includes('fairness')) + 1;
      expect(bad.json().error.message).toMatch(new RegExp(`dòng ${line - 1}|dòng ${line}`, 'u'));
      const same = await put(office, current.yaml, current.version);
      expect(same.json()).toEqual({ version: current.version, changed: false });
      const edited = current.yaml.replace('count: 12', 'count: 10');
      const saved = await put(office, edited, current.version);
      expect(saved.json()).toEqual({ version: current.version + 1, changed: true });
      expect((await put(office, edited, current.version)).statusCode).toBe(409);
      const versions = (await app.inject({ url: '/api/media/set/versions', headers: editor.headers })).json();
      expect(versions[0]).toMatchObject({ version: current.version + 1, note: 'thử' });
      const old = (
        await app.inject({ url: `/api/media/set?version=${current.version}`, headers: editor.headers })
      ).json();
      expect(old.set.levels.pilot.criteria[0].count).toBe(12);
    },
  );

  it(
    'coding sheet: the template opens again with its lists; an import is all or nothing, errors by line and ' +
      'column',
    async () => {
      const { app, agency, other, office, editor, viewer } = await setup();
      const ex = await exercise(app, office, 'Đợt nhập tệp', '2025-09-10', '2025-09-11');
      const t = await app.inject({ url: '/api/media/stories/template.xlsx', headers: viewer.headers });
      expect(t.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Mã hoá tin bài')!;
      const headers = (ws.getRow(1).values as string[]).slice(1);
      expect(headers[0]).toBe('Số thứ tự tin bài (story_no) *');
      expect(headers).toContain('Người trong tin: vai trò (person_function)');
      const lists = wb.getWorksheet('Danh mục')!;
      expect((lists.getColumn(1).values as string[]).slice(2)).toEqual([
        'Báo in',
        'Phát thanh',
        'Truyền hình',
        'Báo điện tử, trang tin',
        'Mạng xã hội của cơ quan',
      ]);
      expect(ws.getCell('C5').dataValidation).toMatchObject({ type: 'list' });
      expect(ws.getCell('B2').value).toBe('VI-DU');
      const col = (code: string) => headers.findIndex((h) => h.includes(`(${code})`)) + 1;
      const fill = (rows: Record<string, string | number>[]) => {
        // the template's example rows are cleared; rows with drop-downs but no values are skipped on import
        for (let r = 2; r <= 12; r++) headers.forEach((_, c) => (ws.getRow(r).getCell(c + 1).value = null));
        rows.forEach((r, i) => {
          for (const [k, v] of Object.entries(r)) ws.getRow(i + 2).getCell(col(k)).value = v;
        });
        return wb.xlsx.writeBuffer();
      };
      const good: Record<string, string | number>[] = [
        {
          story_no: 1,
          unit_code: agency.code,
          medium: 'Truyền hình',
          date: '10/09/2025',
          headline: 'Bản tin thời sự',
          topic: 'Bạo lực trên cơ sở giới, bạo lực gia đình',
          about_women: 'Có',
          person_sex: 'Nữ',
          person_function: 'Kể trải nghiệm cá nhân',
          person_victim: 'Người vượt qua (survivor)',
        },
        {
          story_no: 1,
          person_sex: 'Nam',
          person_function: 'Người phát ngôn',
          person_occupation: 'Công an, quân đội',
          person_quoted: 'Có',
        },
        {
          story_no: 2,
          unit_code: agency.code,
          medium: 'Báo điện tử, trang tin',
          date: '11/09/2025',
          headline: 'Giá lúa tăng',
          topic: 'Nông nghiệp, nông thôn',
        },
      ];
      const imp = async (buf: ArrayBuffer, s: Session = editor) => {
        const m = multipart('ma-hoa.xlsx', Buffer.from(buf));
        return app.inject({
          method: 'POST',
          url: `/api/media/stories/import?exerciseId=${ex}`,
          headers: { ...s.headers, ...m.headers },
          payload: m.payload,
        });
      };
      const count = async () =>
        (await app.inject({ url: `/api/media/stories?exerciseId=${ex}`, headers: viewer.headers })).json().total;
      // one bad row (a topic not in the list, on line 4; another agency on line 5): nothing is written
      const bad = await imp(
        await fill([
          ...good,
          {
            story_no: 3,
            unit_code: agency.code,
            date: '11/09/2025',
            headline: 'Tin lỗi',
            topic: 'Thời tiết',
            medium: 'Phát thanh',
          },
          {
            story_no: 4,
            unit_code: other.code,
            date: '11/09/2025',
            headline: 'Tin của đài khác',
            topic: 'Thể thao',
            medium: 'Phát thanh',
          },
        ]),
      );
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.rows).toEqual([
        { line: 5, column: 'topic', reason: expect.stringMatching(/^Chủ đề: "Thời tiết" không có trong danh mục/u) },
        { line: 6, column: 'unit_code', reason: 'bạn không có quyền mã hoá tin bài của cơ quan này' },
      ]);
      expect(await count()).toBe(0);
      const ok = await imp(await fill(good));
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ rows: 3, created: 2, stories: 2, people: 2 });
      expect(await count()).toBe(2);
      const a = (
        await app.inject({ url: `/api/media/analysis?exerciseId=${ex}&by=function`, headers: viewer.headers })
      ).json();
      expect(a.overall).toMatchObject({ k: 1, n: 2 });
      // a viewer sends no file at all
      expect((await imp(await fill(good), viewer)).statusCode).toBe(403);
    },
  );

  it('the demo: agencies at every level in 2024 and 2025, labelled, with double-coded stories', async () => {
    const { app, viewer } = await setup();
    await seedDemo(ctx());
    const levels = async (year: number) =>
      Object.fromEntries(
        (await app.inject({ url: `/api/media/assessments?year=${year}`, headers: viewer.headers }))
          .json()
          .filter((a: { unitCode: string }) => a.unitCode.startsWith('DEMO-'))
          .map((a: { unitCode: string; level: { code: string } }) => [a.unitCode, a.level.code]),
      );
    expect(await levels(2024)).toEqual({ 'DEMO-BAO': 'official', 'DEMO-PTTH': 'pilot', 'DEMO-CTTDT': 'none' });
    expect(await levels(2025)).toEqual({
      'DEMO-BAO': 'pilot',
      'DEMO-PTTH': 'none',
      'DEMO-BPTTH': 'official',
      'DEMO-CTTDT': 'pilot',
    });
    const exercises = (await app.inject({ url: '/api/media/exercises', headers: viewer.headers })).json();
    expect(exercises.filter((e: { name: string }) => e.name.endsWith('(mẫu)')).length).toBe(5);
    const double = exercises.find((e: { checks: number }) => e.checks > 0);
    const ag = (
      await app.inject({ url: `/api/media/agreement?exerciseId=${double.id}`, headers: viewer.headers })
    ).json();
    expect(ag.stories).toBe(double.stories);
    const topic = ag.variables.find((v: { variable: string }) => v.variable === 'topic');
    expect(topic.coders).toBe(2);
    expect(topic.cohenKappa).toBeGreaterThan(0.6);
    expect(topic.cohenKappa).toBeLessThan(1);
    const g4 = async (query = '') =>
      (
        await app.inject({ url: `/api/indicators/G4.pilot?year=2025&area=DEMO${query}`, headers: viewer.headers })
      ).json();
    // approved: the newspaper and the portal reach pilot; with the one awaiting approval (official), three
    expect(await g4()).toMatchObject({ numerator: 2, denominator: 4 });
    expect(await g4('&includePending=true')).toMatchObject({ numerator: 3, denominator: 4 });
  });
});
