import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../../core/errors.ts';
import { appliedMigrations, migrate, migrateTo } from '../../db/migrate.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { filePath } from '../files/service.ts';
import * as repo from './repository.ts';

/**
 * Backups of a whole installation, the same for PGlite and PostgreSQL: one gzip file of lines, each a tag
 * and JSON —
 *   H {format, version, createdAt, engine, migrations}   the header
 *   F {sha256, size, data}                                an evidence file (base64)
 *   T {table}  R {…row…}…  E {table, rows, digest}        each table, parents before children
 *   Z {tables, files, missingFiles}                       the end (a file without it is cut short)
 * Tables are read in one repeatable-read transaction, so the copy is consistent while the server runs.
 * A restore writes everything in one transaction and checks every table's row count and digest (and every
 * file's SHA-256) before it commits: it lands whole or not at all.
 */
export const BACKUP_FORMAT = 'bdg-backup';
const VERSION = 1;

export interface BackupSummary {
  tables: Record<string, { rows: number; digest: string }>;
  files: number;
  missingFiles: string[];
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

const line = (tag: string, value: unknown) => `${tag}\t${JSON.stringify(value)}\n`;

/** Writes a backup of `ctx` to `destination` (gzip); resolves with what it holds when all is flushed. */
export async function writeBackup(ctx: Ctx, destination: Writable): Promise<BackupSummary> {
  const gz = zlib.createGzip();
  const done = new Promise<void>((resolve, reject) => {
    destination.on('finish', resolve).on('close', resolve).on('error', reject);
    gz.on('error', reject);
  });
  gz.pipe(destination);
  const summary = await ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await repo.useUtc(trx);
      const migrations = await appliedMigrations(trx);
      await write(
        gz,
        line('H', {
          format: BACKUP_FORMAT,
          version: VERSION,
          createdAt: new Date().toISOString(),
          engine: ctx.engine,
          migrations,
        }),
      );
      const missingFiles: string[] = [];
      const files = await repo.storedFiles(trx);
      for (const f of files) {
        const content = await fs.promises.readFile(filePath(ctx.config.dataDir, f.sha256)).catch(() => null);
        if (!content) missingFiles.push(f.sha256);
        else await write(gz, line('F', { sha256: f.sha256, size: content.length, data: content.toString('base64') }));
      }
      const tables: BackupSummary['tables'] = {};
      for (const table of await repo.tablesInDependencyOrder(trx)) {
        await write(gz, line('T', { table }));
        await repo.readTable(trx, table, async (rows) => {
          await write(gz, rows.map((r) => `R\t${r}\n`).join(''));
        });
        tables[table] = await repo.tableDigest(trx, table);
        await write(gz, line('E', { table, ...tables[table] }));
      }
      return { tables, files: files.length - missingFiles.length, missingFiles };
    });
  await write(gz, line('Z', summary));
  gz.end();
  await done;
  return summary;
}

const broken = (why: string) => new AppError('VALIDATION', `Tệp sao lưu không dùng được: ${why}`);

/**
 * Restores a backup into `ctx`'s database, which must hold no data (a new PostgreSQL database, or a new
 * PGlite folder): nothing already stored is ever overwritten. The schema is created at the backup's
 * migration level, the rows are written and checked in one transaction, then later migrations run. Files
 * are written to the data folder (content-addressed, each checked against its SHA-256) before the rows.
 */
export async function restoreBackup(ctx: Ctx, source: Readable): Promise<BackupSummary> {
  const gunzip = zlib.createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  const lines = readline.createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const next = async (): Promise<[string, string] | null> => {
    let r: IteratorResult<string>;
    try {
      r = await it.next();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', 'Không tìm thấy tệp sao lưu');
      throw broken(`không đọc được (${(e as Error).message})`);
    }
    if (r.done) return null;
    const tab = r.value.indexOf('\t');
    return [r.value.slice(0, tab), r.value.slice(tab + 1)];
  };
  const first = await next();
  const header =
    first && first[0] === 'H'
      ? (JSON.parse(first[1]) as { format: string; version: number; migrations: string[] })
      : null;
  if (!header || header.format !== BACKUP_FORMAT) throw broken('không phải tệp sao lưu của BĐG Monitor');
  if (header.version !== VERSION) throw broken(`phiên bản định dạng ${header.version} chưa được hỗ trợ`);
  if (await repo.holdsData(ctx.db)) {
    throw new AppError(
      'CONFLICT',
      'Cơ sở dữ liệu đích đã có dữ liệu: hãy khôi phục vào một cơ sở dữ liệu (hoặc thư mục dữ liệu) mới, trống',
    );
  }
  await repo.resetSchema(ctx.db);
  await migrateTo(ctx.db, header.migrations);

  let files = 0;
  let pending = await next();
  while (pending && pending[0] === 'F') {
    const f = JSON.parse(pending[1]) as { sha256: string; data: string };
    const content = Buffer.from(f.data, 'base64');
    if (createHash('sha256').update(content).digest('hex') !== f.sha256) throw broken(`tệp ${f.sha256} bị hỏng`);
    const target = filePath(ctx.config.dataDir, f.sha256);
    if (!fs.existsSync(target)) {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(`${target}.restore.tmp`, content);
      await fs.promises.rename(`${target}.restore.tmp`, target);
    }
    files++;
    pending = await next();
  }

  const summary = await ctx.db.transaction().execute(async (trx) => {
    await repo.useUtc(trx);
    const tables = await repo.tablesInDependencyOrder(trx);
    await repo.emptyTables(trx, tables);
    const seen: BackupSummary['tables'] = {};
    let end: BackupSummary | null = null;
    while (pending) {
      const [tag, body] = pending;
      if (tag === 'T') {
        const { table } = JSON.parse(body) as { table: string };
        if (!tables.includes(table)) throw broken(`bảng ${table} không có trong cơ sở dữ liệu`);
        let batch: string[] = [];
        for (pending = await next(); pending && pending[0] === 'R'; pending = await next()) {
          batch.push(pending[1]);
          if (batch.length >= 1000) {
            await repo.insertJsonRows(trx, table, batch);
            batch = [];
          }
        }
        await repo.insertJsonRows(trx, table, batch);
        continue;
      }
      if (tag === 'E') {
        const e = JSON.parse(body) as { table: string; rows: number; digest: string };
        const got = await repo.tableDigest(trx, e.table);
        if (got.rows !== e.rows || got.digest !== e.digest) {
          throw broken(`bảng ${e.table}: khôi phục ${got.rows} dòng, bản sao lưu có ${e.rows} (hoặc nội dung khác)`);
        }
        seen[e.table] = got;
      } else if (tag === 'Z') {
        end = JSON.parse(body) as BackupSummary;
      } else throw broken(`dòng không hợp lệ (${tag})`);
      pending = await next();
    }
    if (!end) throw broken('tệp bị cắt cụt (thiếu phần kết thúc)');
    const missing = Object.keys(end.tables).filter((t) => !seen[t]);
    if (missing.length) throw broken(`thiếu bảng ${missing.join(', ')}`);
    await repo.resetSequences(trx);
    return { tables: seen, files, missingFiles: end.missingFiles };
  });
  await migrate(ctx.db);
  return summary;
}

/** A backup as an admin downloads it (audited; the content is not). */
export async function backupForDownload(ctx: Ctx, actor: Actor, destination: Writable): Promise<BackupSummary> {
  if (actor.role !== 'admin' && actor.role !== 'system')
    throw new AppError('FORBIDDEN', 'Chỉ quản trị viên được sao lưu');
  await writeAudit(ctx.db, actor, 'backup', 'database', 0, null, { engine: ctx.engine });
  return writeBackup(ctx, destination);
}
