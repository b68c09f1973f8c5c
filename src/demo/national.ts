import fs from 'node:fs';
import { sql } from 'kysely';
import type { UnitKind } from '../core/units.ts';
import { SYSTEM_ACTOR, type Ctx } from '../modules/context.ts';
import { writeUnitHistories } from '../modules/units/repository.ts';
import { importUnits } from '../modules/units/service.ts';
import { pick, seededRandom } from './random.ts';

export interface NationalOptions {
  /** the real two-level list (vn-2025-07.csv) */
  unitsFile: string;
  records: number;
  unitsPerProvince: number;
  seed: number;
}

const KINDS: UnitKind[] = ['department', 'association', 'media', 'school', 'enterprise'];

/**
 * A national benchmark dataset (generated, labelled as such): the real 34 provinces and 3,321
 * communes, `unitsPerProvince` generated provincial units in each province, and `records` sessions
 * spread over 2021–2030 and every unit, generated inside the database for speed.
 */
export async function generateNational(ctx: Ctx, o: NationalOptions): Promise<{ units: number; records: number }> {
  await importUnits(ctx, SYSTEM_ACTOR, fs.readFileSync(o.unitsFile), '2021-01-01', null);
  const provinces = await ctx.db.selectFrom('unit').select(['code']).where('kind', '=', 'province').execute();
  const rnd = seededRandom(o.seed);
  const extra = provinces.flatMap((p) =>
    Array.from({ length: o.unitsPerProvince }, (_, i) => ({
      code: `GEN-${p.code}-${i + 1}`,
      kind: pick(rnd, KINDS),
      isNew: true,
      spans: [
        { from: '2021-01-01', to: null, value: { name: `Đơn vị mẫu ${i + 1} (sinh tự động)`, parentCode: p.code } },
      ],
    })),
  );
  const ids = new Map<string, number>();
  const all = await ctx.db.selectFrom('unit').select(['id', 'code']).execute();
  for (const u of all) ids.set(u.code, u.id);
  await ctx.db.transaction().execute((trx) => writeUnitHistories(trx, extra, ids));
  const count = await ctx.db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '!=', 'province')
    .executeTakeFirstOrThrow();
  await addNationalSessions(ctx, 0, o.records, o.seed);
  await sql`analyze communication_session`.execute(ctx.db);
  return { units: count.n, records: o.records };
}

const FORMS = ['conference', 'training', 'broadcast', 'article', 'social_post', 'loudspeaker', 'contest', 'integrated'];

/**
 * Adds `count` generated sessions (numbers from + 1 … from + count of the same reproducible sequence) over
 * 2021–2030 and every unit but the provinces — 85% approved, 8% awaiting approval, 5% drafts, 2% returned —
 * inside the database: 5 million rows through the client would take most of a benchmark's run.
 */
export async function addNationalSessions(ctx: Ctx, from: number, count: number, seed: number): Promise<void> {
  for (let done = from; done < from + count; done += 1_000_000) {
    const n = Math.min(1_000_000, from + count - done);
    await sql`
      with u as (select array_agg(id order by id) as ids from unit where kind <> 'province')
      insert into communication_session (unit_id, date, title, form, topics, target_groups, participants_total,
                                         participants_female, participants_male, status)
      select u.ids[1 + ((g * 7919 + ${seed}) % array_length(u.ids, 1))::int],
             date '2021-01-01' + ((g * 104729 + ${seed}) % 3652)::int,
             'Hoạt động mẫu sinh tự động',
             (${sql.val(FORMS)}::text[])[1 + (g % 8)::int],
             case when g % 3 = 0 then array['gbv'] else array['gender_equality_law'] end,
             array['community'],
             (20 + g % 100 + g % 50)::int, (10 + g % 100)::int, (10 - g % 10)::int,
             case when g % 100 < 85 then 'approved' when g % 100 < 93 then 'submitted'
                  when g % 100 < 98 then 'draft' else 'returned' end
        from u, generate_series(${done + 1}::bigint, ${done + n}::bigint) as g`.execute(ctx.db);
  }
}

const ACTIVITY_TYPES = ['training_course', 'media_product', 'inspection'];

/**
 * Generated Action Month records (G3) for every unit but the provinces, for each year of `years`: one plan
 * (80% approved, the rest awaiting approval) and `activities` other records dated over the year (one in twelve
 * falls in the 15/11–15/12 window), so that the Action Month source has a plan of every unit in every year.
 * Written inside the database, in one statement each.
 */
export async function addNationalRecords(
  ctx: Ctx,
  years: { from: number; to: number },
  activities: number,
): Promise<void> {
  await sql`
    insert into unit_record (type, unit_id, date, title, key, data, status)
    select 'action_month_plan', u.id, make_date(y, 10, 1), 'Kế hoạch Tháng hành động (sinh tự động)', y::text,
           jsonb_build_object('year', y), case when (u.id + y) % 10 < 8 then 'approved' else 'submitted' end
      from unit u, generate_series(${years.from}::int, ${years.to}::int) y
     where u.kind <> 'province'`.execute(ctx.db);
  await sql`
    insert into unit_record (type, unit_id, date, title, data, status)
    select (${sql.val(ACTIVITY_TYPES)}::text[])[1 + (u.id + k) % 3], u.id,
           make_date(y, 1 + (u.id * 7 + k * 5) % 12, 1 + (u.id + k) % 28), 'Hoạt động (sinh tự động)', '{}'::jsonb,
           case when (u.id + k) % 10 < 8 then 'approved' else 'draft' end
      from unit u, generate_series(${years.from}::int, ${years.to}::int) y, generate_series(1, ${activities}::int) k
     where u.kind <> 'province'`.execute(ctx.db);
}

/**
 * Generated communication models (G2) and community conventions (G6), for every commune: `models` models on the
 * commune's area, started 2021–2025, evaluated one to three times (one evaluation in four judges a model not
 * effective), one in five with an end date; `conventions` conventions adopted 2015–2025, one in ten replaced, one
 * in twenty with a confirmed finding. Generated communes have no villages, so a convention is written on its
 * commune (the indicator counts conventions per unit all the same). Written inside the database.
 */
export async function addNationalModelsAndConventions(
  ctx: Ctx,
  o: { models: number; conventions: number },
): Promise<void> {
  await sql`
    insert into unit_record (type, unit_id, date, title, data, status)
    select 'communication_model', u.id, make_date(2021 + (u.id + k) % 5, 1 + (u.id * 3 + k) % 12, 1 + k % 28),
           'Mô hình truyền thông (sinh tự động)',
           jsonb_build_object('areaUnitId', u.id, 'evaluations',
             (select jsonb_agg(jsonb_build_object('date', make_date(2021 + (u.id + k) % 5 + e, 12, 1),
                                                  'effective', (u.id + k + e) % 4 <> 0))
                from generate_series(0, (u.id + k) % 3) e))
             || case when (u.id + k) % 5 = 0 then jsonb_build_object('endDate', make_date(2027 + k % 3, 12, 31))
                     else '{}'::jsonb end,
           case when (u.id + k) % 10 < 8 then 'approved' else 'submitted' end
      from unit u, generate_series(1, ${o.models}::int) k
     where u.kind = 'commune'`.execute(ctx.db);
  await sql`
    insert into convention (village_unit_id, commune_unit_id, title, kind, adopted_on, status, replaced_on)
    select u.id, u.id, 'Hương ước (sinh tự động)', case when k % 2 = 0 then 'huong_uoc' else 'quy_uoc' end,
           make_date(2015 + (u.id + k) % 11, 1 + k % 12, 1),
           case when (u.id + k) % 10 = 0 then 'replaced' else 'in_force' end,
           case when (u.id + k) % 10 = 0 then make_date(2026, 1, 1) end
      from unit u, generate_series(1, ${o.conventions}::int) k
     where u.kind = 'commune'`.execute(ctx.db);
  await sql`
    insert into convention_text (convention_id, version_no, text)
    select id, 1, 'Văn bản mẫu (sinh tự động)' from convention where id % 20 = 0`.execute(ctx.db);
  await sql`
    insert into convention_finding (convention_id, text_id, category, location, excerpt, message, status)
    select convention_id, id, 'discrimination', 'Điều 1', 'Văn bản mẫu', 'Phát hiện mẫu (sinh tự động)', 'confirmed'
      from convention_text where text = 'Văn bản mẫu (sinh tự động)'`.execute(ctx.db);
}
