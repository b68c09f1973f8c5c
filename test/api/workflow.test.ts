import { expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, multipart } from '../helpers/factories.ts';

const body = (unitId: number, over: Record<string, unknown> = {}) => ({
  unitId,
  date: '2024-11-20',
  title: 'Hội nghị Tháng hành động',
  form: 'conference',
  topics: ['gbv'],
  participantsTotal: 40,
  participantsFemale: 20,
  participantsMale: 20,
  ...over,
});

describeEachEngine('approval workflow', (ctx) => {
  async function setup() {
    const app = await buildTestApp(ctx());
    const unit = await buildUnit(ctx(), { kind: 'association' });
    const r = await loginAs(app, (await buildUser(ctx(), 'reporter', unit.id)).username);
    const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    const step = (who: { headers: Record<string, string> }, id: number, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/sessions/${id}/transition`, headers: who.headers, payload });
    return { app, unit, r, c, step };
  }

  it(
    'draft → submitted → returned (with a reason) → resubmitted → approved and locked → reopened; history and ' +
      'changes since approval',
    async () => {
      const { app, unit, r, c, step } = await setup();
      let s = (
        await app.inject({ method: 'POST', url: '/api/sessions', headers: r.headers, payload: body(unit.id) })
      ).json();
      expect(s.status).toBe('draft');
      s = (await step(r, s.id, { action: 'submit', version: s.version })).json();
      expect(s.status).toBe('submitted');
      const locked = await app.inject({
        method: 'PUT',
        url: `/api/sessions/${s.id}`,
        headers: r.headers,
        payload: body(unit.id, { version: s.version, title: 'Sửa khi chờ duyệt' }),
      });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.code).toBe('LOCKED');
      expect((await step(r, s.id, { action: 'approve', version: s.version })).statusCode).toBe(403);
      const noReason = await step(c, s.id, { action: 'return', version: s.version });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.fields.comment).toContain('lý do');
      s = (
        await step(c, s.id, { action: 'return', version: s.version, comment: 'Thiếu danh sách người tham dự' })
      ).json();
      expect(s.status).toBe('returned');
      s = (
        await app.inject({
          method: 'PUT',
          url: `/api/sessions/${s.id}`,
          headers: r.headers,
          payload: body(unit.id, { version: s.version, participantsTotal: 45 }),
        })
      ).json();
      s = (await step(r, s.id, { action: 'submit', version: s.version })).json();
      const stale = await step(c, s.id, { action: 'approve', version: s.version - 1 });
      expect(stale.json().error.code).toBe('CONFLICT');
      s = (await step(c, s.id, { action: 'approve', version: s.version })).json();
      expect(s.status).toBe('approved');
      expect((await step(c, s.id, { action: 'approve', version: s.version })).json().error.code).toBe(
        'INVALID_TRANSITION',
      );
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/sessions/${s.id}?version=${s.version}`,
        headers: r.headers,
      });
      expect(del.json().error.code).toBe('LOCKED');
      expect((await step(c, s.id, { action: 'reopen', version: s.version })).statusCode).toBe(400);
      s = (await step(c, s.id, { action: 'reopen', version: s.version, comment: 'Sai ngày' })).json();
      expect(s.status).toBe('returned');
      s = (
        await app.inject({
          method: 'PUT',
          url: `/api/sessions/${s.id}`,
          headers: r.headers,
          payload: body(unit.id, { version: s.version, participantsTotal: 45, date: '2024-11-21' }),
        })
      ).json();
      const history = (await app.inject({ url: `/api/sessions/${s.id}/history`, headers: r.headers })).json();
      expect(history.events.map((e: { action: string }) => e.action)).toEqual([
        'create',
        'submit',
        'return',
        'submit',
        'approve',
        'reopen',
      ]);
      expect(history.events[2]).toMatchObject({
        from: 'submitted',
        to: 'returned',
        comment: 'Thiếu danh sách người tham dự',
      });
      expect(history.changedSinceApproval).toEqual([{ field: 'date', before: '2024-11-20', after: '2024-11-21' }]);
    },
  );

  it(
    "a unit's own work: what was returned and why (newest first), drafts not yet sent, " + 'every kind together',
    async () => {
      const { app, unit, r, c, step } = await setup();
      const other = await buildUnit(ctx(), { kind: 'association' });
      const elsewhere = await loginAs(app, (await buildUser(ctx(), 'reporter', other.id)).username);
      const session = async (title: string) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/sessions',
            headers: r.headers,
            payload: body(unit.id, { title }),
          })
        ).json();
      const draft = await session('Hội nghị còn nháp');
      const sent = await session('Hội nghị bị trả lại');
      const course = (
        await app.inject({
          method: 'POST',
          url: '/api/records/training_course',
          headers: r.headers,
          payload: {
            unitId: unit.id,
            data: {
              title: 'Lớp tập huấn bị trả lại',
              date: '2024-11-21',
              endDate: '2024-11-21',
              audiences: ['communicators'],
              participantsTotal: 20,
            },
            submit: true,
          },
        })
      ).json();
      expect(course.status, JSON.stringify(course)).toBe('submitted');
      const s1 = (await step(r, sent.id, { action: 'submit', version: sent.version })).json();
      await step(c, s1.id, { action: 'return', version: s1.version, comment: 'Thiếu danh sách người tham dự' });
      await app.inject({
        method: 'POST',
        url: `/api/records/training_course/${course.id}/transition`,
        headers: c.headers,
        payload: { action: 'return', version: course.version, comment: 'Chưa có danh sách học viên' },
      });
      const work = (await app.inject({ url: '/api/my-work', headers: r.headers })).json();
      expect(work.unitId).toBe(unit.id);
      expect(work.returned.map((w: { title: string; reason: string }) => [w.title, w.reason])).toEqual([
        ['Lớp tập huấn bị trả lại', 'Chưa có danh sách học viên'],
        ['Hội nghị bị trả lại', 'Thiếu danh sách người tham dự'],
      ]);
      expect(work.returned[0]).toMatchObject({
        kind: 'training_course',
        kindLabel: expect.stringMatching(/tập huấn/u),
      });
      expect(work.drafts).toEqual({
        total: 1,
        items: [expect.objectContaining({ kind: 'communication_session', id: draft.id, title: 'Hội nghị còn nháp' })],
      });
      // another unit sees none of it; the office, without a unit, has its inbox instead
      const theirs = (await app.inject({ url: '/api/my-work', headers: elsewhere.headers })).json();
      expect([theirs.returned, theirs.drafts.total]).toEqual([[], 0]);
      expect((await app.inject({ url: '/api/my-work', headers: c.headers })).json()).toEqual({
        unitId: null,
        returned: [],
        drafts: { total: 0, items: [] },
      });
    },
  );

  it('an inbox of what awaits approval, approved in bulk, all or nothing', async () => {
    const { app, unit, r, c } = await setup();
    const made = [];
    for (const title of ['Một', 'Hai', 'Ba'])
      made.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/sessions',
            headers: r.headers,
            payload: body(unit.id, { title: `Hoạt động ${title}`, submit: true }),
          })
        ).json(),
      );
    expect(made.every((m) => m.status === 'submitted')).toBe(true);
    expect((await app.inject({ url: '/api/inbox', headers: r.headers })).statusCode).toBe(403);
    const inbox = (await app.inject({ url: '/api/inbox', headers: c.headers })).json();
    expect(inbox.items.filter((i: { unitId: number }) => i.unitId === unit.id)).toHaveLength(3);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/inbox/approve',
      headers: c.headers,
      payload: {
        items: [
          { id: made[0].id, version: made[0].version },
          { id: made[1].id, version: made[1].version + 5 },
        ],
      },
    });
    expect(bad.statusCode).toBe(409);
    expect((await app.inject({ url: `/api/sessions/${made[0].id}`, headers: c.headers })).json().status).toBe(
      'submitted',
    );
    const ok = await app.inject({
      method: 'POST',
      url: '/api/inbox/approve',
      headers: c.headers,
      payload: { items: made.map((m) => ({ id: m.id, version: m.version })) },
    });
    expect(ok.json()).toEqual({ approved: 3 });
    const after = (await app.inject({ url: '/api/inbox', headers: c.headers })).json();
    expect(after.items.filter((i: { unitId: number }) => i.unitId === unit.id)).toHaveLength(0);
  });

  it(
    'counts approved records by default, those awaiting approval when asked (provisional), drafts never; imports ' +
      'by a unit await approval',
    async () => {
      const { app, unit, r, c } = await setup();
      const csv =
        'unit_code,date,title,form,participants_total,participants_female,participants_male\n' +
        `${unit.code},2023-03-05,Một,conference,10,5,5\n${unit.code},2023-03-06,Hai,conference,10,5,5\n`;
      const m = multipart('s.csv', csv, 'text/csv');
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/sessions/import',
            headers: { ...r.headers, ...m.headers },
            payload: m.payload,
          })
        ).statusCode,
      ).toBe(200);
      const list = (await app.inject({ url: `/api/sessions?unitId=${unit.id}&year=2023`, headers: r.headers })).json();
      expect(list.items.map((i: { status: string }) => i.status)).toEqual(['submitted', 'submitted']);
      // a draft of the same unit and year: never counted
      const draft = await app.inject({
        method: 'POST',
        url: '/api/sessions',
        headers: r.headers,
        payload: {
          unitId: unit.id,
          date: '2023-04-01',
          title: 'Bản nháp',
          form: 'conference',
          topics: ['gender_equality_law'],
          participantsTotal: 10,
          participantsFemale: 5,
          participantsMale: 5,
        },
      });
      expect(draft.statusCode).toBe(201);
      const g1 = async (query = '') =>
        (
          await app.inject({
            url: `/api/indicators/G1.sessions?year=2023&areaId=${unit.id}${query}`,
            headers: c.headers,
          })
        ).json();
      const [approvedOnly, pending] = [await g1(), await g1('&includePending=true')];
      expect([approvedOnly.value, pending.value]).toEqual([0, 2]);
      expect(approvedOnly.view.words.vi).toContain('Chỉ tính hồ sơ đã duyệt');
      expect(approvedOnly).toMatchObject({ provisional: false, view: { includePending: false } });
      expect(pending).toMatchObject({ provisional: true, view: { includePending: true } });
      expect(pending.view.words.vi).toContain('Số liệu tạm: tính cả hồ sơ đang chờ duyệt');
      const m2 = multipart('s.csv', csv, 'text/csv');
      await app.inject({
        method: 'POST',
        url: '/api/sessions/import',
        headers: { ...c.headers, ...m2.headers },
        payload: m2.payload,
      });
      expect((await g1()).value).toBe(2);
    },
  );
});
