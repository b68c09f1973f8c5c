import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { DataDirBusyError, openDatabase, openPostgres, waitForDatabase } from '../db/engine.ts';
import { writeBackup, restoreBackup, type BackupSummary } from '../modules/backup/service.ts';
import { SYSTEM_ACTOR } from '../modules/context.ts';
import { ensureSeedPlans } from '../modules/plans/service.ts';
import { withCtx } from './runtime.ts';

const describe = (s: BackupSummary): string => {
  const rows = Object.values(s.tables).reduce((n, t) => n + t.rows, 0);
  const lines = [`${Object.keys(s.tables).length} bảng, ${rows} dòng, ${s.files} tệp minh chứng.`];
  if (s.missingFiles.length) {
    lines.push(
      `CẢNH BÁO: ${s.missingFiles.length} tệp minh chứng đã ghi nhận nhưng không còn trên đĩa: ` +
        `${s.missingFiles.slice(0, 5).join(', ')}…`,
    );
  }
  return lines.join('\n');
};

/** Writes to `file` through a temporary name, so that a cut-short backup never sits under the real name. */
async function backupTo(ctx: Parameters<typeof writeBackup>[0], file: string): Promise<BackupSummary> {
  const tmp = `${file}.partial`;
  const summary = await writeBackup(ctx, fs.createWriteStream(tmp));
  fs.renameSync(tmp, file);
  return summary;
}

/** `bdg backup FILE` */
export async function backup(file: string | undefined): Promise<void> {
  if (!file) throw new AppError('VALIDATION', 'Dùng: bdg backup FILE');
  try {
    await withCtx(async (ctx) => console.log(`Đã sao lưu vào ${file}: ${describe(await backupTo(ctx, file))}`));
  } catch (e) {
    if (e instanceof DataDirBusyError) {
      throw new AppError(
        'CONFLICT',
        'Máy chủ đang chạy trên cơ sở dữ liệu nhúng: tải bản sao lưu nhất quán từ máy chủ (trang Người dùng, nút ' +
          '"Tải bản sao lưu", hoặc GET /api/admin/backup với phiên quản trị viên), hoặc dừng máy chủ rồi chạy lại ' +
          'lệnh này.',
      );
    }
    throw e;
  }
}

/** `bdg restore FILE`: into the configured database, which must hold no data. */
export async function restore(file: string | undefined): Promise<void> {
  if (!file || !fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp sao lưu ${file ?? ''}`);
  const config = loadConfig();
  const handle = await openDatabase(config);
  try {
    const ctx = { db: handle.db, engine: handle.engine, config };
    const summary = await restoreBackup(ctx, fs.createReadStream(file));
    await ensureSeedPlans(ctx, SYSTEM_ACTOR);
    console.log(`Đã khôi phục và kiểm tra từng bảng: ${describe(summary)}`);
  } finally {
    await handle.close();
  }
}

/**
 * `bdg migrate-to-postgres URL`: moves the embedded installation (BDG_DATA_DIR) into an empty PostgreSQL
 * database, row for row, each table checked by count and digest; evidence files stay in the data folder.
 */
export async function migrateToPostgres(url: string | undefined): Promise<void> {
  if (!url || !/^postgres(ql)?:\/\//u.test(url))
    throw new AppError('VALIDATION', 'Dùng: bdg migrate-to-postgres postgres://…');
  const config = loadConfig();
  if (config.databaseUrl)
    throw new AppError('VALIDATION', 'Bỏ DATABASE_URL: lệnh này chuyển từ cơ sở dữ liệu nhúng sang PostgreSQL');
  const dir = path.join(config.dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `truoc-khi-chuyen-${new Date().toISOString().replace(/[-:]/gu, '').slice(0, 15)}.bdgbak`);
  const source = await withCtx((ctx) => backupTo(ctx, file), config);
  const target = openPostgres(url);
  try {
    await waitForDatabase(target, config.dbWaitMs);
    const ctx = { db: target.db, engine: 'postgres' as const, config: { ...config, databaseUrl: url } };
    const restored = await restoreBackup(ctx, fs.createReadStream(file));
    const differ = Object.keys(source.tables).filter((t) => restored.tables[t]?.digest !== source.tables[t]!.digest);
    if (differ.length) throw new AppError('CONFLICT', `Bảng khác nhau sau khi chuyển: ${differ.join(', ')}`);
    console.log(
      [
        `Đã chuyển sang PostgreSQL, từng bảng khớp số dòng và nội dung: ${describe(restored)}`,
        `Bản sao lưu trước khi chuyển: ${file}`,
        `Từ nay chạy máy chủ với DATABASE_URL=${url.replace(/\/\/[^@/]*@/u, '//…@')} (giữ nguyên BDG_DATA_DIR cho ` +
          `tệp minh chứng).`,
      ].join('\n'),
    );
  } finally {
    await target.close();
  }
}
