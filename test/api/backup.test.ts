import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCtx } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import type { Engine } from '../../src/db/engine.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import {
  correctOfficialReport,
  createOfficialReport,
  finaliseOfficialReport,
} from '../../src/modules/official-reports/service.ts';
import { OFFICIAL_ISSUER } from '../helpers/world.ts';
import { restoreBackup, writeBackup } from '../../src/modules/backup/service.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { storeFile } from '../../src/modules/files/service.ts';
import { createSession } from '../../src/modules/sessions/service.ts';
import { createTestCtx, ENGINES } from '../helpers/db.ts';
import { TEST_DATABASE_URL } from '../helpers/environment.ts';
import { buildTestApp, buildUser, loginAs } from '../helpers/factories.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { pgliteFolder } from '../helpers/templates.ts';

type TestCtx = Awaited<ReturnType<typeof createTestCtx>>;
const engines = ENGINES.filter((e) => e === 'pglite' || TEST_DATABASE_URL);
const BIN = new URL('../../bin/bdg.js', import.meta.url).pathname;

/** Every evidence file of a data folder, by name, with its SHA-256. */
function filesOf(dataDir: string): Record<string, string> {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return {};
  const out: Record<string, string> = {};
  for (const sub of fs.readdirSync(root)) {
    for (const f of fs.readdirSync(path.join(root, sub))) {
      out[f] = createHash('sha256')
        .update(fs.readFileSync(path.join(root, sub, f)))
        .digest('hex');
    }
  }
  return out;
}

async function backupToFile(ctx: TestCtx, file: string) {
  return writeBackup(ctx, fs.createWriteStream(file));
}

describe('backup and restore: every table and file, across engines', () => {
  const sources = new Map<Engine, { ctx: TestCtx; file: string }>();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-backup-'));

  beforeAll(async () => {
    for (const engine of engines) {
      const ctx = await createTestCtx(engine);
      await seedDemo(ctx);
      const f = await storeFile(ctx, SYSTEM_ACTOR, Buffer.from('%PDF-1.4\n% biên bản có dấu tiếng Việt\n%%EOF\n'));
      const unit = await ctx.db.selectFrom('unit').select('id').where('kind', '=', 'commune').executeTakeFirstOrThrow();
      await createSession(ctx, SYSTEM_ACTOR, {
        unitId: unit.id,
        date: '2024-03-05',
        title: 'Hội nghị có minh chứng — “trích dẫn”, dấu \\ và \t tab',
        form: 'conference',
        topics: ['gender_equality_law'],
        evidence: [{ sha256: f.sha256, name: 'biên bản.pdf' }],
      });
      // an official report made final and corrected: its stored files and the link between versions
      const report = await createOfficialReport(ctx, SYSTEM_ACTOR, {
        kind: 'yearly',
        year: 2024,
        issuer: OFFICIAL_ISSUER,
      });
      await finaliseOfficialReport(ctx, SYSTEM_ACTOR, report.id);
      const v2 = await correctOfficialReport(ctx, SYSTEM_ACTOR, report.id, 'Đính chính để thử sao lưu');
      await finaliseOfficialReport(ctx, SYSTEM_ACTOR, v2.id);
      const file = path.join(work, `${engine}.bdgbak`);
      const summary = await backupToFile(ctx, file);
      expect(summary.missingFiles).toEqual([]);
      expect(summary.files).toBeGreaterThanOrEqual(5);
      sources.set(engine, { ctx, file });
    }
  }, 300_000);

  afterAll(async () => {
    for (const s of sources.values()) await s.ctx.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });

  for (const from of engines) {
    for (const to of engines) {
      it(`${from} → ${to}: the same rows in every table, the same files, and ids go on from the highest`, async () => {
        const source = sources.get(from)!;
        const target = await createTestCtx(to);
        try {
          const summary = await restoreBackup(target, fs.createReadStream(source.file));
          expect(Object.keys(summary.tables).length).toBeGreaterThan(15);
          expect(await fingerprint(target.db)).toEqual(await fingerprint(source.ctx.db));
          expect(filesOf(target.config.dataDir)).toEqual(filesOf(source.ctx.config.dataDir));
          const unit = await target.db
            .selectFrom('unit')
            .select('id')
            .where('kind', '=', 'commune')
            .executeTakeFirstOrThrow();
          const s = await createSession(target, SYSTEM_ACTOR, {
            unitId: unit.id,
            date: '2024-04-01',
            title: 'Hoạt động sau khi khôi phục',
            form: 'conference',
            topics: ['gender_equality_law'],
          });
          expect(s.id).toBeGreaterThan(0);
        } finally {
          await target.dispose();
        }
      });
    }
  }

  it('refuses a database that holds data, a changed row, a cut-short file — and then holds nothing', async () => {
    const source = sources.get('pglite')!;
    const target = await createTestCtx('pglite');
    try {
      await expect(restoreBackup(source.ctx, fs.createReadStream(source.file))).rejects.toThrow(/đã có dữ liệu/u);
      const lines = zlib.gunzipSync(fs.readFileSync(source.file)).toString('utf8').split('\n');
      const i = lines.findIndex((l) => l.startsWith('R\t') && l.includes('Hội nghị có minh chứng'));
      const changed = [...lines];
      changed[i] = changed[i]!.replace('Hội nghị có minh chứng', 'Hội nghị đã bị sửa');
      const tampered = path.join(work, 'tampered.bdgbak');
      fs.writeFileSync(tampered, zlib.gzipSync(changed.join('\n')));
      await expect(restoreBackup(target, fs.createReadStream(tampered))).rejects.toThrow(
        /bảng \w+: khôi phục \d+ dòng/u,
      );
      const cut = path.join(work, 'cut.bdgbak');
      fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, Math.floor(lines.length * 0.8)).join('\n')));
      await expect(restoreBackup(target, fs.createReadStream(cut))).rejects.toThrow(/cắt cụt|thiếu|khác/u);
      const units = await target.db.selectFrom('unit').select('id').execute();
      expect(units).toEqual([]);
      await expect(restoreBackup(target, fs.createReadStream(path.join(work, 'none')))).rejects.toThrow();
    } finally {
      await target.dispose();
    }
  });

  it('an admin downloads a consistent backup from the running server; nobody else can', async () => {
    const source = sources.get('pglite')!;
    const app = await buildTestApp(source.ctx);
    const admin = await loginAs(app, (await buildUser(source.ctx, 'admin')).username);
    const viewer = await loginAs(app, (await buildUser(source.ctx, 'viewer')).username);
    expect((await app.inject({ method: 'GET', url: '/api/admin/backup', headers: viewer.headers })).statusCode).toBe(
      403,
    );
    const res = await app.inject({ method: 'GET', url: '/api/admin/backup', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/bdg-backup-\d{12}\.bdgbak/u);
    const file = path.join(work, 'download.bdgbak');
    fs.writeFileSync(file, res.rawPayload);
    const target = await createTestCtx('pglite');
    try {
      await restoreBackup(target, fs.createReadStream(file));
      expect(await fingerprint(target.db)).toEqual(await fingerprint(source.ctx.db));
    } finally {
      await target.dispose();
    }
  });

  describe('the bdg commands on an embedded installation', () => {
    let dataDir = '';
    let env: Record<string, string> = {};
    const run = (args: string[], extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 300_000 });
    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(work, 'embedded-'));
      pgliteFolder(dataDir);
      env = { PATH: process.env.PATH ?? '', BDG_DATA_DIR: dataDir };
      // made here as `bdg demo` makes it (the same function) without a process of its own: each `bdg` start
      // costs seconds, and these tests are about the commands below
      expect((await withCtx(seedDemo, loadConfig(env))).length).toBeGreaterThan(0);
    });

    it.skipIf(!TEST_DATABASE_URL)(
      'bdg migrate-to-postgres moves it row for row, and only into an empty database',
      async () => {
        const target = await createTestCtx('postgres');
        try {
          const moved = run(['migrate-to-postgres', target.databaseUrl!]);
          expect(moved.status, moved.stderr).toBe(0);
          expect(moved.stdout).toMatch(/từng bảng khớp số dòng và nội dung/u);
          const again = run(['migrate-to-postgres', target.databaseUrl!]);
          expect(again.status).toBe(1);
          expect(again.stderr).toMatch(/đã có dữ liệu/u);
        } finally {
          await target.dispose();
        }
      },
    );

    it('bdg backup and bdg restore into another data folder', () => {
      const backup = path.join(dataDir, 'sao-luu.bdgbak');
      expect(run(['backup', backup]).status).toBe(0);
      const restored = run(['restore', backup], { BDG_DATA_DIR: fs.mkdtempSync(path.join(work, 'restored-')) });
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/Đã khôi phục/u);
    });
  });
});
