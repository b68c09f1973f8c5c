import { sql, type Kysely } from 'kysely';

/**
 * Official figures count approved records; figures that also count records awaiting approval are
 * provisional (issue 13). The Action Month source (G3) said 'approved' or 'pending', so the provisional
 * view could not tell a plan awaiting approval from a draft. It now says, for a unit's plan of year Y
 * with an activity dated 15/11–15/12 of Y:
 * - 'approved' when the plan and one such activity are approved;
 * - 'submitted' when the plan and one such activity are approved or awaiting approval;
 * - 'draft' otherwise (a draft or returned plan, or activities only drafted or returned).
 */
const WINDOW = `between make_date((p.data->>'year')::int, 11, 15) and make_date((p.data->>'year')::int, 12, 15)`;
const ACTIVITY_TYPES =
  `('media_product', 'training_course', 'education_activity', 'false_information_case', ` +
  `'communication_model', 'resource_mobilisation', 'inspection')`;
const activity = (statuses: string) =>
  `(exists (select 1 from communication_session s where s.unit_id = p.unit_id and s.status in ${statuses}
                   and s.date ${WINDOW})
      or exists (select 1 from unit_record r where r.unit_id = p.unit_id and r.status in ${statuses}
                   and r.type in ${ACTIVITY_TYPES} and r.date ${WINDOW}))`;

const statements = [
  `create or replace view src_action_month as
   select p.unit_id,
          make_date((p.data->>'year')::int, 12, 15) as date,
          case when p.status = 'approved' and ${activity(`('approved')`)} then 'approved'
               when p.status in ('approved', 'submitted') and ${activity(`('approved', 'submitted')`)} then 'submitted'
               else 'draft' end as status
     from unit_record p
    where p.type = 'action_month_plan'
      and ${activity(`('draft', 'submitted', 'approved', 'returned')`)}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
