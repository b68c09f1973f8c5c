import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.ts';
import { openLog } from '../http/log-file.ts';
import { loadConfig, webBuildEnvironment, type Config } from '../config.ts';
import { openDatabase } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';
import { readDemoLogins, seedDemo } from '../demo/seed.ts';
import { SYSTEM_ACTOR } from '../modules/context.ts';
import { getMeta } from '../modules/meta/repository.ts';
import { ensureSeedPlans } from '../modules/plans/service.ts';
import { smtpTransport, startMailer } from '../modules/notifications/mailer.ts';
import { startReminders } from '../modules/reports/reminders.ts';
import { watchPool } from '../modules/metrics/registry.ts';
import { PROJECT_ROOT } from '../project-root.ts';

const root = PROJECT_ROOT;
export const WEB_DIST = path.join(root, 'web', 'dist');

/**
 * The newest modification time of the files under a folder that the web client is built from: tests are not, so an
 * edited test does not rebuild the client (a rebuild empties web/dist while a running server may be serving it).
 */
export function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!/\.test\.tsx?$/u.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web client when it is missing or older than its sources (the first `npm start`). */
export async function ensureWebBuilt(force = false): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  const web = path.join(root, 'web');
  // the client imports pure logic from src/core (the survey form's checks): a change there rebuilds it too
  const sourcesChanged = () =>
    Math.max(
      newestSource(path.join(web, 'src')),
      newestSource(path.join(root, 'src', 'core')),
      fs.statSync(path.join(web, 'index.html')).mtimeMs,
      fs.statSync(path.join(web, 'vite.config.ts')).mtimeMs,
    ) > fs.statSync(index).mtimeMs;
  if (!force && fs.existsSync(index) && !sourcesChanged()) return;
  console.log('Đang build giao diện web (lần đầu, khoảng nửa phút)…');
  // Vite in a process of its own, always a production build whatever this process's NODE_ENV
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = path.join(root, 'web', 'vite.config.ts');
  execFileSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: root,
    env: webBuildEnvironment(),
    stdio: 'inherit',
  });
}

/** A running server: its app, database and jobs, and how to stop them. */
export interface RunningServer {
  app: Awaited<ReturnType<typeof buildApp>>;
  handle: Awaited<ReturnType<typeof openDatabase>>;
  address: string;
  mail: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database (waiting for PostgreSQL), migrates, creates the demo on an empty database when asked,
 * starts the jobs and listens. `bdg serve` adds the web client; tests start servers without it.
 */
export async function startServer(config: Config, webDir?: string): Promise<RunningServer> {
  const handle = await openDatabase(config);
  await migrate(handle.db);
  const ctx = { db: handle.db, engine: handle.engine, config };
  await ensureSeedPlans(ctx, SYSTEM_ACTOR);
  const unitCount = await handle.db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (config.demo === 'auto' && unitCount.n === 0) {
    console.log('Cơ sở dữ liệu trống: tạo tỉnh DỮ LIỆU MẪU (demo)…');
    await seedDemo(ctx);
  }
  const pool = handle.pool;
  watchPool(pool ? () => pool : null);
  const log = openLog(config.logFile, config.logMaxBytes, config.logKeep);
  const app = await buildApp({ ctx, webDir, logger: log });
  const transport = smtpTransport(ctx);
  const stopMailer = transport ? startMailer(ctx, transport, 10_000, (m) => app.log.info(m)) : () => {};
  const stopReminders = startReminders(ctx, ctx.config.remindDaysBefore, ctx.config.reminderIntervalMs, (m) =>
    app.log.info(m),
  );
  await app.listen({ host: config.host, port: config.port });
  const port = (app.server.address() as { port: number }).port;
  return {
    app,
    handle,
    mail: transport !== null,
    address: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    async close() {
      stopMailer();
      stopReminders();
      await app.close();
      await handle.close();
      await log.close();
    },
  };
}

/** `bdg serve`: migrate, create the demo on an empty database, serve API and web client. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  await ensureWebBuilt();
  const server = await startServer(config, WEB_DIST);
  const close = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
  const { address, handle } = server;
  const lines = [
    ``,
    `BĐG Monitor đang chạy tại ${address}  (API: ${address}/api/docs)`,
    `Cơ sở dữ liệu: ${handle.engine === 'pglite' ? `PGlite nhúng tại ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    server.mail
      ? 'E-mail: gửi qua BDG_SMTP_URL'
      : 'E-mail: chưa cấu hình BDG_SMTP_URL — thư được giữ trong hộp thư đi (trang Người dùng)',
  ];
  if (await getMeta(handle.db, 'demo')) {
    const logins = readDemoLogins(config.dataDir);
    lines.push(`ĐÂY LÀ DỮ LIỆU MẪU (demo) — không phải số liệu thật.`);
    if (logins.length > 0) {
      lines.push('Tài khoản mẫu (tên đăng nhập / mật khẩu):');
      for (const l of logins) lines.push(`  ${l.username.padEnd(10)} ${l.password.padEnd(22)} ${l.role} — ${l.note}`);
    }
  }
  console.log(lines.join('\n'));
}
