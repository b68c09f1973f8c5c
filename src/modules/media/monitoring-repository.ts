import { sql, type RawBuilder } from 'kysely';
import { LEADER_OCCUPATIONS } from '../../core/media/codes.ts';
import type { Person, Story } from '../../core/media/story.ts';
import type { Db } from '../../db/engine.ts';

// ---- exercises

export async function listExercises(db: Db) {
  return db
    .selectFrom('monitoring_exercise as e')
    .select(['e.id', 'e.name', 'e.start_date', 'e.end_date', 'e.media', 'e.note', 'e.version'])
    .select(
      sql<number>`(select count(*) from media_story s where s.exercise_id = e.id and s.check_of is null)::int`.as(
        'stories',
      ),
    )
    .select(
      sql<number>`(select count(*) from media_story s where s.exercise_id = e.id and s.check_of is not null)::int`.as(
        'checks',
      ),
    )
    .orderBy('e.start_date', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

export async function getExercise(db: Db, id: number) {
  return db.selectFrom('monitoring_exercise').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertExercise(
  db: Db,
  v: { name: string; startDate: string; endDate: string; media: string[]; note: string | null },
  userId: number | null,
): Promise<number> {
  const r = await db
    .insertInto('monitoring_exercise')
    .values({
      name: v.name,
      start_date: v.startDate,
      end_date: v.endDate,
      media: sql<string[]>`${v.media}::text[]`,
      note: v.note,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

// ---- stories

const storyValues = (s: Story, topicGroup: string, coderId: number | null, checkOf: number | null) => ({
  exercise_id: s.exerciseId,
  unit_id: s.unitId,
  medium: s.medium,
  date: s.date,
  headline: s.headline,
  topic: s.topic,
  topic_group: topicGroup,
  scope: s.scope,
  reporter_sex: s.reporterSex,
  about_women: s.aboutWomen,
  highlights_inequality: s.highlightsInequality,
  challenges_stereotypes: s.challengesStereotypes,
  stereotype: s.stereotype,
  refers_to_law: s.refersToLaw,
  body: s.body,
  check_of: checkOf,
  coder_id: coderId,
});

const personValues = (storyId: number, people: Person[]) =>
  people.map((p, i) => ({
    story_id: storyId,
    position: i + 1,
    sex: p.sex,
    age_band: p.ageBand,
    occupation: p.occupation,
    function: p.function,
    family_role: p.familyRole,
    victim: p.victim,
    quoted: p.quoted,
    photographed: p.photographed,
  }));

/** Stores stories with their people (in the caller's transaction), 500 rows a statement; returns their ids. */
export async function insertStories(
  db: Db,
  stories: { story: Story; topicGroup: string; coderId: number | null; checkOf: number | null; suggestion: unknown }[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < stories.length; i += 500) {
    const chunk = stories.slice(i, i + 500);
    const rows = await db
      .insertInto('media_story')
      .values(
        chunk.map((c) => ({
          ...storyValues(c.story, c.topicGroup, c.coderId, c.checkOf),
          suggestion: c.suggestion === null ? null : JSON.stringify(c.suggestion),
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  const people = stories.flatMap((c, i) => personValues(ids[i]!, c.story.people));
  for (let i = 0; i < people.length; i += 1000)
    await db
      .insertInto('media_person')
      .values(people.slice(i, i + 1000))
      .execute();
  return ids;
}

export async function updateStory(
  db: Db,
  id: number,
  version: number,
  s: Story,
  topicGroup: string,
  suggestion: unknown,
): Promise<boolean> {
  const { check_of: _c, coder_id: _k, ...values } = storyValues(s, topicGroup, null, null);
  const r = await db
    .updateTable('media_story')
    .set({
      ...values,
      suggestion: suggestion === null ? null : JSON.stringify(suggestion),
      version: version + 1,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('media_person').where('story_id', '=', id).execute();
  if (s.people.length) await db.insertInto('media_person').values(personValues(id, s.people)).execute();
  return true;
}

export async function deleteStory(db: Db, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('media_story').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Whether a story has second codings (for agreement) that must stay in its exercise and agency. */
export async function hasChecks(db: Db, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('media_story').select('id').where('check_of', '=', id).limit(1).executeTakeFirst()) !==
    undefined
  );
}

export async function getStory(db: Db, id: number) {
  return db.selectFrom('media_story').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function storyPeople(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('media_person')
    .selectAll()
    .where('story_id', 'in', ids)
    .orderBy('story_id')
    .orderBy('position')
    .execute();
}

export async function listStories(
  db: Db,
  f: { exerciseId?: number | undefined; unitId?: number | undefined; limit: number; offset: number },
) {
  let q = db
    .selectFrom('media_story as s')
    .innerJoin('unit as u', 'u.id', 's.unit_id')
    .leftJoin('app_user as c', 'c.id', 's.coder_id')
    .select([
      's.id',
      's.exercise_id',
      's.unit_id',
      'u.code as unit_code',
      's.medium',
      's.date',
      's.headline',
      's.topic',
      's.stereotype',
      's.challenges_stereotypes',
      's.check_of',
      's.version',
      'c.username as coder',
      sql<number>`(select count(*) from media_person p where p.story_id = s.id)::int`.as('people'),
      sql<string>`(select name from unit_version v where v.unit_id = s.unit_id and v.valid_from <= s.date order
        by v.valid_from desc limit 1)`.as('unit_name'),
    ]);
  if (f.exerciseId !== undefined) q = q.where('s.exercise_id', '=', f.exerciseId);
  if (f.unitId !== undefined) q = q.where('s.unit_id', '=', f.unitId);
  const [items, total] = await Promise.all([
    q.orderBy('s.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

// ---- figures

export interface StoryScope {
  year?: number | undefined;
  exerciseId?: number | undefined;
  unitIds?: number[] | undefined;
}

function where(f: StoryScope): RawBuilder<unknown> {
  const parts = [sql`s.check_of is null`];
  if (f.year !== undefined)
    parts.push(sql`s.date >= ${`${f.year}-01-01`}::date and s.date <= ${`${f.year}-12-31`}::date`);
  if (f.exerciseId !== undefined) parts.push(sql`s.exercise_id = ${f.exerciseId}`);
  if (f.unitIds !== undefined) parts.push(f.unitIds.length ? sql`s.unit_id = any(${f.unitIds}::int[])` : sql`false`);
  return sql.join(parts, sql` and `);
}

const LEADERS = sql.join(LEADER_OCCUPATIONS.map((o) => sql.lit(o)));

/**
 * What an agency's coded stories of a year give the indicator set (women among people, quoted, experts,
 * spokespersons, leaders; shares of stories), with n, monitoring days and exercises.
 */
export async function agencyFigures(db: Db, unitId: number, year: number) {
  const scope = where({ year, unitIds: [unitId] });
  const [people, stories] = await Promise.all([
    sql<Record<string, number>>`
      select count(*) filter (where p.sex = 'female')::int as women,
             count(*) filter (where p.sex <> 'unknown')::int as known,
             count(*) filter (where p.sex = 'female' and p.quoted)::int as women_quoted,
             count(*) filter (where p.sex <> 'unknown' and p.quoted)::int as quoted,
             count(*) filter (where p.sex = 'female' and p.function = 'expert')::int as women_experts,
             count(*) filter (where p.sex <> 'unknown' and p.function = 'expert')::int as experts,
             count(*) filter (where p.sex = 'female' and p.function = 'spokesperson')::int as women_spokespersons,
             count(*) filter (where p.sex <> 'unknown' and p.function = 'spokesperson')::int as spokespersons,
             count(*) filter (where p.sex = 'female' and p.occupation in (${LEADERS}))::int as women_leaders,
             count(*) filter (where p.sex <> 'unknown' and p.occupation in (${LEADERS}))::int as leaders
        from media_story s join media_person p on p.story_id = s.id
       where ${scope}`.execute(db),
    sql<Record<string, number>>`
      select count(*)::int as stories,
             count(distinct s.date)::int as days,
             count(distinct s.exercise_id)::int as exercises,
             count(*) filter (where s.reporter_sex = 'female')::int as women_reporters,
             count(*) filter (where s.reporter_sex <> 'unknown')::int as reporters,
             count(*) filter (where s.about_women)::int as about_women,
             count(*) filter (where s.topic_group = 'gender')::int as gbv_rights,
             count(*) filter (where s.stereotype)::int as stereotype,
             count(*) filter (where s.challenges_stereotypes)::int as challenge,
             count(*) filter (where s.refers_to_law)::int as law
        from media_story s
       where ${scope}`.execute(db),
  ]);
  return { people: people.rows[0]!, stories: stories.rows[0]! };
}

/** For each agency and year of [from, to]: in how many monitoring exercises its stories were coded. */
export async function exercisesPerAgencyYear(db: Db, from: number, to: number, unitIds: number[] | null) {
  const scope = unitIds ? (unitIds.length ? sql`s.unit_id = any(${unitIds}::int[])` : sql`false`) : sql`true`;
  const r = await sql<{ unit_id: number; year: number; exercises: number }>`
    select s.unit_id, extract(year from s.date)::int as year, count(distinct s.exercise_id)::int as exercises
      from media_story s
     where s.check_of is null and s.date >= ${`${from}-01-01`}::date and s.date <= ${`${to}-12-31`}::date and ${scope}
     group by 1, 2`.execute(db);
  return r.rows;
}

/** The dimensions figures can be broken down by, and their SQL (a column of story s or person p). */
export const PERSON_DIMENSIONS = {
  function: sql`p.function`,
  occupation: sql`p.occupation`,
  age_band: sql`p.age_band`,
  topic_group: sql`s.topic_group`,
  topic: sql`s.topic`,
  medium: sql`s.medium`,
  scope: sql`s.scope`,
  agency: sql`s.unit_id::text`,
  exercise: sql`s.exercise_id::text`,
} as const;
export type Dimension = keyof typeof PERSON_DIMENSIONS;
export const STORY_DIMENSIONS = ['topic_group', 'topic', 'medium', 'scope', 'agency', 'exercise'] as const;

/** Women, people of known sex and of unknown sex, grouped by up to three dimensions. */
export async function peopleShares(db: Db, scope: StoryScope, by: Dimension[]) {
  const keys = by.map((d, i) => sql`${PERSON_DIMENSIONS[d]} as ${sql.ref(`k${i}`)}`);
  const groups = by.map((_, i) => sql.lit(i + 1));
  const r = await sql<Record<string, string | number>>`
    select ${sql.join([...keys, sql`count(*) filter (where p.sex = 'female')::int as women`])},
           count(*) filter (where p.sex <> 'unknown')::int as known,
           count(*) filter (where p.sex = 'unknown')::int as unknown
      from media_story s join media_person p on p.story_id = s.id
     where ${where(scope)}
     ${by.length ? sql`group by ${sql.join(groups)}` : sql``}`.execute(db);
  return r.rows;
}

/** Story-level counts (stories, women reporters, stereotypes), grouped by up to one story dimension. */
export async function storyShares(db: Db, scope: StoryScope, by: (typeof STORY_DIMENSIONS)[number] | null) {
  const key = by ? sql`${PERSON_DIMENSIONS[by]} as k0,` : sql``;
  const r = await sql<Record<string, string | number>>`
    select ${key}
           count(*)::int as stories,
           count(*) filter (where s.reporter_sex = 'female')::int as women_reporters,
           count(*) filter (where s.reporter_sex <> 'unknown')::int as reporters,
           count(*) filter (where s.challenges_stereotypes)::int as challenge,
           count(*) filter (where s.stereotype)::int as stereotype,
           count(*) filter (where s.about_women)::int as about_women
      from media_story s
     where ${where(scope)}
     ${by ? sql`group by 1` : sql``}`.execute(db);
  return r.rows;
}

const SEP = '\u001f';

/**
 * Variables of intercoder agreement: columns of a story, and of a person in it (besides a story's number of people).
 */
const STORY_AGREEMENT_COLUMNS = [
  'medium',
  'topic',
  'scope',
  'reporter_sex',
  'about_women',
  'highlights_inequality',
  'challenges_stereotypes',
  'stereotype',
  'refers_to_law',
] as const;
const PERSON_AGREEMENT_COLUMNS = [
  'sex',
  'age_band',
  'occupation',
  'function',
  'family_role',
  'victim',
  'quoted',
] as const;

/** The variables agreement is reported on, in this order. */
export const AGREEMENT_VARIABLES = [
  ...STORY_AGREEMENT_COLUMNS,
  'people',
  ...PERSON_AGREEMENT_COLUMNS.map((v) => `person.${v}`),
];

/**
 * Intercoder agreement's input, reduced by the database: for every variable, each distinct pattern of
 * (coders, values) that a double-coded unit shows, with how many units show it. Story variables have the
 * story as unit; person variables the story and the person's position. Coders are told apart by their
 * user id; a coding without a coder (the command line) is coder "system".
 */
export async function agreementPatterns(db: Db, exerciseId: number | undefined) {
  // PostgreSQL's JIT would compile this one-off query for longer than it runs (about 130 ms measured)
  const r = await db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    // the planner expects many groups and sorts 300,000 short texts; there are a few hundred: hash them
    await sql`set local enable_sort = off`.execute(trx);
    return agreementQuery(exerciseId).execute(trx);
  });
  const scope = exerciseId === undefined ? sql`true` : sql`f.exercise_id = ${exerciseId}`;
  const stories = await sql<{ n: number }>`
    select count(*)::int as n from media_story f
     where ${scope} and f.check_of is null and exists (select 1 from media_story x where x.check_of = f.id)`.execute(
    db,
  );
  return {
    stories: stories.rows[0]!.n,
    patterns: r.rows.map((x) => ({
      variable: x.variable,
      coders: x.coders.split(SEP),
      values: x.vals.split(SEP),
      n: x.n,
    })),
  };
}

/**
 * The query behind agreementPatterns (the benchmark explains it). A story coded twice — nearly all of
 * them — is one pair of rows joined on `check_of` (and its people joined on position): its pattern is
 * "first coder, second coder" and "first value, second value". Stories coded three times or more go
 * through the general path: their codings are grouped per unit with string_agg. Within a group every
 * aggregate reads the rows in the same sequence, so the n-th coder and the n-th value belong to the same
 * coding; the order itself does not matter (kappa pairs values by coder, alpha uses the multiset), so
 * the aggregates are not sorted.
 */
export function agreementQuery(exerciseId: number | undefined) {
  const scope = exerciseId === undefined ? sql`true` : sql`f.exercise_id = ${exerciseId}`;
  const text = (alias: string, name: string) => sql`${sql.ref(`${alias}.${name}`)}::text`;
  const count = (alias: string) =>
    sql`(select count(*) from media_person q where q.story_id = ${sql.ref(`${alias}.id`)})`;
  const story = [...STORY_AGREEMENT_COLUMNS, 'people'];
  // pairs: both codings side by side (f_x, b_x); one grouping per variable on the plain columns, the few
  // hundred groups turned into text after (casting, concatenating and hashing text for each of 300,000
  // rows cost most of the time)
  const sideBySide = (names: readonly string[], f: string, b: string) =>
    sql.join(
      names.flatMap((c) => [
        sql`${sql.ref(`${f}.${c}`)} as ${sql.ref(`f_${c}`)}`,
        sql`${sql.ref(`${b}.${c}`)} as ${sql.ref(`b_${c}`)}`,
      ]),
    );
  const pairGroups = (table: string, names: readonly string[], prefix: string) =>
    sql.join(
      names.map(
        (c) => sql`
          select ${`${prefix}${c}`}::text as variable,
                 coalesce(g.fc::text, 'system') || ${SEP} || coalesce(g.bc::text, 'system') as coders,
                 g.va::text || ${SEP} || g.vb::text as vals, g.n
            from (select fc, bc, ${sql.ref(`f_${c}`)} as va, ${sql.ref(`b_${c}`)} as vb, count(*)::int as n
                    from ${sql.table(table)} group by 1, 2, 3, 4) g`,
      ),
      sql` union all `,
    );
  // three codings or more: grouped per unit with string_agg
  const agg = (alias: string, names: readonly string[]) =>
    sql.join(names.map((c) => sql`string_agg(${text(alias, c)}, ${SEP}) as ${sql.ref(c)}`));
  const grouped = (table: string, names: readonly string[], prefix: string) =>
    sql.join(
      names.map(
        (c) =>
          sql`select ${`${prefix}${c}`}::text as variable, coders, ${sql.ref(c)} as vals, count(*)::int as n
                from ${sql.table(table)} group by coders, ${sql.ref(c)}`,
      ),
      sql` union all `,
    );
  return sql<{ variable: string; coders: string; vals: string; n: number }>`
    with sp as materialized (
      select f.id as fid, b.id as bid, f.coder_id as fc, b.coder_id as bc,
             ${sideBySide(STORY_AGREEMENT_COLUMNS, 'f', 'b')},
             ${count('f')} as f_people, ${count('b')} as b_people
        from media_story f
        join media_story b on b.check_of = f.id
       where f.check_of is null and ${scope}
         and f.id in (select x.check_of from media_story x where x.check_of is not null
                       group by x.check_of having count(*) = 1)
    ), pp as materialized (
      select sp.fc, sp.bc, ${sideBySide(PERSON_AGREEMENT_COLUMNS, 'pa', 'pb')}
        from sp
        -- lateral: an index lookup per pair (the planner expects far more pairs than there are, and would
        -- otherwise hash the whole people table twice; "offset 0" keeps it from flattening the subqueries)
        cross join lateral (select * from media_person q where q.story_id = sp.fid offset 0) pa
        cross join lateral (select * from media_person q
                             where q.story_id = sp.bid and q.position = pa.position offset 0) pb
    ), coded as materialized (
      select f.id as story, s.id as sid, coalesce(s.coder_id::text, 'system') as coder, s.*, ${count('s')} as people
        from media_story s
        join media_story f on f.id = coalesce(s.check_of, s.id)
       where ${scope}
         and f.id in (select x.check_of from media_story x where x.check_of is not null
                       group by x.check_of having count(*) >= 2)
    ), su as materialized (
      select k.story, string_agg(k.coder, ${SEP}) as coders, ${agg('k', story)}
        from coded k group by k.story
    ), pu as materialized (
      select k.story, p.position, string_agg(k.coder, ${SEP}) as coders, ${agg('p', PERSON_AGREEMENT_COLUMNS)}
        from coded k join media_person p on p.story_id = k.sid group by k.story, p.position
    )
    ${pairGroups('sp', story, '')}
    union all ${pairGroups('pp', PERSON_AGREEMENT_COLUMNS, 'person.')}
    union all ${grouped('su', story, '')}
    union all ${grouped('pu', PERSON_AGREEMENT_COLUMNS, 'person.')}`;
}
