import { sql, type Kysely } from 'kysely';

/**
 * Official reports of the plan (issue 12): six-month, yearly and review reports of the province or of an
 * area. A draft holds the figures gathered from the data (`content`) and the sections the office writes
 * (`narrative`); making it final stores the DOCX and its XLSX annex as files addressed by SHA-256 and
 * never changes the row again (the repository updates drafts only). A correction is a new version
 * pointing at the one it corrects, with what changed.
 */
const statements = [
  `create table official_report (
     id serial primary key,
     kind text not null check (kind in ('half_year', 'yearly', 'review')),
     year integer not null check (year between 2000 and 2100),
     area_unit_id integer references unit(id),
     version integer not null default 1 check (version >= 1),
     previous_id integer references official_report(id) deferrable initially deferred,
     status text not null default 'draft' check (status in ('draft', 'final')),
     issuer jsonb not null,
     narrative jsonb not null,
     content jsonb not null,
     change_note text not null default '',
     changes jsonb,
     docx_sha256 text references stored_file(sha256),
     annex_sha256 text references stored_file(sha256),
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     updated_at timestamptz not null default now(),
     updated_by integer references app_user(id),
     finalised_at timestamptz,
     finalised_by integer references app_user(id),
     check (status = 'draft' or (docx_sha256 is not null and annex_sha256 is not null and finalised_at is not null))
   )`,
  `create unique index official_report_version on official_report (kind, year, coalesce(area_unit_id, 0), version)`,
  `create unique index official_report_one_draft on official_report (kind, year, coalesce(area_unit_id, 0))
     where status = 'draft'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
