import { sql, type Kysely } from 'kysely';

/**
 * The screener's findings gain two kinds (issue 14): `described` — a custom, belief or practice reported in
 * the text rather than decreed by it (lower severity, for a reviewer to judge) — and `possible`, raised by the
 * statistical second opinion where no rule fired. Findings already stored keep their kind.
 */
const statements = [
  `alter table convention_finding drop constraint convention_finding_category_check`,
  `alter table convention_finding add constraint convention_finding_category_check
     check (category in ('discrimination', 'stereotype', 'described', 'possible'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
