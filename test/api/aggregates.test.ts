import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { IndicatorDef } from '../../src/core/plan-schema.ts';
import { DATA_TABLES } from '../../src/db/migrations/0016_indicator_aggregates.ts';
import { SYSTEM_ACTOR, type Ctx } from '../../src/modules/context.ts';
import { restoreBackup, writeBackup } from '../../src/modules/backup/service.ts';
import { aggregateDifferences, rebuildAggregates } from '../../src/modules/indicators/aggregates.ts';
import { aggregatesFromRows, readsKeptAggregates, sourceAggregates } from '../../src/modules/indicators/repository.ts';
import { cachedIndicatorSummaries } from '../../src/modules/indicators/cache.ts';
import { indicatorDetail, indicatorSummaries } from '../../src/modules/indicators/service.ts';
import { importSessions } from '../../src/modules/sessions/service.ts';
import { insertSessions } from '../../src/modules/sessions/repository.ts';
import type { SessionInput } from '../../src/core/sessions.ts';
import { dataVersions } from '../../src/modules/units/repository.ts';
import { createTestCtx, describeEachEngine, untilWaitingForLock } from '../helpers/db.ts';
import { asMaps } from '../helpers/aggregates.ts';
import { buildUnit } from '../helpers/factories.ts';

// Issue 15: the indicator aggregates kept on write by triggers, compared with the raw rows after every kind of
// write, on both engines.

// the unit tree has a version of its own; the other tables hold no figure an indicator reads
const UNIT_TABLES = ['unit', 'unit_version', 'unit_successor'];
const NOT_READ_BY_INDICATORS = [
  ...['app_user', 'auth_session', 'login_throttle', 'login_known_address'], // people and sign-in
  ...['audit_log', 'record_event', 'notification', 'mail_outbox'], // history and messages
  ...['stored_file', 'communication_session_file', 'unit_record_file', 'media_assessment_file'], // evidence
  ...['app_meta', 'report_exemption', 'convention_text', 'survey_invitation'], // settings, texts, invitations
  ...['official_report', 'public_report', 'unit_boundary'], // what is published from the figures; maps
  // derived
  ...['agg_session', 'agg_action_month_activity', 'agg_effective_model', 'agg_convention_span', 'agg_media_exercise'],
  'agg_version',
];

const STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
const base = { source: 'communication_session' as const, filter: [], tasks: [], milestones: [], targets: {} };
const DEFS: IndicatorDef[] = [
  { ...base, code: 'C', title: { vi: 'c', en: 'c' }, kind: 'count' },
  { ...base, code: 'ST', title: { vi: 's', en: 's' }, kind: 'sum', field: 'participants_total' },
  { ...base, code: 'SF', title: { vi: 's', en: 's' }, kind: 'sum', field: 'participants_female' },
  { ...base, code: 'SM', title: { vi: 's', en: 's' }, kind: 'sum', field: 'participants_male' },
  { ...base, code: 'U', title: { vi: 'u', en: 'u' }, kind: 'unit_share', unitKinds: ['department'], threshold: 2 },
];

interface Row {
  unit: number;
  date: string;
  status: string;
  total: number | null;
  female: number | null;
}

async function insertRows(db: Ctx['db'], rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('communication_session')
    .values(
      rows.map((r) => ({
        unit_id: r.unit,
        date: r.date,
        title: 'Phiên thử số liệu tổng hợp',
        form: 'conference',
        topics: [],
        target_groups: [],
        status: r.status,
        participants_total: r.total,
        participants_female: r.female,
        participants_male: r.total === null || r.female === null ? null : r.total - r.female,
      })),
    )
    .execute();
}

async function insertPlan(db: Ctx['db'], unit: number, year: number, status: string): Promise<void> {
  await sql`insert into unit_record (type, unit_id, date, title, key, data, status)
    values ('action_month_plan', ${unit}, ${`${year}-10-01`}, 'Kế hoạch Tháng hành động', ${String(year)},
            ${JSON.stringify({ year })}, ${status})`.execute(db);
}

/** The activity counts equal their rows, and the plans joined with them equal the view they replace. */
async function expectActionMonthExact(ctx: Ctx): Promise<void> {
  expect(
    (await aggregateDifferences(ctx.db)).filter(
      (d) => d.table.startsWith('agg_action_month') || d.table.startsWith('src_'),
    ),
  ).toEqual([]);
}

/** The kept aggregates equal the raw rows', and the indicator engine reads the same figures both ways. */
async function expectExact(ctx: Ctx): Promise<void> {
  expect(await aggregateDifferences(ctx.db)).toEqual([]);
  for (const pending of [false, true]) {
    const kept = asMaps(await sourceAggregates(ctx.db, DEFS, 2020, 2027, null, pending));
    const raw = await aggregatesFromRows(ctx.db, DEFS, 2020, 2027, null, pending);
    expect(kept).toEqual(raw);
    // a count with one sum reads only that sum's column: the same figures
    const some = [DEFS[0]!, DEFS[2]!];
    expect(asMaps(await sourceAggregates(ctx.db, some, 2020, 2027, null, pending))).toEqual(
      await aggregatesFromRows(ctx.db, some, 2020, 2027, null, pending),
    );
  }
}

describeEachEngine('indicator aggregates kept on write', (ctx, engine) => {
  const units: number[] = [];

  it('reads the kept aggregates only for figures they can answer', () => {
    expect(DEFS.every(readsKeptAggregates)).toBe(true);
    const filtered = { ...DEFS[0]!, filter: [{ field: 'form', op: 'eq' as const, value: 'conference' }] };
    expect(readsKeptAggregates(filtered)).toBe(false);
    const share = {
      ...base,
      source: 'convention' as const,
      code: 'G6',
      title: { vi: 'g', en: 'g' },
      kind: 'record_share' as const,
      where: { field: 'free_of_discrimination', op: 'eq' as const, value: true },
    };
    // a share of conventions free of discrimination is kept (migration 0018); the share of those that are not is not
    expect(readsKeptAggregates(share)).toBe(true);
    expect(readsKeptAggregates({ ...share, where: { ...share.where, value: false } })).toBe(false);
  });

  it('stays exact through inserts, moves between units, years and statuses, edits of counts and deletes', async () => {
    for (let i = 0; i < 3; i++) units.push((await buildUnit(ctx())).id);
    const [a, b, c] = units as [number, number, number];
    await insertRows(ctx().db, [
      { unit: a, date: '2024-03-01', status: 'approved', total: 10, female: 6 },
      { unit: a, date: '2024-05-01', status: 'approved', total: null, female: null },
      { unit: b, date: '2025-01-02', status: 'submitted', total: 30, female: 10 },
      { unit: c, date: '2025-12-31', status: 'draft', total: 5, female: 5 },
    ]);
    await expectExact(ctx());
    const groups = await sql<{ n: number }>`select count(*)::int as n from agg_session`.execute(ctx().db);
    expect(groups.rows[0]!.n).toBe(3);
    // move one session to another unit, another to another year, a third to another status
    await sql`update communication_session set unit_id = ${b} where unit_id = ${a} and date = '2024-03-01'`.execute(
      ctx().db,
    );
    await sql`update communication_session set date = '2026-01-01'
      where unit_id = ${b} and date = '2025-01-02'`.execute(ctx().db);
    await sql`update communication_session set status = 'approved' where unit_id = ${c}`.execute(ctx().db);
    await sql`update communication_session set participants_total = 40, participants_female = 20`.execute(ctx().db);
    await sql`update communication_session set title = 'Chỉ sửa tên'`.execute(ctx().db);
    await expectExact(ctx());
    const c2025 = await sql<{ sessions: number; participants_total: number }>`
      select sessions, participants_total from agg_session where unit_id = ${c} and year = 2025 and status =
        'approved'`.execute(ctx().db);
    expect(c2025.rows).toEqual([{ sessions: 1, participants_total: 40 }]);
    // the emptied group (unit a, 2024, approved had two sessions; one moved) keeps one; then none
    await sql`delete from communication_session where unit_id = ${a}`.execute(ctx().db);
    await expectExact(ctx());
    const left = await sql<{ n: number }>`select count(*)::int as n from agg_session where unit_id = ${a}`.execute(
      ctx().db,
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('stays exact through a bulk insert … select, an import through the service and a rolled-back write', async () => {
    const [a, b] = units as [number, number];
    await sql`insert into communication_session (unit_id, date, title, form, status, participants_total)
      select case when g % 2 = 0 then ${a}::int else ${b}::int end, date '2023-01-01' + (g % 900)::int,
             'Phiên hàng loạt', 'training', (array['draft','submitted','approved','returned'])[1 + g % 4], g % 50
        from generate_series(1, 5000) g`.execute(ctx().db);
    await expectExact(ctx());
    const code = (await ctx().db.selectFrom('unit').select('code').where('id', '=', a).executeTakeFirstOrThrow()).code;
    const csv =
      'unit_code,date,title,form,participants_total,participants_female,participants_male\n' +
      `${code},2024-06-01,Nhập một,conference,12,7,5\n${code},2025-06-01,Nhập hai,conference,8,,\n`;
    const r = await importSessions(ctx(), SYSTEM_ACTOR, Buffer.from(csv));
    expect(r.created).toBe(2);
    await expectExact(ctx());
    // an import larger than one insert statement (1,000 rows): every row stored once, the groups exact
    const many = Array.from(
      { length: 2_100 },
      (_, i) => `${code},2022-03-${String(1 + (i % 28)).padStart(2, '0')},Lô ${i},conference,${i % 40},,`,
    );
    const big = await importSessions(
      ctx(),
      SYSTEM_ACTOR,
      Buffer.from(
        `unit_code,date,title,form,participants_total,participants_female,participants_male\n${many.join('\n')}\n`,
      ),
    );
    expect(big.created).toBe(2_100);
    const lots = await sql<{ n: number; titles: number; total: number }>`
      select count(*)::int as n, count(distinct title)::int as titles, sum(participants_total)::int as total
        from communication_session where title like 'Lô %'`.execute(ctx().db);
    expect(lots.rows[0]).toEqual({ n: 2_100, titles: 2_100, total: many.reduce((t, _, i) => t + (i % 40), 0) });
    await expectExact(ctx());
    const before = await sql<{ s: number }>`select sum(sessions)::int as s from agg_session`.execute(ctx().db);
    await expect(
      ctx()
        .db.transaction()
        .execute(async (trx) => {
          await insertRows(trx, [{ unit: a, date: '2025-02-02', status: 'approved', total: 3, female: 1 }]);
          await sql`delete from communication_session where unit_id = ${b}`.execute(trx);
          throw new Error('rolled back');
        }),
    ).rejects.toThrow('rolled back');
    const after = await sql<{ s: number }>`select sum(sessions)::int as s from agg_session`.execute(ctx().db);
    expect(after.rows[0]!.s).toBe(before.rows[0]!.s);
    await expectExact(ctx());
  });

  it('verify finds a corrupted group, rebuild repairs it and is audited; a backup restores them exactly', async () => {
    await sql`update agg_session set sessions = sessions + 1
               where (year, unit_id, status) = (select year, unit_id, status from agg_session limit 1)`.execute(
      ctx().db,
    );
    await sql`delete from agg_session where (year, unit_id, status) = (
                select year, unit_id, status from agg_session order by year desc, unit_id desc limit 1)`.execute(
      ctx().db,
    );
    // and one count of activities in an Action Month window (the bulk insert above dated some there)
    await sql`update agg_action_month_activity set activities = activities + 1 where (year, unit_id, status) = (
                select year, unit_id, status from agg_action_month_activity order by 1, 2, 3 limit 1)`.execute(
      ctx().db,
    );
    const found = await aggregateDifferences(ctx().db);
    expect(found).toHaveLength(3);
    expect(found.some((d) => d.stored === null && d.recomputed !== null)).toBe(true);
    expect(found.some((d) => d.stored?.sessions === Number(d.recomputed?.sessions ?? NaN) + 1)).toBe(true);
    expect(
      found.some(
        (d) =>
          d.table === 'agg_action_month_activity' &&
          d.stored?.activities === Number(d.recomputed?.activities ?? NaN) + 1,
      ),
    ).toBe(true);
    const rebuilt = await rebuildAggregates(ctx().db, SYSTEM_ACTOR);
    expect(rebuilt.agg_session).toBeGreaterThan(0);
    expect(rebuilt.agg_action_month_activity).toBeGreaterThan(0);
    await expectExact(ctx());
    const audit = await ctx()
      .db.selectFrom('audit_log')
      .select(['entity', 'entity_id'])
      .where('entity', '=', 'agg_session')
      .execute();
    expect(audit).toEqual([{ entity: 'agg_session', entity_id: 'rebuild' }]);

    // a backup leaves the derived table out; restoring the sessions fills it again through the triggers
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-agg-'));
    const file = path.join(dir, 'backup.bdg');
    try {
      const summary = await new Promise<Awaited<ReturnType<typeof writeBackup>>>((resolve, reject) => {
        const out = fs.createWriteStream(file);
        writeBackup(ctx(), out).then((s) => out.on('close', () => resolve(s)), reject);
      });
      expect(Object.keys(summary.tables)).not.toContain('agg_session');
      const target = await createTestCtx(ctx().engine);
      try {
        await restoreBackup(target, fs.createReadStream(file));
        await expectExact(target);
        const figures = async (c: Ctx) =>
          (await indicatorSummaries(c, { year: 2025, view: { includePending: true } })).map((r) => [r.code, r.value]);
        expect(await figures(target)).toEqual(await figures(ctx()));
      } finally {
        await target.dispose();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('random inserts, updates, deletes and status changes, some rolled back, leave them exact', async () => {
    const [a, b, c] = units as [number, number, number];
    const unit = fc.constantFrom(a, b, c);
    const date = fc
      .integer({ min: 0, max: 365 * 4 })
      .map((d) => new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10));
    const status = fc.constantFrom(...STATUSES);
    const count = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null });
    const row = fc.record({ unit, date, status, total: count, female: fc.constant(null) });
    // a share of the sessions chosen by id modulo m = r
    const some = fc.record({ m: fc.integer({ min: 1, max: 5 }), r: fc.integer({ min: 0, max: 4 }) });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), rows: fc.array(row, { minLength: 1, maxLength: 20 }) }),
      fc.record({ kind: fc.constant('move' as const), some, unit, date }),
      fc.record({ kind: fc.constant('status' as const), some, status }),
      fc.record({ kind: fc.constant('count' as const), some, total: count }),
      fc.record({ kind: fc.constant('delete' as const), some }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.boolean(), async (ops, rollBack) => {
        const run = async (db: Ctx['db']) => {
          for (const o of ops) {
            const which = 'some' in o ? sql`id % ${o.some.m} = ${o.some.r % o.some.m}` : sql`false`;
            if (o.kind === 'insert') await insertRows(db, o.rows);
            else if (o.kind === 'move')
              await sql`update communication_session set unit_id = ${o.unit}, date = ${o.date}::date
                         where ${which}`.execute(db);
            else if (o.kind === 'status')
              await sql`update communication_session set status = ${o.status} where ${which}`.execute(db);
            else if (o.kind === 'count')
              await sql`update communication_session set participants_total = ${o.total}, participants_female = null,
                         participants_male = null where ${which}`.execute(db);
            else await sql`delete from communication_session where ${which}`.execute(db);
          }
        };
        if (rollBack) {
          await ctx()
            .db.transaction()
            .execute(async (trx) => {
              await run(trx);
              throw new Error('rolled back');
            })
            .catch((e: Error) => expect(e.message).toBe('rolled back'));
        } else await ctx().db.transaction().execute(run);
        expect(await aggregateDifferences(ctx().db)).toEqual([]);
      }),
      { numRuns: 25, seed: 15 },
    );
    await expectExact(ctx());
  });

  it('keeps the Action Month source exact: plans, activities in and out of the window, statuses, moves', async () => {
    const [u1, u2] = [(await buildUnit(ctx())).id, (await buildUnit(ctx())).id];
    const db = ctx().db;
    const row = async (unit: number) =>
      (
        await sql<{ year: number; status: string; plans: number }>`
          select year, status, plans from src_action_month_kept where unit_id = ${unit} order by year`.execute(db)
      ).rows;
    const step = async (unit: number, expected: { year: number; status: string; plans: number }[]) => {
      await expectActionMonthExact(ctx());
      expect(await row(unit)).toEqual(expected);
    };
    // a plan alone does not count: it needs an activity dated 15/11–15/12 of its year
    await insertPlan(db, u1, 2025, 'approved');
    await step(u1, []);
    await insertRows(db, [{ unit: u1, date: '2025-11-20', status: 'approved', total: 20, female: 12 }]);
    await step(u1, [{ year: 2025, status: 'approved', plans: 1 }]);
    await sql`update communication_session set status = 'draft' where unit_id = ${u1}`.execute(db);
    await step(u1, [{ year: 2025, status: 'draft', plans: 1 }]);
    await sql`insert into unit_record (type, unit_id, date, title, data, status)
      values ('training_course', ${u1}, '2025-12-10', 'Tập huấn trong Tháng hành động', '{}', 'submitted')`.execute(db);
    await step(u1, [{ year: 2025, status: 'submitted', plans: 1 }]);
    // activities moved out of the window, then the training moved back in but to another unit
    await sql`update communication_session set date = '2025-10-01' where unit_id = ${u1}`.execute(db);
    await sql`update unit_record set date = '2025-12-20' where type = 'training_course' and unit_id = ${u1}`.execute(
      db,
    );
    await step(u1, []);
    await sql`update unit_record set date = '2025-11-15', unit_id = ${u2} where type = 'training_course'`.execute(db);
    await step(u1, []);
    await insertPlan(db, u2, 2025, 'draft');
    await step(u2, [{ year: 2025, status: 'draft', plans: 1 }]);
    // the plan's year changed (its JSON field), then approved with an approved activity of the new year
    await sql`update unit_record set data = '{"year": 2024}' where key = '2025' and unit_id = ${u2}`.execute(db);
    await step(u2, []);
    await sql`update unit_record set status = 'approved' where unit_id = ${u2}`.execute(db);
    await insertRows(db, [{ unit: u2, date: '2024-12-15', status: 'approved', total: 5, female: 2 }]);
    await step(u2, [{ year: 2024, status: 'approved', plans: 1 }]);
    const g3: IndicatorDef = {
      ...base,
      source: 'action_month',
      code: 'G3',
      title: { vi: 'g', en: 'g' },
      kind: 'unit_share',
      unitKinds: ['department'],
      threshold: 1,
    };
    expect(readsKeptAggregates(g3)).toBe(true);
    for (const pending of [false, true])
      expect(asMaps(await sourceAggregates(db, [g3], 2023, 2026, null, pending))).toEqual(
        await aggregatesFromRows(db, [g3], 2023, 2026, null, pending),
      );
    await sql`delete from unit_record where unit_id in (${u1}, ${u2})`.execute(db);
    await step(u2, []);
  });

  // on PostgreSQL both writers run at once (deltas need no lock); PGlite's one connection serialises them
  it('two writers of one unit and year, a plan and an activity at once, leave the row counted', async () => {
    const u = (await buildUnit(ctx())).id;
    let opened!: () => void;
    let commit!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    const mayCommit = new Promise<void>((r) => (commit = r));
    const first = ctx()
      .db.transaction()
      .execute(async (trx) => {
        await insertPlan(trx, u, 2025, 'approved');
        opened();
        await mayCommit;
      });
    await isOpen;
    const second = ctx()
      .db.transaction()
      .execute((trx) => insertRows(trx, [{ unit: u, date: '2025-12-01', status: 'approved', total: 9, female: 4 }]));
    await new Promise((r) => setTimeout(r, 100));
    commit();
    await Promise.all([first, second]);
    await expectActionMonthExact(ctx());
    const rows = await sql<{ status: string }>`select status from src_action_month_kept where unit_id = ${u}`.execute(
      ctx().db,
    );
    expect(rows.rows).toEqual([{ status: 'approved' }]);
  });

  it('the unit tree, cached per version, follows every write of units', async () => {
    const g1 = async () =>
      (await indicatorSummaries(ctx(), { year: 2025 })).find((r) => r.code === 'G1')!.denominator ?? 0;
    const v0 = (await dataVersions(ctx().db)).units;
    const before = await g1();
    expect(await g1()).toBe(before);
    const added = await buildUnit(ctx(), { kind: 'department', from: '2024-01-01' });
    expect((await dataVersions(ctx().db)).units).toBeGreaterThan(v0);
    expect(await g1()).toBe(before + 1);
    // the units of the year (their names too) are cached per version of the tree as well
    const named = async () =>
      (await indicatorDetail(ctx(), 'G1', { year: 2025 })).rows.find((r) => r.id === added.id)?.name;
    expect(await named()).toMatch(/^Đơn vị thử/u);
    await sql`update unit_version set name = 'Phòng Đổi Tên' where unit_id = ${added.id}`.execute(ctx().db);
    expect(await named()).toBe('Phòng Đổi Tên');
    // a view of some kinds of unit is cached apart from the whole
    const kinds = await indicatorSummaries(ctx(), { year: 2025, view: { kinds: ['school'] } });
    expect(kinds.find((r) => r.code === 'G1')!.denominator ?? 0).toBe(0);
    expect(await g1()).toBe(before + 1);
    // closed before the year: out of the tree of 2025
    await sql`update unit_version set valid_to = '2024-06-30' where unit_id = ${added.id}`.execute(ctx().db);
    expect(await g1()).toBe(before);
  });

  it('every table indicators read makes a new data version; the rest are named as not read', async () => {
    for (const table of DATA_TABLES) {
      const before = (await dataVersions(ctx().db)).data;
      // a statement-level trigger fires even when no row is touched
      await sql`delete from ${sql.table(table)} where false`.execute(ctx().db);
      expect({ table, bumped: (await dataVersions(ctx().db)).data > before }).toEqual({ table, bumped: true });
    }
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely%'`.execute(ctx().db);
    const unknown = tables.rows
      .map((t) => t.name)
      .filter((t) => !DATA_TABLES.includes(t) && !UNIT_TABLES.includes(t) && !NOT_READ_BY_INDICATORS.includes(t));
    expect(unknown).toEqual([]);
  });

  // migration 0019: a bump never waits for another transaction, not even when sixteen writers hold a stripe each
  if (engine === 'postgres')
    it('seventeen writers at once each make a new data version, none waiting for another', async () => {
      const url = ctx().databaseUrl!;
      const clients = Array.from({ length: 17 }, () => new pg.Client(url));
      await Promise.all(clients.map((c) => c.connect()));
      try {
        const before = (await dataVersions(ctx().db)).data;
        // each holds its transaction open after its write; the old bump made the second of two connections
        // with the same pid mod 16 wait here until the statement timeout
        for (const c of clients) {
          await c.query(`set statement_timeout = '5s'`);
          await c.query('begin');
          await c.query('delete from convention where false');
        }
        expect((await dataVersions(ctx().db)).data).toBe(before);
        await clients[16]!.query('commit');
        expect((await dataVersions(ctx().db)).data).toBe(before + 1);
        for (const c of clients.slice(0, 16)) await c.query('commit');
        expect((await dataVersions(ctx().db)).data).toBe(before + 17);
        // the seventeenth found every stripe of the sixteen taken and made one of its own
        const stripes = await sql<{ n: number }>`select count(*)::int as n from agg_version
          where name = 'data' and stripe >= 16`.execute(ctx().db);
        expect(stripes.rows[0]!.n).toBe(1);
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
    });

  // Two imports over the same units used to lock the kept groups in the order of their files, 1,000 rows a
  // statement: one holding B's groups and waiting for A's while the other, holding A's, asked for B's. The rows
  // are now written in the groups' order (year, unit), the order in which each statement locks them.
  if (engine === 'postgres')
    it('an import whose file lists units in descending order does not deadlock with another writer', async () => {
      const db = ctx().db;
      const [a, b] = [(await buildUnit(ctx())).id, (await buildUnit(ctx())).id].sort((x, y) => x - y);
      const session = (unitId: number, i: number): SessionInput => ({
        unitId,
        date: '2025-12-01',
        title: `Nhập ${i}`,
        form: 'conference',
        topics: [],
        targetGroups: [],
        participantsTotal: 10,
        participantsFemale: 6,
        participantsMale: 4,
        placeUnitId: null,
        notes: null,
      });
      const file = [
        ...Array.from({ length: 1000 }, (_, i) => session(b!, i)),
        ...Array.from({ length: 1000 }, (_, i) => session(a!, i)),
      ];
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const holds = new Promise<void>((r) => (holding = r));
      // another writer takes A's groups and keeps its transaction open; it then writes B, in the groups' order
      const other = db.transaction().execute(async (trx) => {
        await insertSessions(trx, [session(a!, -1)], null);
        holding();
        await released;
        await insertSessions(trx, [session(b!, -2)], null);
      });
      await holds;
      const imported = db.transaction().execute((trx) => insertSessions(trx, file, null));
      await untilWaitingForLock(db);
      release();
      const results = await Promise.allSettled([other, imported]);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'committed'))).toEqual([
        'committed',
        'committed',
      ]);
      const ids = (await imported) as number[];
      // the ids answer the file's rows in the file's order
      const titles = await db
        .selectFrom('communication_session')
        .select(['id', 'unit_id', 'title'])
        .where('id', 'in', [ids[0]!, ids[999]!, ids[1000]!, ids[1999]!])
        .execute();
      const byId = new Map(titles.map((t) => [t.id, `${t.unit_id}:${t.title}`]));
      expect([ids[0], ids[999], ids[1000], ids[1999]].map((id) => byId.get(id!))).toEqual([
        `${b}:Nhập 0`,
        `${b}:Nhập 999`,
        `${a}:Nhập 0`,
        `${a}:Nhập 999`,
      ]);
      await expectExact(ctx());
    });

  it('the cached indicator table is shared by readers and follows every write', async () => {
    const q = { year: 2025, view: { includePending: true } };
    const [one, two] = await Promise.all([cachedIndicatorSummaries(ctx(), q), cachedIndicatorSummaries(ctx(), q)]);
    expect(two).toBe(one);
    expect(await cachedIndicatorSummaries(ctx(), q)).toBe(one);
    const count = (rows: typeof one) => rows.find((r) => r.code === 'G1.sessions')!.value ?? 0;
    await insertRows(ctx().db, [{ unit: units[0]!, date: '2025-04-04', status: 'submitted', total: 1, female: 1 }]);
    const after = await cachedIndicatorSummaries(ctx(), q);
    expect(after).not.toBe(one);
    expect(count(after)).toBe(count(one) + 1);
    expect(after).toEqual(await indicatorSummaries(ctx(), q));
  });

  it('empties them when the sessions table is truncated', async () => {
    await sql`truncate communication_session cascade`.execute(ctx().db);
    const n = await sql<{ n: number }>`select count(*)::int as n from agg_session`.execute(ctx().db);
    expect(n.rows[0]!.n).toBe(0);
    await expectExact(ctx());
  });
});
