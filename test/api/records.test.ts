import { expect, it } from 'vitest';
import { RECORD_TYPE_CODES } from '../../src/core/records/types.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, multipart } from '../helpers/factories.ts';
import { invalidData, validData } from '../helpers/records.ts';

describeEachEngine('record types', (ctx) => {
  async function setup() {
    const app = await buildTestApp(ctx());
    const unit = await buildUnit(ctx(), { kind: 'commune' });
    const other = await buildUnit(ctx(), { kind: 'commune' });
    const r = await loginAs(app, (await buildUser(ctx(), 'reporter', unit.id)).username);
    const stranger = await loginAs(app, (await buildUser(ctx(), 'reporter', other.id)).username);
    const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    return { app, unit, other, r, stranger, c };
  }

  it(
    'every type: created with its fields, checked field by field in Vietnamese, only by its unit, through the ' +
      'workflow, with optimistic concurrency',
    async () => {
      const { app, unit, other, r, stranger, c } = await setup();
      for (const type of RECORD_TYPE_CODES) {
        const url = `/api/records/${type}`;
        const bad = invalidData(type, other.id);
        const refused = await app.inject({
          method: 'POST',
          url,
          headers: r.headers,
          payload: { unitId: unit.id, data: bad.data },
        });
        expect(refused.statusCode, type).toBe(400);
        expect(Object.keys(refused.json().error.fields), type).toContain(bad.field);
        expect(refused.json().error.message, type).toMatch(/[ạảãáàâăđêôơư]/u);
        const foreign = await app.inject({
          method: 'POST',
          url,
          headers: stranger.headers,
          payload: { unitId: unit.id, data: validData(type, other.id) },
        });
        expect(foreign.statusCode, type).toBe(403);
        const res = await app.inject({
          method: 'POST',
          url,
          headers: r.headers,
          payload: { unitId: unit.id, data: validData(type, other.id) },
        });
        expect(res.statusCode, `${type}: ${res.body}`).toBe(201);
        let rec = res.json();
        expect(rec).toMatchObject({ type, unitId: unit.id, status: 'draft', version: 1 });
        const stale = await app.inject({
          method: 'PUT',
          url: `${url}/${rec.id}`,
          headers: r.headers,
          payload: { unitId: unit.id, data: validData(type, other.id), version: 7 },
        });
        expect(stale.json().error.code, type).toBe('CONFLICT');
        expect(
          (
            await app.inject({
              method: 'POST',
              url: `${url}/${rec.id}/transition`,
              headers: r.headers,
              payload: { action: 'approve', version: rec.version },
            })
          ).statusCode,
          type,
        ).toBe(403);
        expect(
          (
            await app.inject({
              method: 'POST',
              url: `${url}/${rec.id}/transition`,
              headers: c.headers,
              payload: { action: 'approve', version: rec.version },
            })
          ).json().error.code,
          type,
        ).toBe('INVALID_TRANSITION');
        rec = (
          await app.inject({
            method: 'POST',
            url: `${url}/${rec.id}/transition`,
            headers: r.headers,
            payload: { action: 'submit', version: rec.version },
          })
        ).json();
        expect(rec.status, type).toBe('submitted');
        const locked = await app.inject({
          method: 'PUT',
          url: `${url}/${rec.id}`,
          headers: r.headers,
          payload: { unitId: unit.id, data: validData(type, other.id), version: rec.version },
        });
        expect(locked.json().error.code, type).toBe('LOCKED');
        rec = (
          await app.inject({
            method: 'POST',
            url: `${url}/${rec.id}/transition`,
            headers: c.headers,
            payload: { action: 'approve', version: rec.version },
          })
        ).json();
        expect(rec.status, type).toBe('approved');
        const again = await app.inject({ url: `${url}/${rec.id}`, headers: stranger.headers });
        expect(again.json().data, type).toEqual(rec.data);
      }
    },
  );

  it(
    'one Action Month plan per unit and year, one periodic report per period; a report is pre-filled from the ' +
      'window',
    async () => {
      const { app, unit, other, r } = await setup();
      const plan = validData('action_month_plan', other.id);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/records/action_month_plan',
            headers: r.headers,
            payload: { unitId: unit.id, data: plan },
          })
        ).statusCode,
      ).toBe(201);
      const twice = await app.inject({
        method: 'POST',
        url: '/api/records/action_month_plan',
        headers: r.headers,
        payload: { unitId: unit.id, data: { ...plan, title: 'Kế hoạch khác' } },
      });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().error.fields.year).toContain('đã có kế hoạch');
      for (const date of ['2024-09-12', '2024-12-20']) {
        await app.inject({
          method: 'POST',
          url: '/api/records/training_course',
          headers: r.headers,
          payload: { unitId: unit.id, data: { ...validData('training_course', other.id), date, endDate: date } },
        });
      }
      // before the report is saved, its figures can be seen
      const preview = await app.inject({
        url: `/api/reports/prefill?unitId=${unit.id}&period=${validData('periodic_report', other.id).period}`,
        headers: r.headers,
      });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().period).toMatchObject({ from: '2023-12-15', to: '2024-12-14' });
      const bad = await app.inject({
        url: `/api/reports/prefill?unitId=${unit.id}&period=2024-XX`,
        headers: r.headers,
      });
      expect(bad.statusCode).toBe(400);
      const report = (
        await app.inject({
          method: 'POST',
          url: '/api/records/periodic_report',
          headers: r.headers,
          payload: { unitId: unit.id, data: validData('periodic_report', other.id) },
        })
      ).json();
      expect(report.date).toBe('2024-12-14');
      expect(report.title).toContain('Báo cáo năm 2024');
      // the window 15/12/2023–14/12/2024 holds the plan and the September course, not the December one
      expect(report.data.summary.byType).toEqual([
        { type: 'action_month_plan', total: 1, approved: 0, participants: 0 },
        { type: 'training_course', total: 1, approved: 0, participants: 40 },
      ]);
      expect(preview.json().byType).toEqual(report.data.summary.byType);
      const dup = await app.inject({
        method: 'POST',
        url: '/api/records/periodic_report',
        headers: r.headers,
        payload: { unitId: unit.id, data: validData('periodic_report', other.id) },
      });
      expect(dup.json().error.fields.period).toContain('đã có báo cáo');
    },
  );

  it(
    'links: a model replicating another must name an existing ' + 'model; the inspected unit must exist on the date',
    async () => {
      const { app, unit, other, r } = await setup();
      const bad = await app.inject({
        method: 'POST',
        url: '/api/records/communication_model',
        headers: r.headers,
        payload: { unitId: unit.id, data: { ...validData('communication_model', other.id), replicatesId: 999999 } },
      });
      expect(bad.json().error.fields.replicatesId).toContain('không tìm thấy');
      const gone = await buildUnit(ctx(), { kind: 'commune', from: '2020-01-01', to: '2022-12-31' });
      const closed = await app.inject({
        method: 'POST',
        url: '/api/records/inspection',
        headers: r.headers,
        payload: { unitId: unit.id, data: { ...validData('inspection', gone.id) } },
      });
      expect(closed.json().error.fields.inspectedUnitId).toContain('không tồn tại vào ngày 2024-08-20');
      const original = (
        await app.inject({
          method: 'POST',
          url: '/api/records/communication_model',
          headers: r.headers,
          payload: { unitId: unit.id, data: validData('communication_model', other.id) },
        })
      ).json();
      const copy = await app.inject({
        method: 'POST',
        url: '/api/records/communication_model',
        headers: r.headers,
        payload: {
          unitId: unit.id,
          data: {
            ...validData('communication_model', unit.id),
            title: 'Nhân rộng',
            date: '2024-02-01',
            evaluations: [],
            replicatesId: original.id,
          },
        },
      });
      expect(copy.statusCode).toBe(201);
      expect(copy.json().refs.replicatesId).toEqual({ id: original.id, name: original.title });
      expect(copy.json().refs.areaUnitId.id).toBe(unit.id);
    },
  );

  it("an inspector writes its own unit's inspections only; viewers write nothing", async () => {
    const { app, unit, other } = await setup();
    const inspector = await loginAs(app, (await buildUser(ctx(), 'inspector', unit.id)).username);
    const viewer = await loginAs(app, (await buildUser(ctx(), 'viewer')).username);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/records/inspection',
      headers: inspector.headers,
      payload: { unitId: unit.id, data: validData('inspection', other.id), submit: true },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().status).toBe('submitted');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/records/media_product',
          headers: inspector.headers,
          payload: { unitId: unit.id, data: validData('media_product', other.id) },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/records/inspection',
          headers: viewer.headers,
          payload: { unitId: unit.id, data: validData('inspection', other.id) },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the inbox holds every kind and approves them in bulk', async () => {
    const { app, unit, other, r, c } = await setup();
    const rec = (
      await app.inject({
        method: 'POST',
        url: '/api/records/media_product',
        headers: r.headers,
        payload: { unitId: unit.id, data: validData('media_product', other.id), submit: true },
      })
    ).json();
    const ses = (
      await app.inject({
        method: 'POST',
        url: '/api/sessions',
        headers: r.headers,
        payload: {
          unitId: unit.id,
          date: '2024-11-20',
          title: 'Nói chuyện chuyên đề',
          form: 'conference',
          topics: ['gbv'],
          participantsTotal: 30,
          submit: true,
        },
      })
    ).json();
    const inbox = (await app.inject({ url: '/api/inbox?limit=500', headers: c.headers })).json();
    const mine = inbox.items.filter((i: { unitId: number }) => i.unitId === unit.id);
    expect(mine.map((i: { kind: string }) => i.kind).sort()).toEqual(['communication_session', 'media_product']);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/inbox/approve',
      headers: c.headers,
      payload: {
        items: [
          { kind: 'media_product', id: rec.id, version: rec.version },
          { kind: 'communication_session', id: ses.id, version: ses.version },
        ],
      },
    });
    const wrongKind = await app.inject({
      method: 'POST',
      url: '/api/inbox/approve',
      headers: c.headers,
      payload: { items: [{ kind: 'inspection', id: rec.id, version: rec.version }] },
    });
    expect(wrongKind.statusCode).toBe(404);
    expect(ok.json()).toEqual({ approved: 2 });
    expect((await app.inject({ url: `/api/records/media_product/${rec.id}`, headers: c.headers })).json().status).toBe(
      'approved',
    );
  });

  it(
    'evidence: readable by others once attached to a record; deleting a record keeps a file a session or another ' +
      'record uses',
    async () => {
      const { app, unit, other, r, c } = await setup();
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const m = multipart('ke-hoach.pdf', pdf);
      const file = (
        await app.inject({
          method: 'POST',
          url: '/api/files',
          headers: { ...r.headers, ...m.headers },
          payload: m.payload,
        })
      ).json();
      expect((await app.inject({ url: `/api/files/${file.sha256}`, headers: c.headers })).statusCode).toBe(404);
      const evidence = [{ sha256: file.sha256, name: 'Kế hoạch.pdf' }];
      const plan = (
        await app.inject({
          method: 'POST',
          url: '/api/records/action_month_plan',
          headers: r.headers,
          payload: { unitId: unit.id, data: validData('action_month_plan', other.id), evidence },
        })
      ).json();
      expect(plan.evidence).toEqual([expect.objectContaining({ name: 'Kế hoạch.pdf', mime: 'application/pdf' })]);
      const course = (
        await app.inject({
          method: 'POST',
          url: '/api/records/training_course',
          headers: r.headers,
          payload: { unitId: unit.id, data: validData('training_course', other.id), evidence },
        })
      ).json();
      expect((await app.inject({ url: `/api/files/${file.sha256}`, headers: c.headers })).statusCode).toBe(200);
      expect(
        (
          await app.inject({
            method: 'DELETE',
            url: `/api/records/action_month_plan/${plan.id}?version=${plan.version}`,
            headers: r.headers,
          })
        ).statusCode,
      ).toBe(200);
      expect((await app.inject({ url: `/api/files/${file.sha256}`, headers: c.headers })).rawPayload.equals(pdf)).toBe(
        true,
      );
      expect(
        (await app.inject({ url: `/api/records/training_course/${course.id}`, headers: c.headers })).json().evidence,
      ).toHaveLength(1);
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/records/media_product',
        headers: r.headers,
        payload: {
          unitId: unit.id,
          data: validData('media_product', other.id),
          evidence: [{ sha256: 'a'.repeat(64), name: 'x.png' }],
        },
      });
      expect(unknown.json().error.fields.evidence).toContain('chưa tải lên');
    },
  );

  it('refuses a likely repeat of a record (same type, unit, day and title) until told it is another one', async () => {
    const { app, unit, other, r } = await setup();
    const data = { ...validData('training_course', other.id), title: 'Tập huấn kỹ năng truyền thông' };
    const url = '/api/records/training_course';
    const first = await app.inject({ method: 'POST', url, headers: r.headers, payload: { unitId: unit.id, data } });
    expect(first.statusCode, first.body).toBe(201);
    const twice = await app.inject({
      method: 'POST',
      url,
      headers: r.headers,
      payload: { unitId: unit.id, data: { ...data, title: 'tập huấn kỹ năng truyền thông ' }, submit: true },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'LIKELY_DUPLICATE', duplicateOf: first.json().id });
    expect(twice.json().error.fields.title).toMatch(/^Tên lớp.*: trùng với bản ghi số \d+ .*\(Nháp\)$/u);
    const stored = await ctx()
      .db.selectFrom('unit_record')
      .select('id')
      .where('unit_id', '=', unit.id)
      .where('type', '=', 'training_course')
      .execute();
    expect(stored).toHaveLength(1);
    const anyway = await app.inject({
      method: 'POST',
      url,
      headers: r.headers,
      payload: { unitId: unit.id, data, allowDuplicate: true },
    });
    expect(anyway.statusCode).toBe(201);
  });
});
