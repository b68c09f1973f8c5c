import { sql, type Kysely } from 'kysely';

/**
 * Invitations to a wave's web form (issue 11): one link per sampled respondent, answered once. Only the
 * SHA-256 of a link's token is stored (the office downloads the links once, when it makes them); an
 * invitation carries the respondent's design values (stratum, cluster, weight), which its answer takes, so
 * a sampled wave can collect answers on the web. The answer's instance id is `invite:<id>`: the unique
 * (wave, instance id) of survey_response keeps an invitation to one answer even when two arrive at once.
 */
const statements = [
  `create table survey_invitation (
     id serial primary key,
     wave_id integer not null references survey_wave(id),
     token_hash text not null unique,
     label text not null default '',
     stratum text not null default '',
     cluster text not null default '',
     weight double precision not null default 1 check (weight > 0 and weight < 'Infinity'),
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     response_id integer unique references survey_response(id),
     answered_at timestamptz,
     answered_sheet text
   )`,
  `create index survey_invitation_wave on survey_invitation (wave_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
