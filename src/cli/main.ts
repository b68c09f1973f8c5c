import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { DatabaseUnreachableError, DataDirBusyError, DataDirUnreadableError } from '../db/engine.ts';
import { SYSTEM_ACTOR } from '../modules/context.ts';
import { RECORD_TYPE_CODES } from '../core/records/types.ts';
import { withCtx } from './runtime.ts';

// Each command loads only what it needs, so that a short command starts fast.

const HELP = `bdg — BĐG Monitor

  bdg serve                                   chạy máy chủ (mặc định của npm start)
  bdg migrate                                 áp dụng migration
  bdg demo                                    tạo tỉnh dữ liệu mẫu trên CSDL trống
  bdg demo --units N --years 2021-2026 --seed S [--sessions M]
                                              sinh một tỉnh mẫu lớn, tái lập được (benchmark)
  bdg import units FILE --valid-from YYYY-MM-DD [--valid-to YYYY-MM-DD]
  bdg import successors FILE                  (cột from_code,to_code,date)
  bdg import sessions FILE                    (CSV hoặc XLSX)
  bdg import TYPE FILE                        hồ sơ loại TYPE (CSV hoặc XLSX, cột như tệp mẫu):
                                              ${RECORD_TYPE_CODES.join(', ')}
  bdg user add --username U --password P --role R [--unit CODE] [--name "Họ tên"]
  bdg plan load FILE                          nạp kế hoạch (YAML/JSON); tạo phiên bản mới nếu khác
  bdg indicators --year Y [--area CODE] [--plan ID] [--kind K,K] [--restate YYYY-MM-DD|today] [--include-pending]
    [--json]
  bdg report --kind half_year|yearly|review --year Y [--area CODE] --out FILE.docx
                                              báo cáo 6 tháng, năm, sơ kết/tổng kết (thể thức NĐ 30/2020) từ dữ
                                              liệu hiện tại, đánh dấu DỰ THẢO; ban hành trên giao diện web
  bdg screen [FILE|-] [--lines] [--json]      sàng lọc nội dung có thể phân biệt đối xử, định kiến giới
                                              (.txt hoặc .docx; - hoặc bỏ trống: đọc từ stdin). --lines: mỗi dòng
                                              một câu/khoản riêng, JSON một đối tượng mỗi dòng
  bdg screener-model [--out FILE]             huấn luyện lại ý kiến thống kê của bộ sàng lọc từ phần phát triển của
                                              kho câu thực (test/fixtures/screener-corpus.yaml)
                                              → rules/screener-model.json
  bdg screener-dev [--misses] [--compare RULES.yaml] [--grep MẪU] [--json]
                                              bộ luật trên phần phát triển của kho câu thực (phần kiểm tra không được
                                              đọc): tỷ lệ phát hiện, báo nhầm, từng luật; --misses: in các câu bỏ sót
                                              và báo nhầm để viết luật; --compare: so với một bản luật trước, in các
                                              câu đổi kết quả; --grep: các câu phát triển khớp một biểu thức chính
                                              quy (không phân biệt hoa thường; gõ không dấu cũng tìm được)
  bdg screener-batch FILE [--append] [--corpus FILE] [--json]
                                              kiểm tra một lô câu thực mới (YAML: - url, title, rows) so với kho câu
                                              và đo bộ luật hiện tại trên các câu phát triển mới của lô (ước lượng
                                              trung thực trên văn bản chưa dùng để viết luật; câu kiểm tra chỉ được
                                              đếm); --append: ghi lô vào kho câu
  bdg agreement FILE [--json]                 độ tin cậy giữa người mã hoá (Cohen's kappa, Krippendorff's alpha)
                                              theo từng biến; FILE: CSV/XLSX cột unit,coder,variable,value
  bdg import stories FILE --exercise N        nhập tin bài đã mã hoá (mẫu: /api/media/stories/template.xlsx)
  bdg survey estimate FILE --score COL [--weight COL] [--strata COL] [--cluster COL] [--by COL[,COL]]
             [--rake MARGINS.csv] [--lonely-psu fail|remove|adjust] [--json]
                                              trung bình có trọng số, sai số chuẩn theo thiết kế mẫu
                                              (như gói survey của R)
  bdg survey change BASELINE FOLLOWUP --score COL [cùng tuỳ chọn thiết kế] [--by COL]
             [--target 0.10 [--stretch 0.15]] [--json]
                                              thay đổi tương đối giữa hai đợt khảo sát, KTC 95% (delta, Fieller),
                                              kết luận so với chỉ tiêu, p theo nhóm và hiệu chỉnh Holm
  bdg survey form FORM.xlsx [--json]          kiểm tra một XLSForm (survey, choices, settings): tóm tắt, hoặc
                                              mọi lỗi theo trang, dòng, cột
  bdg survey default-form FILE.xlsx           ghi bộ câu hỏi mặc định (nhận thức BĐG, tiếng Việt và tiếng Anh)
                                              thành XLSForm dùng được với ODK, KoboToolbox
  bdg survey sample-size --mean M --sd S --change 0.10 [--deff D] [--power 0.8] [--alpha 0.05] [--json]
                                              cỡ mẫu mỗi đợt để phát hiện mức thay đổi đó
  bdg aggregates verify|rebuild [--json]      so số liệu tổng hợp của chỉ tiêu (cập nhật khi ghi) với dữ liệu gốc,
                                              liệt kê chênh lệch (mã thoát 3); rebuild: tính lại trong một giao dịch
  bdg backup FILE                             sao lưu toàn bộ (CSDL và tệp minh chứng) vào một tệp
  bdg restore FILE                            khôi phục vào một CSDL trống (mỗi bảng được kiểm tra)
  bdg migrate-to-postgres postgres://…        chuyển CSDL nhúng sang PostgreSQL trống, kiểm tra từng bảng
  bdg build-web                               build lại giao diện web
`;

function readFileArg(file: string | undefined): Buffer {
  if (!file) throw new AppError('VALIDATION', 'Thiếu đường dẫn tệp');
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp ${file}`);
  return fs.readFileSync(file);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'valid-from': { type: 'string' },
      'valid-to': { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      year: { type: 'string' },
      area: { type: 'string' },
      json: { type: 'boolean' },
      plan: { type: 'string' },
      restate: { type: 'string' },
      kind: { type: 'string' },
      'include-pending': { type: 'boolean' },
      units: { type: 'string' },
      years: { type: 'string' },
      seed: { type: 'string' },
      sessions: { type: 'string' },
      lines: { type: 'boolean' },
      misses: { type: 'boolean' },
      append: { type: 'boolean' },
      corpus: { type: 'string' },
      compare: { type: 'string' },
      grep: { type: 'string' },
      exercise: { type: 'string' },
      score: { type: 'string' },
      weight: { type: 'string' },
      strata: { type: 'string' },
      cluster: { type: 'string' },
      by: { type: 'string' },
      rake: { type: 'string' },
      'lonely-psu': { type: 'string' },
      target: { type: 'string' },
      stretch: { type: 'string' },
      mean: { type: 'string' },
      sd: { type: 'string' },
      change: { type: 'string' },
      deff: { type: 'string' },
      power: { type: 'string' },
      alpha: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, file] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return;
  }
  switch (command) {
    case 'aggregates':
      return (await import('./aggregates.ts')).aggregatesCommand(sub, values.json === true);
    case 'serve':
      return (await import('./serve.ts')).serve();
    case 'screen':
      return (await import('./screen.ts')).screen(sub, { lines: values.lines === true, json: values.json === true });
    case 'screener-model':
      return (await import('./screen.ts')).trainScreenerModel(values.out);
    case 'screener-dev':
      return (await import('./screen.ts')).screenerDevelopment({
        misses: values.misses === true,
        json: values.json === true,
        compare: values.compare,
        grep: values.grep,
      });
    case 'screener-batch':
      return (await import('./screen.ts')).screenerBatch(sub, {
        append: values.append === true,
        corpus: values.corpus,
        json: values.json === true,
      });
    case 'survey':
      return (await import('./survey.ts')).surveyCommand(sub, positionals.slice(2), {
        score: values.score,
        weight: values.weight,
        strata: values.strata,
        cluster: values.cluster,
        by: values.by,
        rake: values.rake,
        lonelyPsu: values['lonely-psu'],
        target: values.target,
        stretch: values.stretch,
        mean: values.mean,
        sd: values.sd,
        change: values.change,
        deff: values.deff,
        power: values.power,
        alpha: values.alpha,
        json: values.json === true,
      });
    case 'agreement':
      return (await import('./agreement.ts')).agreementCommand(sub, { json: values.json === true });
    case 'backup':
      return (await import('./backup.ts')).backup(sub);
    case 'restore':
      return (await import('./backup.ts')).restore(sub);
    case 'migrate-to-postgres':
      return (await import('./backup.ts')).migrateToPostgres(sub);
    case 'build-web':
      return (await import('./serve.ts')).ensureWebBuilt(true);
    case 'migrate':
      return withCtx(async (ctx) => {
        const applied = await (await import('../db/migrate.ts')).migrate(ctx.db);
        console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Không có migration mới.');
      });
    case 'demo':
      return withCtx(async (ctx) => {
        if (values.units) {
          const { generateDataset } = await import('../demo/dataset.ts');
          const [from, to] = (values.years ?? '2021-2026').split('-').map(Number);
          const r = await generateDataset(ctx, {
            units: Number(values.units),
            fromYear: from!,
            toYear: to ?? from!,
            seed: Number(values.seed ?? 1),
            sessions: values.sessions ? Number(values.sessions) : undefined,
          });
          console.log(`Đã sinh ${r.provinceCode}: ${r.units} đơn vị, ${r.sessions} hoạt động (DỮ LIỆU MẪU).`);
          return;
        }
        const logins = await (await import('../demo/seed.ts')).seedDemo(ctx);
        if (logins.length === 0) console.log('Dữ liệu mẫu đã có; không tạo lại.');
        else for (const l of logins) console.log(`${l.username}\t${l.password}\t${l.role}`);
      });
    case 'import':
      return withCtx(async (ctx) => {
        const { importSuccessors, importUnits } = await import('../modules/units/service.ts');
        if (sub === 'units') {
          const from = values['valid-from'];
          if (!from) throw new AppError('VALIDATION', 'Thiếu --valid-from YYYY-MM-DD');
          const r = await importUnits(ctx, SYSTEM_ACTOR, readFileArg(file), from, values['valid-to'] ?? null);
          console.log(
            `Đã đọc ${r.rows} dòng: ${r.created} đơn vị mới, ${r.changed} đơn vị thay đổi lịch sử, ${r.unchanged} ` +
              `không đổi.`,
          );
        } else if (sub === 'successors') {
          const r = await importSuccessors(ctx, SYSTEM_ACTOR, readFileArg(file));
          console.log(`Đã đọc ${r.rows} dòng, thêm ${r.added} quan hệ kế thừa.`);
        } else if (sub === 'sessions') {
          const r = await (
            await import('../modules/sessions/service.ts')
          ).importSessions(ctx, SYSTEM_ACTOR, readFileArg(file));
          console.log(`Đã nhập ${r.created} hoạt động từ ${r.rows} dòng.`);
        } else if (sub === 'stories') {
          const exercise = Number(values.exercise);
          if (!Number.isInteger(exercise) || exercise < 1)
            throw new AppError('VALIDATION', 'Thiếu --exercise N (mã đợt giám sát)');
          const r = await (
            await import('../modules/media/coding-sheet.ts')
          ).importStories(ctx, SYSTEM_ACTOR, exercise, readFileArg(file));
          console.log(`Đã nhập ${r.stories} tin bài, ${r.people} người trong tin, từ ${r.rows} dòng.`);
        } else if (sub && RECORD_TYPE_CODES.includes(sub)) {
          const r = await (
            await import('../modules/records/import.ts')
          ).importRecords(ctx, SYSTEM_ACTOR, sub, readFileArg(file));
          console.log(`Đã nhập ${r.created} hồ sơ "${sub}" từ ${r.rows} dòng.`);
        } else {
          throw new AppError(
            'VALIDATION',
            `Dùng: bdg import units|successors|sessions|stories|${RECORD_TYPE_CODES.join('|')} FILE`,
          );
        }
      });
    case 'plan':
      if (sub !== 'load') throw new AppError('VALIDATION', 'Dùng: bdg plan load FILE');
      return withCtx(async (ctx) => {
        const r = await (await import('../modules/plans/service.ts')).loadPlanFile(ctx, SYSTEM_ACTOR, file ?? '');
        console.log(
          r.changed
            ? `Đã nạp kế hoạch ${r.plan.id}, phiên bản ${r.version}.`
            : `Kế hoạch ${r.plan.id} không đổi (phiên bản ${r.version}).`,
        );
      });
    case 'user':
      if (sub !== 'add')
        throw new AppError('VALIDATION', 'Dùng: bdg user add --username U --password P --role R [--unit CODE]');
      return withCtx(async (ctx) => {
        const { getUnitByCode } = await import('../modules/units/repository.ts');
        const { createUser } = await import('../modules/users/service.ts');
        let unitId: number | null = null;
        if (values.unit) {
          const u = await getUnitByCode(ctx.db, values.unit);
          if (!u)
            throw new AppError('VALIDATION', `Không tìm thấy đơn vị mã "${values.unit}"`, { unit: 'không tồn tại' });
          unitId = u.id;
        }
        const user = await createUser(ctx, SYSTEM_ACTOR, {
          username: values.username ?? '',
          password: values.password ?? '',
          role: values.role ?? '',
          unitId,
          displayName: values.name,
        });
        console.log(`Đã tạo người dùng ${user.username} (${user.role}).`);
      });
    case 'indicators':
      return withCtx(async (ctx) => {
        const year = Number(values.year);
        if (!Number.isInteger(year) || year < 2000 || year > 2100)
          throw new AppError('VALIDATION', 'Thiếu hoặc sai --year (ví dụ --year 2025)');
        const restateOn =
          values.restate === 'today' ? (await import('../core/dates.ts')).todayInVietnam() : values.restate;
        if (restateOn && !(await import('../core/dates.ts')).isIsoDate(restateOn))
          throw new AppError('VALIDATION', '--restate phải là YYYY-MM-DD hoặc today');
        const view = {
          restateOn,
          kinds: values.kind
            ?.split(',')
            .map((k) => k.trim())
            .filter(Boolean),
          includePending: values['include-pending'] === true,
        };
        const rows = await (
          await import('../modules/indicators/service.ts')
        ).indicatorSummaries(ctx, { year, area: { code: values.area }, planId: values.plan, view });
        if (values.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        const fmt = (v: number | null, share: boolean) =>
          v === null ? '—' : share ? `${(v * 100).toFixed(1)}%` : String(v);
        for (const r of rows) {
          const fraction = r.denominator !== null && r.value !== null ? ` (${r.numerator}/${r.denominator})` : '';
          console.log(
            `${r.code.padEnd(16)} ${fmt(r.value, r.isShare).padStart(8)}${fraction.padEnd(12)} mục tiêu ` +
              `${fmt(r.target, r.isShare).padStart(7)}  ${r.status}`,
          );
        }
        console.log(`(kế hoạch ${rows[0]?.planId ?? '—'}, phiên bản ${rows[0]?.planVersion ?? '—'})`);
      });
    case 'report':
      return withCtx(async (ctx) => {
        const { REPORT_KINDS } = await import('../core/official-report.ts');
        const kind = REPORT_KINDS.find((k) => k === values.kind);
        if (!kind) throw new AppError('VALIDATION', `Thiếu hoặc sai --kind (${REPORT_KINDS.join(', ')})`);
        const year = Number(values.year);
        if (!Number.isInteger(year) || year < 2000 || year > 2100)
          throw new AppError('VALIDATION', 'Thiếu hoặc sai --year (ví dụ --year 2025)');
        if (!values.out?.toLowerCase().endsWith('.docx'))
          throw new AppError('VALIDATION', 'Thiếu hoặc sai --out (tệp .docx, ví dụ --out bao-cao-2025.docx)');
        const docx = await (
          await import('../modules/official-reports/service.ts')
        ).draftDocx(ctx, { kind, year, area: values.area ? { code: values.area } : undefined });
        fs.writeFileSync(values.out, docx);
        console.log(
          `Đã ghi ${values.out} (${docx.length.toLocaleString('vi-VN')} byte, bản dự thảo từ dữ liệu hiện tại)`,
        );
      });
    default:
      console.log(HELP);
      throw new AppError('VALIDATION', `Lệnh không hợp lệ: ${command}`);
  }
}

// A reader that stops early (`bdg screener-dev --misses | head`) closes the pipe: the rest of the output is dropped
// and the command finishes its work (a write half done is never cut short), instead of dying on an unhandled EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof AppError) {
    console.error(`Lỗi: ${e.message}`);
    for (const [f, m] of Object.entries(e.fields ?? {})) console.error(`  ${f}: ${m}`);
    for (const r of (e.rows ?? []).slice(0, 200))
      console.error(`  dòng ${r.line}${r.column ? ` [${r.column}]` : ''}: ${r.reason}`);
    if ((e.rows?.length ?? 0) > 200) console.error(`  … và ${e.rows!.length - 200} lỗi khác`);
  } else if (
    e instanceof ConfigError ||
    e instanceof DataDirBusyError ||
    e instanceof DataDirUnreadableError ||
    e instanceof DatabaseUnreachableError
  ) {
    console.error(e.message);
  } else {
    console.error(e);
  }
  process.exitCode = 1;
});
