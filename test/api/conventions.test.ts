import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { todayInVietnam } from '../../src/core/dates.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs } from '../helpers/factories.ts';

const TEXT = [
  'HƯƠNG ƯỚC THÔN ĐÔNG',
  'Điều 1. Phạm vi',
  'Hương ước quy định các việc chung của thôn.',
  'Điều 4. Thừa kế và thờ cúng',
  '1. Con gái đã lấy chồng không được chia đất hương hỏa.',
  '2. Con trai, con gái đều được thờ cúng tổ tiên.',
  'Điều 6. Cưới hỏi',
  '1. Nhà trai phải nộp tiền cheo cho thôn.',
].join('\n');

describeEachEngine('community conventions: register, review, amendment, G6', (ctx) => {
  async function setup() {
    const app = await buildTestApp(ctx());
    const commune = await buildUnit(ctx(), { kind: 'commune' });
    const other = await buildUnit(ctx(), { kind: 'commune' });
    const village = await buildUnit(ctx(), { kind: 'village', parentCode: commune.code });
    const r = await loginAs(app, (await buildUser(ctx(), 'reporter', commune.id)).username);
    const stranger = await loginAs(app, (await buildUser(ctx(), 'reporter', other.id)).username);
    const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    const body = (over: Record<string, unknown> = {}) => ({
      villageUnitId: village.id,
      title: 'Hương ước thôn Đông',
      kind: 'huong_uoc',
      adoptedOn: '2024-03-01',
      householdsAgreePct: 82.5,
      decisionNumber: '15/QĐ-UBND',
      decisionDate: '2024-03-20',
      status: 'in_force',
      text: TEXT,
      ...over,
    });
    return { app, commune, other, village, r, stranger, c, body };
  }

  it(
    'registers a convention of a village, screens it at once, ' + 'and only its commune (or the office) may manage it',
    async () => {
      const { app, r, stranger, body, commune } = await setup();
      const low = await app.inject({
        method: 'POST',
        url: '/api/conventions',
        headers: r.headers,
        payload: body({ householdsAgreePct: 40 }),
      });
      expect(low.json().error.fields.householdsAgreePct).toContain('trên 50%');
      expect(
        (await app.inject({ method: 'POST', url: '/api/conventions', headers: stranger.headers, payload: body() }))
          .statusCode,
      ).toBe(403);
      const res = await app.inject({ method: 'POST', url: '/api/conventions', headers: r.headers, payload: body() });
      expect(res.statusCode, res.body).toBe(201);
      const conv = res.json();
      expect(conv.communeUnitId).toBe(commune.id);
      expect(conv.texts).toHaveLength(1);
      expect(
        conv.findings.map((f: { location: string; rule: string; status: string }) => [f.location, f.rule, f.status]),
      ).toEqual([
        ['Điều 4, khoản 1', 'female-excluded', 'open'],
        ['Điều 6, khoản 1', 'dowry-required', 'open'],
      ]);
      const f = conv.findings[0];
      expect(TEXT.slice(f.start, f.end)).toBe(f.excerpt);
      // open findings await review: in force and nothing confirmed counts as free
      expect(conv.free).toBe(true);
      const review = await app.inject({
        method: 'POST',
        url: `/api/conventions/${conv.id}/findings/${f.id}/review`,
        headers: stranger.headers,
        payload: { decision: 'confirm', note: 'Đúng là phân biệt' },
      });
      expect(review.statusCode).toBe(403);
    },
  );

  it(
    'confirm with a note, dismiss with a reason, mark a missed clause; an amendment resolves what was confirmed ' +
      'and counts for G6',
    async () => {
      const { app, r, c, body } = await setup();
      let conv = (
        await app.inject({
          method: 'POST',
          url: '/api/conventions',
          headers: r.headers,
          payload: body({ adoptedOn: '2023-03-01', decisionDate: '2023-03-20' }),
        })
      ).json();
      const [inherit, cheo] = conv.findings;
      const noNote = await app.inject({
        method: 'POST',
        url: `/api/conventions/${conv.id}/findings/${inherit.id}/review`,
        headers: r.headers,
        payload: { decision: 'confirm' },
      });
      expect(noNote.json().error.fields.note).toContain('nhận xét');
      conv = (
        await app.inject({
          method: 'POST',
          url: `/api/conventions/${conv.id}/findings/${inherit.id}/review`,
          headers: r.headers,
          payload: { decision: 'confirm', note: 'Trái Bộ luật Dân sự' },
        })
      ).json();
      conv = (
        await app.inject({
          method: 'POST',
          url: `/api/conventions/${conv.id}/findings/${cheo.id}/review`,
          headers: c.headers,
          payload: { decision: 'dismiss', note: 'Khoản đóng góp xây dựng thôn, cả hai bên' },
        })
      ).json();
      conv = (
        await app.inject({
          method: 'POST',
          url: `/api/conventions/${conv.id}/findings`,
          headers: r.headers,
          payload: {
            location: 'Điều 1',
            excerpt: 'các việc chung',
            note: 'Bỏ sót: thử đánh dấu',
            category: 'stereotype',
          },
        })
      ).json();
      expect(conv.findings.map((f: { status: string }) => f.status)).toEqual(['confirmed', 'dismissed', 'confirmed']);
      expect(conv.free).toBe(false);
      const g6 = async () => (await app.inject({ url: '/api/indicators/G6?year=2024', headers: c.headers })).json();
      const before = await g6();
      const report = (await app.inject({ url: '/api/conventions/false-alarms', headers: c.headers })).json();
      expect(report.find((x: { rule: string }) => x.rule === 'dowry-required')).toMatchObject({ dismissed: 1 });

      const amended = TEXT.replace(
        '1. Con gái đã lấy chồng không được chia đất hương hỏa.',
        '1. Con trai, con gái đều được chia đất hương hỏa như nhau.',
      );
      const bad = await app.inject({
        method: 'POST',
        url: `/api/conventions/${conv.id}/amendments`,
        headers: r.headers,
        payload: { text: amended },
      });
      expect(Object.keys(bad.json().error.fields).sort()).toEqual(['decisionNumber', 'effectiveDate']);
      conv = (
        await app.inject({
          method: 'POST',
          url: `/api/conventions/${conv.id}/amendments`,
          headers: r.headers,
          payload: { text: amended, effectiveDate: '2024-06-01', decisionNumber: '30/QĐ-UBND' },
        })
      ).json();
      expect(conv.texts).toHaveLength(2);
      expect(conv.findings.filter((f: { status: string }) => f.status === 'resolved')).toHaveLength(2);
      expect(
        conv.findings.some(
          (f: { status: string; location: string }) => f.status === 'open' && f.location === 'Điều 4, khoản 1',
        ),
      ).toBe(false);
      expect(conv.free).toBe(true);
      const diff = (
        await app.inject({ url: `/api/conventions/${conv.id}/compare?from=1&to=2`, headers: c.headers })
      ).json();
      expect(
        diff.parts.filter((p: { removed: boolean }) => p.removed).map((p: { value: string }) => p.value.trim()),
      ).toEqual(['1. Con gái đã lấy chồng không được chia đất hương hỏa.']);
      const after = await g6();
      expect(after.numerator - before.numerator).toBe(1);
      expect(after.denominator).toBe(before.denominator);

      // the decisions, resolved ones included, as a candidate batch for the screener's corpus: the office's download
      const feedbackUrl = '/api/conventions/screener-feedback.yaml';
      expect((await app.inject({ url: feedbackUrl, headers: r.headers })).statusCode).toBe(403);
      const feedback = await app.inject({ url: feedbackUrl, headers: c.headers });
      expect(feedback.statusCode, feedback.body).toBe(200);
      expect(feedback.headers['content-type']).toContain('application/yaml');
      expect(feedback.headers['content-disposition']).toMatch(/^attachment; filename="screener-feedback-/u);
      // what is not quoted is counted: this convention's open findings at least (other tests leave theirs too)
      const open = conv.findings.filter((f: { status: string }) => f.status === 'open').length;
      expect(Number(/# Bỏ qua: (\d+) chưa xem xét/u.exec(feedback.body)?.[1])).toBeGreaterThanOrEqual(open);
      const sources = parseYaml(feedback.body) as { url: string; title: string; rows: unknown[] }[];
      const mine = sources.find((s) => s.url.endsWith(`/#/conventions/${conv.id}`));
      expect(mine?.title).toMatch(/^Hương ước thôn Đông — /u);
      expect(mine?.rows).toEqual([
        // whole sentences, where a finding quotes only the words its rule matched
        {
          label: 'discriminatory',
          form: 'decreed',
          theme: 'general',
          text: 'Con gái đã lấy chồng không được chia đất hương hỏa.',
        },
        { label: 'neutral', theme: 'general', text: 'Nhà trai phải nộp tiền cheo cho thôn.' },
        { label: 'stereotype', theme: 'general', text: 'các việc chung' },
      ]);
      // from a day on: today's decisions are in, none from tomorrow; a day that does not exist is refused by name
      const since = async (day: string) => app.inject({ url: `${feedbackUrl}?since=${day}`, headers: c.headers });
      const today = todayInVietnam();
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const fromToday = parseYaml((await since(today)).body) as { url: string }[];
      expect(fromToday.some((s) => s.url.endsWith(`/#/conventions/${conv.id}`))).toBe(true);
      const fromTomorrow = await since(tomorrow);
      expect(fromTomorrow.body).toContain(`quyết định từ ngày ${tomorrow}`);
      expect((parseYaml(fromTomorrow.body) as { url: string }[]).some((s) => s.url.endsWith(`/${conv.id}`))).toBe(
        false,
      );
      const noSuchDay = await since('31/02/2024');
      expect(noSuchDay.statusCode).toBe(400);
      expect(noSuchDay.json().error.fields.since).toContain('Từ ngày');
    },
  );

  it('a commune creates its villages; a convention must belong to a village of a commune', async () => {
    const { app, r, stranger, commune, body } = await setup();
    const v = await app.inject({
      method: 'POST',
      url: '/api/conventions/villages',
      headers: r.headers,
      payload: { communeId: commune.id, name: 'Tổ dân phố 3' },
    });
    expect(v.statusCode, v.body).toBe(200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/conventions/villages',
          headers: stranger.headers,
          payload: { communeId: commune.id, name: 'Thôn lạ' },
        })
      ).statusCode,
    ).toBe(403);
    const notVillage = await app.inject({
      method: 'POST',
      url: '/api/conventions',
      headers: r.headers,
      payload: body({ villageUnitId: commune.id }),
    });
    expect(notVillage.json().error.fields.villageUnitId).toContain('thôn, tổ dân phố');
    const onNew = await app.inject({
      method: 'POST',
      url: '/api/conventions',
      headers: r.headers,
      payload: body({ villageUnitId: v.json().id, status: 'draft', adoptedOn: null }),
    });
    expect(onNew.statusCode, onNew.body).toBe(201);
  });

  it('screens pasted text for anyone signed in', async () => {
    const { app, stranger } = await setup();
    const res = await app.inject({
      method: 'POST',
      url: '/api/screen',
      headers: stranger.headers,
      payload: { text: 'Điều 2. Phụ nữ không được vào đình.\nĐiều 3. Nam, nữ đều được dự họp.' },
    });
    expect(res.json().findings.map((f: { location: string }) => f.location)).toEqual(['Điều 2']);
  });

  it('stores a custom the text describes as its own kind, with a low severity (issue 14)', async () => {
    const { app, r, body } = await setup();
    const text = 'Điều 1. Phạm vi\nĐiều 2. Theo tục lệ của thôn, con gái đã lấy chồng không được chia đất hương hỏa.';
    const screened = await app.inject({ method: 'POST', url: '/api/screen', headers: r.headers, payload: { text } });
    expect(
      screened.json().findings.map((f: { category: string; severity: string }) => [f.category, f.severity]),
    ).toEqual([['described', 'low']]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/conventions',
      headers: r.headers,
      payload: body({ text }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().findings.map((f: { location: string; category: string }) => [f.location, f.category])).toEqual([
      ['Điều 2', 'described'],
    ]);
  });
});
