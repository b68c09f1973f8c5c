import fc from 'fast-check';
import pg from 'pg';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { IndicatorDef } from '../../src/core/plan-schema.ts';
import type { Ctx } from '../../src/modules/context.ts';
import { aggregateDifferences, rebuildAggregates } from '../../src/modules/indicators/aggregates.ts';
import { aggregatesFromRows, readsKeptAggregates, sourceAggregates } from '../../src/modules/indicators/repository.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { describeEachEngine, untilWaitingForLock } from '../helpers/db.ts';
import { asMaps } from '../helpers/aggregates.ts';
import { buildUnit } from '../helpers/factories.ts';

// Issue 15, migration 0018: effective models (G2) and conventions (G6) kept as spans of years, compared with the
// views they replace after every kind of write, on both engines.

const common = { filter: [], tasks: [], milestones: [], targets: {}, title: { vi: 't', en: 't' } };
const G2: IndicatorDef = { ...common, code: 'G2', source: 'effective_model', kind: 'count' };
const G6: IndicatorDef = {
  ...common,
  code: 'G6',
  source: 'convention',
  kind: 'record_share',
  where: { field: 'free_of_discrimination', op: 'eq', value: true },
};

interface Evaluation {
  date: string;
  effective: boolean;
}
interface Model {
  area: number;
  start: string;
  end?: string;
  evaluations: Evaluation[];
  status?: string;
}

async function insertModel(db: Ctx['db'], m: Model): Promise<number> {
  const data = { areaUnitId: m.area, evaluations: m.evaluations, ...(m.end ? { endDate: m.end } : {}) };
  const r = await sql<{ id: number }>`insert into unit_record (type, unit_id, date, title, data, status)
    values ('communication_model', ${m.area}, ${m.start}, 'Mô hình thử', ${JSON.stringify(data)},
            ${m.status ?? 'approved'}) returning id`.execute(db);
  return r.rows[0]!.id;
}

/** A convention in force since 2024 in `village`, with one text. */
async function conventionInForce(db: Ctx['db'], village: number): Promise<{ c: number; text: number }> {
  const c = (
    await sql<{ id: number }>`insert into convention (village_unit_id, commune_unit_id, title, kind, status,
      adopted_on) values (${village}, ${village}, 'Quy ước thử', 'quy_uoc', 'in_force', '2024-01-01')
      returning id`.execute(db)
  ).rows[0]!.id;
  const text = (
    await sql<{ id: number }>`insert into convention_text (convention_id, version_no, text)
      values (${c}, 1, 'Điều 1.') returning id`.execute(db)
  ).rows[0]!.id;
  return { c, text };
}

/** The kept rows and spans equal the views they replace, and the engine reads the same figures both ways. */
async function expectExact(ctx: Ctx, defs: IndicatorDef[]): Promise<void> {
  const differences = await aggregateDifferences(ctx.db);
  expect(differences.filter((d) => /model|convention/.test(d.table))).toEqual([]);
  for (const def of defs)
    for (const pending of [false, true])
      expect(asMaps(await sourceAggregates(ctx.db, [def], 2018, 2031, null, pending))).toEqual(
        await aggregatesFromRows(ctx.db, [def], 2018, 2031, null, pending),
      );
}

const yearsOf = async (db: Ctx['db'], view: string, unit: number) =>
  (
    await sql<{ year: number; status: string }>`select year, status from ${sql.table(view)}
      where unit_id = ${unit} order by year, status`.execute(db)
  ).rows.map((r) => `${r.year} ${r.status}`);

const range = (from: number, to: number, status = 'approved') =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => `${from + i} ${status}`);

describeEachEngine('effective models and conventions kept as spans of years', (ctx, engine) => {
  let today = 0;
  // the database's year, for every test (a test run alone must not depend on another having set it)
  beforeAll(async () => {
    const r = await sql<{ y: number }>`select extract(year from current_date)::int as y`.execute(ctx().db);
    today = r.rows[0]!.y;
  });

  it('reads them kept for G2 and G6 as the plan defines them', async () => {
    expect(readsKeptAggregates(G2)).toBe(true);
    expect(readsKeptAggregates(G6)).toBe(true);
    // a share of the conventions that are not free: the kept count of true rows cannot answer it
    expect(readsKeptAggregates({ ...G6, where: { ...(G6 as { where: object }).where, value: false } } as never)).toBe(
      false,
    );
  });

  it('follows a model through its evaluations, end date, area, status and deletion', async () => {
    const db = ctx().db;
    const [u1, u2] = [(await buildUnit(ctx())).id, (await buildUnit(ctx())).id];
    const years = () => yearsOf(db, 'src_effective_model_kept', u1);
    const setEvaluations = async (id: number, e: Evaluation[], end?: string) => {
      const data = { areaUnitId: u1, evaluations: e, ...(end ? { endDate: end } : {}) };
      await sql`update unit_record set data = ${JSON.stringify(data)} where id = ${id}`.execute(db);
      await expectExact(ctx(), [G2]);
    };
    // no end date: effective from its first favourable evaluation's year to today
    const id = await insertModel(db, { area: u1, start: '2022-03-01', evaluations: [] });
    await expectExact(ctx(), [G2]);
    expect(await years()).toEqual([]);
    await setEvaluations(id, [{ date: '2022-12-15', effective: true }]);
    expect(await years()).toEqual(range(2022, today));
    // judged not effective in 2024: effective in 2022 and 2023 only
    await setEvaluations(id, [
      { date: '2022-12-15', effective: true },
      { date: '2024-06-01', effective: false },
    ]);
    expect(await years()).toEqual(range(2022, 2023));
    // two evaluations on one date: the last in the list decides
    const tie = (first: boolean) => [
      { date: '2022-12-15', effective: true },
      { date: '2024-06-01', effective: false },
      { date: '2025-01-10', effective: first },
      { date: '2025-01-10', effective: !first },
    ];
    await setEvaluations(id, tie(true));
    expect(await years()).toEqual(range(2022, 2023));
    await setEvaluations(id, tie(false));
    expect(await years()).toEqual([...range(2022, 2023), ...range(2025, today)]);
    // an evaluation dated after today changes no year up to today
    await setEvaluations(id, [...tie(false), { date: `${today + 1}-05-01`, effective: false }]);
    expect(await years()).toEqual([...range(2022, 2023), ...range(2025, today)]);
    // an end date: its years count up to that date's year, even after today
    await setEvaluations(id, [{ date: '2022-12-15', effective: true }], `${today + 2}-12-31`);
    expect(await years()).toEqual(range(2022, today + 2));
    await setEvaluations(id, [{ date: '2022-12-15', effective: true }], '2023-06-30');
    expect(await years()).toEqual(range(2022, 2023));
    // status and area moves, then a second model of the same area and years, then both deleted
    await sql`update unit_record set status = 'submitted' where id = ${id}`.execute(db);
    await expectExact(ctx(), [G2]);
    expect(await years()).toEqual(range(2022, 2023, 'submitted'));
    const other = await insertModel(db, {
      area: u1,
      start: '2023-01-01',
      evaluations: [{ date: '2023-02-01', effective: true }],
    });
    await expectExact(ctx(), [G2]);
    const models = await sql<{ year: number; models: number }>`select year, models from src_effective_model_kept
      where unit_id = ${u1} and status = 'approved' order by year`.execute(db);
    expect(models.rows.map((r) => Number(r.models))).toEqual(range(2023, today).map(() => 1));
    await sql`update unit_record set data = jsonb_set(data, '{areaUnitId}', ${String(u2)}::jsonb)
               where id = ${other}`.execute(db);
    await expectExact(ctx(), [G2]);
    expect(await yearsOf(db, 'src_effective_model_kept', u2)).toEqual(range(2023, today));
    await sql`delete from unit_record where id in (${id}, ${other})`.execute(db);
    await expectExact(ctx(), [G2]);
    expect([...(await years()), ...(await yearsOf(db, 'src_effective_model_kept', u2))]).toEqual([]);
  });

  it('random models, inserted together, edited and deleted, leave the spans exact', async () => {
    const db = ctx().db;
    const areas = [(await buildUnit(ctx())).id, (await buildUnit(ctx())).id];
    const date = (y: number, d: number) =>
      `${y}-${String(1 + (d % 12)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`;
    const model = fc.record({
      area: fc.constantFrom(...areas),
      startYear: fc.integer({ min: 2019, max: 2027 }),
      startDay: fc.nat(400),
      endYears: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      evaluations: fc.array(
        fc.record({ after: fc.integer({ min: 0, max: 7 }), day: fc.nat(400), effective: fc.boolean() }),
        {
          maxLength: 5,
        },
      ),
      status: fc.constantFrom('approved', 'submitted', 'draft'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(model, { minLength: 1, maxLength: 6 }), async (ms) => {
        const rows = ms.map((m) => ({
          area: m.area,
          start: date(m.startYear, m.startDay),
          ...(m.endYears === undefined ? {} : { end: date(m.startYear + m.endYears, 365) }),
          evaluations: m.evaluations.map((e) => ({ date: date(m.startYear + e.after, e.day), effective: e.effective })),
          status: m.status,
        }));
        // one statement for all, so that one trigger call sums several models into one span
        await sql`insert into unit_record (type, unit_id, date, title, data, status)
          select 'communication_model', (r->'data'->>'areaUnitId')::int, (r->>'start')::date, 'Mô hình ngẫu nhiên',
                 r->'data', r->>'status'
            from jsonb_array_elements(${JSON.stringify(
              rows.map((r) => ({
                start: r.start,
                status: r.status,
                data: { areaUnitId: r.area, evaluations: r.evaluations, ...(r.end ? { endDate: r.end } : {}) },
              })),
            )}::jsonb) r`.execute(db);
        await expectExact(ctx(), [G2]);
        // every other model judged the opposite at its last evaluation, or moved to the other area
        await sql`update unit_record
                     set data = case when id % 2 = 0
                                     then jsonb_set(data, '{evaluations}', coalesce(data->'evaluations', '[]') ||
                                          jsonb_build_array(jsonb_build_object('date', '2024-07-01',
                                                                               'effective', id % 4 = 0)))
                                     else jsonb_set(data, '{areaUnitId}', to_jsonb(${areas[0]}::int)) end
                   where type = 'communication_model' and title = 'Mô hình ngẫu nhiên'`.execute(db);
        await expectExact(ctx(), [G2]);
        await sql`delete from unit_record where title = 'Mô hình ngẫu nhiên'`.execute(db);
        await expectExact(ctx(), [G2]);
      }),
      { numRuns: 25, seed: 15 },
    );
  });

  it('follows a convention through adoption, findings, amendment, replacement and deletion', async () => {
    const db = ctx().db;
    const village = (await buildUnit(ctx(), { kind: 'village' })).id;
    const commune = (await buildUnit(ctx(), { kind: 'commune' })).id;
    const years = () => yearsOf(db, 'src_convention_kept', village);
    const free = async () =>
      (
        await sql<{ f: number }>`select coalesce(sum(free_of_discrimination), 0)::int as f from src_convention_kept
          where unit_id = ${village}`.execute(db)
      ).rows[0]!.f;
    const c = (
      await sql<{ id: number }>`insert into convention (village_unit_id, commune_unit_id, title, kind, status)
        values (${village}, ${commune}, 'Hương ước thôn thử', 'huong_uoc', 'draft') returning id`.execute(db)
    ).rows[0]!.id;
    await expectExact(ctx(), [G6]);
    expect(await years()).toEqual([]);
    await sql`update convention set status = 'in_force', adopted_on = '2020-05-01' where id = ${c}`.execute(db);
    await expectExact(ctx(), [G6]);
    expect(await years()).toEqual(range(2020, today));
    expect(await free()).toBe(today - 2020 + 1);
    const text = (
      await sql<{ id: number }>`insert into convention_text (convention_id, version_no, text)
        values (${c}, 1, 'Điều 5. Con trai được chia đất hương hỏa.') returning id`.execute(db)
    ).rows[0]!.id;
    const finding = (status: string) => sql<{ id: number }>`insert into convention_finding
        (convention_id, text_id, category, location, excerpt, message, status)
        values (${c}, ${text}, 'discrimination', 'Điều 5', 'Con trai được chia đất', 'Chỉ con trai', ${status})
        returning id`;
    const open = (await finding('open').execute(db)).rows[0]!.id;
    await expectExact(ctx(), [G6]);
    expect(await free()).toBe(today - 2020 + 1);
    // a confirmed finding: in force but not free; resolved: free again
    await sql`update convention_finding set status = 'confirmed' where id = ${open}`.execute(db);
    await expectExact(ctx(), [G6]);
    expect(await free()).toBe(0);
    await sql`update convention_finding set status = 'resolved' where id = ${open}`.execute(db);
    await expectExact(ctx(), [G6]);
    expect(await free()).toBe(today - 2020 + 1);
    const confirmed = (await finding('confirmed').execute(db)).rows[0]!.id;
    await expectExact(ctx(), [G6]);
    expect(await free()).toBe(0);
    await sql`delete from convention_finding where id = ${confirmed}`.execute(db);
    await expectExact(ctx(), [G6]);
    expect(await free()).toBe(today - 2020 + 1);
    // under amendment: in force, not counted free; replaced: its years end with the replacement's year
    await sql`update convention set status = 'under_amendment' where id = ${c}`.execute(db);
    await expectExact(ctx(), [G6]);
    expect([await years(), await free()]).toEqual([range(2020, today), 0]);
    await sql`update convention set status = 'replaced', replaced_on = '2023-08-01' where id = ${c}`.execute(db);
    await expectExact(ctx(), [G6]);
    expect(await years()).toEqual(range(2020, 2023));
    // moved to another village, then deleted with its texts and findings
    const other = (await buildUnit(ctx(), { kind: 'village' })).id;
    await sql`update convention set village_unit_id = ${other} where id = ${c}`.execute(db);
    await expectExact(ctx(), [G6]);
    expect([await years(), await yearsOf(db, 'src_convention_kept', other)]).toEqual([[], range(2020, 2023)]);
    await sql`delete from convention where id = ${c}`.execute(db);
    await expectExact(ctx(), [G6]);
    expect(await yearsOf(db, 'src_convention_kept', other)).toEqual([]);
  });

  // on PostgreSQL the transactions overlap: whichever writes first holds the convention's row, the other's trigger
  // waits for it and recomputes with what it committed; PGlite's one connection serialises them
  for (const first of ['edit', 'finding'] as const)
    it(`a convention edited while findings of it are written stays exact (${first} first)`, async () => {
      const db = ctx().db;
      const village = (await buildUnit(ctx(), { kind: 'village' })).id;
      const { c, text } = await conventionInForce(db, village);
      const finding = (trx: Ctx['db']) =>
        sql`insert into convention_finding (convention_id, text_id, category, location, excerpt, message, status)
            values (${c}, ${text}, 'stereotype', 'Điều 1', 'x', 'y', 'confirmed')`.execute(trx);
      const edit = (trx: Ctx['db']) =>
        sql`update convention set title = 'Quy ước thử (sửa)', adopted_on = '2023-01-01' where id = ${c}`.execute(trx);
      let opened!: () => void;
      let commit!: () => void;
      const isOpen = new Promise<void>((r) => (opened = r));
      const mayCommit = new Promise<void>((r) => (commit = r));
      // the first writer holds its transaction open while the others write
      const held = db.transaction().execute(async (trx) => {
        await (first === 'edit' ? edit(trx) : finding(trx));
        opened();
        await mayCommit;
      });
      await isOpen;
      const others = (first === 'edit' ? [finding, finding] : [edit, finding]).map((write) =>
        db.transaction().execute((trx) => write(trx)),
      );
      await new Promise((r) => setTimeout(r, 150));
      commit();
      await Promise.all([held, ...others]);
      await expectExact(ctx(), [G6]);
      expect(await yearsOf(db, 'src_convention_kept', village)).toEqual(range(2023, today));
      const free = await sql<{ f: number }>`select sum(free_of_discrimination)::int as f from src_convention_kept
        where unit_id = ${village}`.execute(db);
      expect(free.rows[0]!.f).toBe(0);
    });

  // Every statement that writes what indicators read adds 1 to a row of agg_version, locked until commit. When
  // two connections wrote to the same row (pid mod 16), the one that bumped it first and then waited for a
  // convention's row could hold up the one holding that row: a deadlock, seen once in CI. Two such connections
  // are set up here, in the order that made it.
  if (engine === 'postgres')
    it('writers whose connections shared a version row do not deadlock over it', async () => {
      const db = ctx().db;
      const url = ctx().databaseUrl!;
      const village = (await buildUnit(ctx(), { kind: 'village' })).id;
      const { c, text } = await conventionInForce(db, village);
      const finding = `insert into convention_finding (convention_id, text_id, category, location, excerpt, message,
        status) values (${c}, ${text}, 'stereotype', 'Điều 1', 'x', 'y', 'confirmed')`;
      // a holder, then connections until two have the same pid mod 16 (seventeen at most)
      const clients: { client: pg.Client; pid: number }[] = [];
      const connect = async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
        clients.push({ client, pid });
        return { client, pid };
      };
      const holder = (await connect()).client;
      let pair: [pg.Client, pg.Client] | undefined;
      while (!pair) {
        const { client, pid } = await connect();
        const twin = clients.find((o) => o.client !== holder && o.client !== client && o.pid % 16 === pid % 16);
        if (twin) pair = [twin.client, client];
      }
      const [editor, writer] = pair;
      const waiting = (client: pg.Client) => untilWaitingForLock(db, clients.find((o) => o.client === client)!.pid);
      const inTransaction = async (client: pg.Client, q: string) => {
        await client.query('begin');
        await client.query(q);
        await client.query('commit');
      };
      try {
        // one finding holds the convention; an edit waits for it; another finding makes its version row, then
        // waits for the convention behind the edit
        await holder.query('begin');
        await holder.query(finding);
        const edited = inTransaction(editor, `update convention set adopted_on = '2023-01-01' where id = ${c}`);
        await waiting(editor);
        const written = inTransaction(writer, finding);
        await waiting(writer);
        await holder.query('commit');
        const results = await Promise.allSettled([edited, written]);
        expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'committed'))).toEqual([
          'committed',
          'committed',
        ]);
      } finally {
        await Promise.all(clients.map((o) => o.client.end()));
      }
      await expectExact(ctx(), [G6]);
      expect(await yearsOf(db, 'src_convention_kept', village)).toEqual(range(2023, today));
    });

  it('verify finds a corrupted span, rebuild repairs it; a truncate empties them', async () => {
    const db = ctx().db;
    const area = (await buildUnit(ctx())).id;
    await insertModel(db, { area, start: '2021-01-01', evaluations: [{ date: '2021-06-01', effective: true }] });
    const village = (await buildUnit(ctx(), { kind: 'village' })).id;
    await sql`insert into convention (village_unit_id, commune_unit_id, title, kind, status, adopted_on)
      values (${village}, ${village}, 'Hương ước', 'huong_uoc', 'in_force', '2021-01-01')`.execute(db);
    await sql`update agg_effective_model set models = models + 1 where unit_id = ${area}`.execute(db);
    await sql`update agg_convention_span set free = not free where unit_id = ${village}`.execute(db);
    const found = await aggregateDifferences(db);
    const byTable = Object.fromEntries(
      [...new Set(found.map((d) => d.table))].map((t) => [t, found.filter((d) => d.table === t).length]),
    );
    // one span each, and every year from 2021 to today of the views that read them
    const years = today - 2021 + 1;
    expect(byTable).toEqual({
      agg_effective_model: 1,
      src_effective_model_kept: years,
      agg_convention_span: 1,
      src_convention_kept: years,
    });
    expect(found.find((d) => d.table === 'agg_convention_span')?.stored?.free).toBe(false);
    const rebuilt = await rebuildAggregates(db, SYSTEM_ACTOR);
    expect(rebuilt.agg_effective_model).toBeGreaterThan(0);
    expect(rebuilt.agg_convention_span).toBeGreaterThan(0);
    await expectExact(ctx(), [G2, G6]);
    await sql`truncate convention cascade`.execute(db);
    await sql`truncate unit_record cascade`.execute(db);
    const left = await sql<{ n: number }>`select (select count(*) from agg_convention_span)
      + (select count(*) from agg_effective_model) as n`.execute(db);
    expect(Number(left.rows[0]!.n)).toBe(0);
    await expectExact(ctx(), [G2, G6]);
  });
});
