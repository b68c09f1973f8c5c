import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './engine.ts';
import * as m0001 from './migrations/0001_init.ts';
import * as m0002 from './migrations/0002_plans.ts';
import * as m0003 from './migrations/0003_workflow.ts';
import * as m0004 from './migrations/0004_notifications.ts';
import * as m0005 from './migrations/0005_records.ts';
import * as m0006 from './migrations/0006_conventions.ts';
import * as m0007 from './migrations/0007_hardening.ts';
import * as m0008 from './migrations/0008_media.ts';
import * as m0009 from './migrations/0009_surveys.ts';
import * as m0010 from './migrations/0010_pending_figures.ts';
import * as m0011 from './migrations/0011_survey_invitations.ts';
import * as m0012 from './migrations/0012_official_reports.ts';
import * as m0013 from './migrations/0013_public_reports.ts';
import * as m0014 from './migrations/0014_unit_boundaries.ts';
import * as m0015 from './migrations/0015_screener_categories.ts';
import * as m0016 from './migrations/0016_indicator_aggregates.ts';
import * as m0017 from './migrations/0017_action_month_aggregates.ts';
import * as m0018 from './migrations/0018_model_convention_aggregates.ts';
import * as m0019 from './migrations/0019_version_bump_without_waits.ts';
import * as m0020 from './migrations/0020_media_level_aggregates.ts';

/** Migrations in order. Never edit one that has landed: add the next number. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_plans': m0002,
  '0003_workflow': m0003,
  '0004_notifications': m0004,
  '0005_records': m0005,
  '0006_conventions': m0006,
  '0007_hardening': m0007,
  '0008_media': m0008,
  '0009_surveys': m0009,
  '0010_pending_figures': m0010,
  '0011_survey_invitations': m0011,
  '0012_official_reports': m0012,
  '0013_public_reports': m0013,
  '0014_unit_boundaries': m0014,
  '0015_screener_categories': m0015,
  '0016_indicator_aggregates': m0016,
  '0017_action_month_aggregates': m0017,
  '0018_model_convention_aggregates': m0018,
  '0019_version_bump_without_waits': m0019,
  '0020_media_level_aggregates': m0020,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error)
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String((error as Error).message ?? error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Names of the migrations this code knows that the database has not applied yet (all of them before the first
 * migration made its table). Two short queries: the readiness probe asks every few seconds, and Kysely's Migrator
 * first looks its tables up in the catalogue, 11 ms of the embedded database's one thread a call against 0.6.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const table = await sql<{ t: string | null }>`select to_regclass(${DEFAULT_MIGRATION_TABLE})::text as t`.execute(db);
  if (!table.rows[0]?.t) return Object.keys(MIGRATIONS);
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
  const applied = new Set(rows.map((r) => r.name));
  return Object.keys(MIGRATIONS).filter((name) => !applied.has(name));
}

/** Names of the migrations the database has applied, in order. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const infos = await new Migrator({ db, provider }).getMigrations();
  return infos.filter((m) => m.executedAt).map((m) => m.name);
}

/**
 * Brings an empty database to the level of `names` (a backup's migrations), no further: its rows are then
 * loaded into the schema they were read from, and later migrations run over them. Refuses a backup made by
 * a newer version of the product.
 */
export async function migrateTo(db: Db, names: string[]): Promise<void> {
  const known = Object.keys(MIGRATIONS);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    throw new Error(`Bản sao lưu do phiên bản mới hơn tạo ra (migration ${unknown.join(', ')}); hãy nâng cấp trước`);
  }
  if (names.some((n, i) => known[i] !== n)) throw new Error('Danh sách migration của bản sao lưu không khớp');
  if (names.length === 0) return;
  const { error } = await new Migrator({ db, provider }).migrateTo(names.at(-1)!);
  if (error) throw new Error(`Migration failed: ${String((error as Error).message ?? error)}`);
}
