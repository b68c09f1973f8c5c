import { sql, type Kysely } from 'kysely';

/**
 * Boundaries of units for the leaders' map (issue 12): one GeoJSON geometry per unit (Polygon or
 * MultiPolygon, longitude/latitude), uploaded by the office as a FeatureCollection keyed by unit code. A
 * unit without one is simply not drawn; with none in an area, the page shows no map at all.
 */
const statements = [
  `create table unit_boundary (
     unit_id integer primary key references unit(id),
     geometry jsonb not null,
     made_up boolean not null default false,
     updated_at timestamptz not null default now(),
     updated_by integer references app_user(id)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
