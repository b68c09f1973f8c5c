import { createHash, randomBytes } from 'node:crypto';
import { AppError, invalid, type RowError } from '../../core/errors.ts';
import { isIsoDate, todayInVietnam } from '../../core/dates.ts';
import { isOffice } from '../../core/permissions.ts';
import type { Problems } from '../../core/records/fields.ts';
import { checkResponse, textIn } from '../../core/surveys/answers.ts';
import { designColumns, prepareDesign, WaveDesignSchema, type WaveDesign } from '../../core/surveys/design.ts';
import {
  changeBetween,
  designMean,
  designMeanFromSums,
  SurveyError,
  type Estimate,
  type Respondent,
} from '../../core/surveys/estimate.ts';
import { matchColumns, readFieldRows, type MappingReport } from '../../core/surveys/field-import.ts';
import { holm, MIN_CELL, nearCeiling, pValueOfChange, suppressed, verdict } from '../../core/surveys/inference.ts';
import { parseScoring, scoreResponse, ScoringError, type Scoring } from '../../core/surveys/scoring.ts';
import { readXlsForm, XlsFormError, type Instrument } from '../../core/surveys/xlsform.ts';
import type { ChangeRow, GroupEstimate } from '../../core/surveys/results.ts';
import { cleanText } from '../../core/text.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Db } from '../../db/engine.ts';
import type { Actor, Ctx } from '../context.ts';
import { newWorkbook, sheetWithHeader, xlsxBuffer } from '../files/sheets.ts';
import { readTabular, readWorkbook } from '../files/tabular.ts';
import { existingUnitIds } from '../units/repository.ts';
import { defaultInstrument } from './instrument-files.ts';
import * as repo from './repository.ts';

const officeOnly = (actor: Actor, what: string) => {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', `Chỉ cơ quan thường trực ${what}`);
};

// ---- instruments

export async function listInstruments(ctx: Ctx) {
  return (await repo.listInstruments(ctx.db)).map((i) => ({
    id: i.id,
    formId: i.form_id,
    version: i.version,
    title: i.title,
    waves: Number(i.waves ?? 0),
    createdAt: i.created_at,
  }));
}

async function instrumentOf(ctx: Ctx, id: number): Promise<{ form: Instrument; scoring: Scoring; title: string }> {
  const row = await repo.getInstrument(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy bộ câu hỏi');
  return { form: row.definition as Instrument, scoring: row.scoring as Scoring, title: row.title };
}

/** One instrument version: its questions and scales (what a screen or a form needs), never changed once stored. */
export async function getInstrument(ctx: Ctx, id: number) {
  const { form, scoring } = await instrumentOf(ctx, id);
  return { id, form, scoring };
}

/**
 * Stores the product's default instrument (instruments/bdg-nhan-thuc) as an instrument version, once:
 * asked again, answers the stored one. A stored version is never changed — a new one is a new row.
 */
export async function registerDefaultInstrument(ctx: Ctx, actor: Actor): Promise<{ id: number; created: boolean }> {
  officeOnly(actor, 'đăng ký bộ câu hỏi');
  const d = defaultInstrument();
  return ctx.db.transaction().execute(async (trx) => {
    const found = await repo.findInstrument(trx, d.form.formId, d.form.version);
    if (found) return { id: found.id, created: false };
    const id = await repo.insertInstrument(
      trx,
      { formId: d.form.formId, version: d.form.version, title: d.form.title, definition: d.form, scoring: d.scoring },
      actor.id,
    );
    await writeAudit(trx, actor, 'create', 'survey_instrument', id, null, {
      formId: d.form.formId,
      version: d.form.version,
    });
    return { id, created: true };
  });
}

/**
 * An XLSForm (the workbook's bytes) and its scoring specification (YAML) as a new instrument version: the
 * workbook is opened in the parse worker after the archive limits, every problem of the form or of the
 * scoring is named (sheet, row, column; line), and a form_id + version already stored is refused — a
 * stored version is never replaced.
 */
export async function importInstrument(ctx: Ctx, actor: Actor, workbook: Buffer, scoringYaml: string) {
  officeOnly(actor, 'đăng ký bộ câu hỏi');
  let form: Instrument;
  try {
    form = readXlsForm(await readWorkbook(workbook));
  } catch (e) {
    if (e instanceof XlsFormError) throw new AppError('VALIDATION', `Biểu mẫu không dùng được:\n${e.message}`);
    throw e;
  }
  if (!form.version)
    throw new AppError('VALIDATION', 'Biểu mẫu cần có phiên bản (settings, cột version)', { version: 'thiếu' });
  let scoring: Scoring;
  try {
    scoring = parseScoring(scoringYaml, form);
  } catch (e) {
    if (e instanceof ScoringError) throw new AppError('VALIDATION', e.message, { scoring: 'không hợp lệ' });
    throw e;
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findInstrument(trx, form.formId, form.version))
      throw new AppError(
        'DUPLICATE',
        `Bộ câu hỏi ${form.formId} phiên bản ${form.version} đã có; một phiên bản không bao giờ bị thay — tăng version`,
        { version: 'đã có' },
      );
    const id = await repo.insertInstrument(
      trx,
      { formId: form.formId, version: form.version, title: form.title, definition: form, scoring },
      actor.id,
    );
    await writeAudit(trx, actor, 'create', 'survey_instrument', id, null, {
      formId: form.formId,
      version: form.version,
    });
    return { id };
  });
}

// ---- waves

const waveOut = (w: Awaited<ReturnType<typeof repo.listWaves>>[number]) => ({
  id: w.id,
  name: w.name,
  year: w.year,
  startDate: w.start_date,
  endDate: w.end_date,
  design: w.design as WaveDesign,
  instrument: { id: w.instrument_id, formId: w.form_id, version: w.instrument_version, title: w.instrument_title },
  responses: Number(w.responses ?? 0),
  invitations: { invited: Number(w.invited ?? 0), answered: Number(w.invitations_answered ?? 0) },
  publicToken: w.public_token,
  targetGroups: w.target_groups,
  areaUnitIds: w.area_unit_ids,
});

export async function listWaves(ctx: Ctx) {
  return (await repo.listWaves(ctx.db)).map(waveOut);
}

/** A wave: one instrument version, its days and its sampling design; the office creates them. */
export async function createWave(ctx: Ctx, actor: Actor, raw: Record<string, unknown>) {
  officeOnly(actor, 'tạo đợt khảo sát');
  const problems: Problems = {};
  const name = typeof raw.name === 'string' ? cleanText(raw.name) : '';
  if (!name) problems.name = 'Tên đợt khảo sát: chưa nhập (bắt buộc)';
  else if (name.length > 200) problems.name = 'Tên đợt khảo sát: dài quá 200 ký tự';
  const year = Number(raw.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) problems.year = 'Năm: số nguyên từ 2000 đến 2100';
  const start = typeof raw.startDate === 'string' && isIsoDate(raw.startDate) ? raw.startDate : null;
  const end = typeof raw.endDate === 'string' && isIsoDate(raw.endDate) ? raw.endDate : null;
  if (!start) problems.startDate = 'Ngày bắt đầu: phải có dạng YYYY-MM-DD';
  if (!end) problems.endDate = 'Ngày kết thúc: phải có dạng YYYY-MM-DD';
  if (start && end && end < start) problems.endDate = 'Ngày kết thúc: không được trước ngày bắt đầu';
  const design = WaveDesignSchema.safeParse(raw.design ?? {});
  if (!design.success)
    problems.design = `Thiết kế mẫu: ${design.error.issues
      .map((i) => `${i.path.join('.') || '(gốc)'} ` + `${i.message}`)
      .join('; ')}`;
  const instrumentId = Number(raw.instrumentId);
  const instrument =
    Number.isInteger(instrumentId) && instrumentId > 0 && instrumentId < 2 ** 31
      ? await repo.getInstrument(ctx.db, instrumentId)
      : undefined;
  if (!instrument) problems.instrumentId = 'Bộ câu hỏi: không tồn tại';
  const groups = Array.isArray(raw.targetGroups) ? raw.targetGroups.map(String) : [];
  if (instrument) {
    // the instrument's own list of target groups, when it asks for one
    const q = (instrument.definition as Instrument).questions.find((x) => x.name === 'target_group');
    const known = q?.list ? ((instrument.definition as Instrument).choices[q.list] ?? []).map((c) => c.name) : null;
    const wrong = known ? groups.filter((g) => !known.includes(g)) : [];
    if (wrong.length)
      problems.targetGroups = `Nhóm đối tượng: ${wrong.join(', ')} không có trong bộ câu hỏi (${known!.join(', ')})`;
  }
  const areas = Array.isArray(raw.areaUnitIds) ? raw.areaUnitIds.map(Number) : [];
  const valid = areas.filter((id) => Number.isInteger(id) && id > 0 && id < 2 ** 31);
  const existing = await existingUnitIds(ctx.db, valid);
  const missingAreas = areas.filter((id) => !existing.has(id));
  if (missingAreas.length) problems.areaUnitIds = `Địa bàn: đơn vị ${missingAreas.join(', ')} không tồn tại`;
  if (instrument && design.success) {
    const names = new Set((instrument.definition as Instrument).questions.map((q) => q.name));
    const unknown = [...new Set((design.data.margins ?? []).map((m) => m.variable))].filter((v) => !names.has(v));
    if (unknown.length)
      problems.design = `Thiết kế mẫu: biến biên ${unknown.join(', ')} không phải câu hỏi của bộ câu hỏi`;
  }
  if (Object.keys(problems).length) throw invalid(problems);
  const note = typeof raw.note === 'string' ? raw.note.normalize('NFC').trim().slice(0, 2000) || null : null;
  return ctx.db.transaction().execute(async (trx) => {
    const wave = {
      name,
      year,
      instrumentId,
      startDate: start!,
      endDate: end!,
      design: design.data!,
      targetGroups: [...new Set(groups)],
      areaUnitIds: [...new Set(areas)],
      note,
    };
    const id = await repo.insertWave(trx, wave, actor.id);
    await writeAudit(trx, actor, 'create', 'survey_wave', id, null, wave);
    return { id };
  });
}

async function waveOf(ctx: Ctx, id: number) {
  const w = await repo.getWave(ctx.db, id);
  if (!w) throw new AppError('NOT_FOUND', 'Không tìm thấy đợt khảo sát');
  return { wave: w, design: WaveDesignSchema.parse(w.design), ...(await instrumentOf(ctx, w.instrument_id)) };
}

// ---- the public web form

/**
 * Opens (or closes) a wave's public web form: anyone with the link may answer, within the per-address
 * rate limit. A new token each time it is opened; closing forgets it. A wave whose design weighs, stratifies
 * or clusters by columns of field data cannot take web answers (they would carry none): it is refused.
 */
export async function setWavePublic(ctx: Ctx, actor: Actor, waveId: number, open: boolean) {
  officeOnly(actor, 'mở biểu mẫu công khai');
  const { wave, design, form } = await waveOf(ctx, waveId);
  if (open && designColumns(design).length)
    throw new AppError(
      'VALIDATION',
      'Đợt này chọn mẫu theo tầng, cụm hoặc trọng số: gửi thư mời cho người được chọn, ' +
        'hoặc nhập dữ liệu từ ODK/KoboToolbox; không mở biểu mẫu công khai',
    );
  if (open) webFormTakes(form);
  const token = open ? randomBytes(12).toString('base64url') : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setPublicToken(trx, waveId, token);
    await writeAudit(
      trx,
      actor,
      'update',
      'survey_wave',
      waveId,
      { publicForm: wave.public_token ? 'open' : 'closed' },
      { publicForm: open ? 'open' : 'closed' },
    );
  });
  return { publicToken: token };
}

/** The web form takes no files: a form that requires one could never be sent. */
function webFormTakes(form: Instrument): void {
  const needsFile = form.questions.find((q) => q.type === 'media' && q.required);
  if (needsFile)
    throw new AppError(
      'VALIDATION',
      `Câu "${needsFile.name}" bắt buộc gửi tệp (${needsFile.media}): biểu mẫu web không nhận tệp, hãy thu bằng ` +
        `ODK/KoboToolbox`,
    );
}

// ---- invitations: one link per respondent, answered once

const INVITATIONS_MAX = 5000;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Makes invitations to a wave's web form: `count` of them for a wave without design columns, or one per row
 * of a sample list (CSV/XLSX: a `label` column — a code or name the office recognises — and the design's
 * columns, e.g. stratum, cluster, weight), which the answers then carry. All or nothing, every bad row named.
 * The links' tokens are returned this once: only their SHA-256 is stored.
 */
export async function createInvitations(
  ctx: Ctx,
  actor: Actor,
  waveId: number,
  input: { count: number } | { file: Buffer },
) {
  officeOnly(actor, 'tạo thư mời khảo sát');
  const { design, form } = await waveOf(ctx, waveId);
  webFormTakes(form);
  const columns = designColumns(design);
  let rows: Omit<repo.NewInvitation, 'tokenHash'>[];
  if ('count' in input) {
    if (columns.length)
      throw invalid(
        { count: `cần danh sách mẫu có cột ${columns.join(', ')}` },
        `Đợt này chọn mẫu theo ${columns.join(', ')}: mỗi thư mời cần giá trị của người được chọn — ` +
          'tải lên danh sách mẫu (CSV/XLSX)',
      );
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > INVITATIONS_MAX)
      throw invalid({ count: `từ 1 đến ${INVITATIONS_MAX.toLocaleString('vi-VN')}` }, 'Số thư mời không hợp lệ');
    rows = Array.from({ length: input.count }, () => ({ label: '', stratum: '', cluster: '', weight: 1 }));
  } else rows = await sampleList(input.file, design);
  const tokens = rows.map(() => randomBytes(18).toString('base64url'));
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const made = await repo.insertInvitations(
      trx,
      waveId,
      rows.map((r, i) => ({ ...r, tokenHash: hashOf(tokens[i]!) })),
      actor.id,
    );
    await writeAudit(trx, actor, 'create', 'survey_invitation', waveId, null, {
      wave: waveId,
      invitations: made.length,
    });
    return made;
  });
  return { created: ids.length, invitations: rows.map((r, i) => ({ id: ids[i]!, label: r.label, token: tokens[i]! })) };
}

/** The rows of a sample list, checked: a label of at most 200 characters, the design's values (a positive weight). */
async function sampleList(file: Buffer, design: WaveDesign): Promise<Omit<repo.NewInvitation, 'tokenHash'>[]> {
  const table = await readTabular(file, { plainHeaders: true });
  const columns = designColumns(design);
  const missing = columns.filter((c) => !table.headers.includes(c));
  if (missing.length) throw new AppError('VALIDATION', `Danh sách mẫu thiếu cột: ${missing.join(', ')}`);
  if (table.rows.length === 0) throw new AppError('VALIDATION', 'Danh sách mẫu không có dòng nào');
  if (table.rows.length > INVITATIONS_MAX)
    throw new AppError(
      'VALIDATION',
      `Danh sách mẫu có ${table.rows.length.toLocaleString('vi-VN')} dòng; ` +
        `mỗi lần tối đa ${INVITATIONS_MAX.toLocaleString('vi-VN')}`,
    );
  const errors: RowError[] = [];
  const rows = table.rows.map((row) => {
    const cell = (c: string | undefined) => (c ? cleanText(String(row.cells[c] ?? '')).trim() : '');
    const label = cell('label');
    if (label.length > 200) errors.push({ line: row.line, column: 'label', reason: 'tối đa 200 ký tự' });
    for (const c of [design.strata, design.cluster])
      if (c && !cell(c)) errors.push({ line: row.line, column: c, reason: 'không được để trống' });
    const weight = design.weight ? Number(cell(design.weight).replace(',', '.')) : 1;
    if (!Number.isFinite(weight) || weight <= 0)
      errors.push({
        line: row.line,
        column: design.weight!,
        reason: `trọng số phải là số dương (đang là "${cell(design.weight)}")`,
      });
    return { label, stratum: cell(design.strata), cluster: cell(design.cluster), weight };
  });
  if (errors.length) {
    const lines = new Set(errors.map((e) => e.line)).size;
    throw new AppError('VALIDATION', `${lines} dòng có lỗi; chưa tạo thư mời nào`, undefined, errors.slice(0, 500));
  }
  return rows;
}

/** A wave's invitations (never their tokens) with whether and when each was answered. */
export async function listInvitations(ctx: Ctx, actor: Actor, waveId: number) {
  officeOnly(actor, 'xem thư mời khảo sát');
  await waveOf(ctx, waveId);
  const rows = await repo.listInvitations(ctx.db, waveId);
  return {
    invited: rows.length,
    answered: rows.filter((r) => r.answered_at !== null).length,
    invitations: rows.map((r) => ({
      id: r.id,
      label: r.label,
      stratum: r.stratum,
      cluster: r.cluster,
      weight: r.weight,
      createdAt: r.created_at,
      answeredAt: r.answered_at,
    })),
  };
}

/** Withdraws an invitation not yet answered (a link given to the wrong person, or leaked). */
export async function withdrawInvitation(ctx: Ctx, actor: Actor, id: number) {
  officeOnly(actor, 'thu hồi thư mời khảo sát');
  const inv = await repo.invitationById(ctx.db, id);
  if (!inv) throw new AppError('NOT_FOUND', 'Không có thư mời này');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteInvitation(trx, id)))
      throw new AppError('CONFLICT', 'Thư mời đã được trả lời: không thu hồi được');
    const { token_hash: _, ...kept } = inv;
    await writeAudit(trx, actor, 'delete', 'survey_invitation', id, kept, null);
  });
}

/** The links of new invitations as a spreadsheet for the office to send out (the tokens come from the caller). */
export async function invitationsWorkbook(origin: string, invitations: { label: string; token: string }[]) {
  const wb = newWorkbook();
  const ws = sheetWithHeader(wb, 'Thư mời', [
    { code: 'label', vi: 'Người được mời', required: false, width: 30 },
    { code: 'link', vi: 'Liên kết trả lời', required: true, width: 70 },
  ]);
  for (const i of invitations) ws.addRow([i.label, `${origin}/#/khao-sat/${i.token}`]);
  return xlsxBuffer(wb);
}

/** The wave of a public link, or of an invitation (then with it): a link's token is looked for first. */
async function publicWave(ctx: Ctx, token: string) {
  const byLink = await repo.waveByToken(ctx.db, token);
  const invitation = byLink ? undefined : await repo.invitationByHash(ctx.db, hashOf(token), false);
  const wave = byLink ?? (invitation && (await repo.getWave(ctx.db, invitation.wave_id)));
  if (!wave) throw new AppError('NOT_FOUND', 'Biểu mẫu không tồn tại hoặc đã đóng');
  return { wave, invitation, ...(await instrumentOf(ctx, wave.instrument_id)) };
}

/**
 * What a respondent's browser needs to show the form: the questions and choices, never the scoring; for an
 * invitation, whether it has been answered.
 */
export async function publicForm(ctx: Ctx, token: string) {
  const { wave, form, invitation } = await publicWave(ctx, token);
  return {
    wave: { name: wave.name, year: wave.year, endDate: wave.end_date },
    form,
    ...(invitation ? { invitation: { answered: invitation.response_id !== null } } : {}),
  };
}

/**
 * One answer to the public form or to an invitation, checked again on the server exactly as the browser
 * checked it, and scored. An invitation's answer takes its design values and is its only one: the same
 * sheet sent again (its first reply lost) is answered as repeated, another sheet is refused.
 */
export async function submitPublic(
  ctx: Ctx,
  token: string,
  raw: Record<string, unknown>,
  options: { language?: string | undefined; instanceId?: string | undefined } = {},
) {
  const { language, instanceId } = options;
  const { wave, form, scoring } = await publicWave(ctx, token);
  const today = todayInVietnam();
  if (today > wave.end_date) throw new AppError('VALIDATION', `Đợt khảo sát đã kết thúc ngày ${wave.end_date}`);
  if (today < wave.start_date) throw new AppError('VALIDATION', `Đợt khảo sát bắt đầu ngày ${wave.start_date}`);
  const checked = checkResponse(form, raw, { today, ...(language ? { language } : {}) });
  if (Object.keys(checked.problems).length) throw invalid(checked.problems, 'Câu trả lời chưa hợp lệ');
  const response: repo.NewResponse = {
    source: 'web',
    instanceId: instanceId ? `web:${instanceId}` : null,
    answers: checked.values,
    scores: scoreResponse(scoring, checked.values).scores,
    stratum: '',
    cluster: '',
    weight: 1,
  };
  if (wave.public_token === token)
    return { ok: true, repeated: (await repo.insertWebResponse(ctx.db, wave.id, response)) === null };
  return ctx.db.transaction().execute(async (trx) => {
    // locked: a second answer sent at the same moment waits here, then finds this one
    const invitation = await repo.invitationByHash(trx, hashOf(token), true);
    if (!invitation) throw new AppError('NOT_FOUND', 'Biểu mẫu không tồn tại hoặc đã đóng');
    if (invitation.response_id !== null) {
      if (instanceId && invitation.answered_sheet === instanceId) return { ok: true, repeated: true };
      throw new AppError('CONFLICT', 'Thư mời này đã được dùng để trả lời; mỗi thư mời chỉ trả lời một lần');
    }
    const id = await repo.insertWebResponse(trx, wave.id, {
      ...response,
      instanceId: `invite:${invitation.id}`,
      stratum: invitation.stratum,
      cluster: invitation.cluster,
      weight: invitation.weight,
    });
    if (id === null)
      throw new AppError('CONFLICT', 'Thư mời này đã được dùng để trả lời; mỗi thư mời chỉ trả lời một lần');
    await repo.markInvitationAnswered(trx, invitation.id, id, instanceId ?? null);
    return { ok: true, repeated: false };
  });
}

// ---- field data

export interface ImportOutcome {
  report: MappingReport & { design: string[] };
  created: number;
  /** rows whose instance id the wave already had (the same export imported again) */
  skipped: number;
}

/**
 * An ODK Central or KoboToolbox export (CSV or XLSX) into a wave: every row checked as the form checks a
 * response, scored, with its design values; all or nothing — a single bad row imports nothing and every
 * bad row is named with its line.
 */
export async function importResponses(ctx: Ctx, actor: Actor, waveId: number, content: Buffer): Promise<ImportOutcome> {
  officeOnly(actor, 'nhập dữ liệu khảo sát');
  const { form, scoring, design } = await waveOf(ctx, waveId);
  const table = await readTabular(content, { plainHeaders: true });
  const designCols = designColumns(design);
  const missingDesign = designCols.filter((c) => !table.headers.includes(c));
  if (missingDesign.length)
    throw new AppError('VALIDATION', `Tệp thiếu cột của thiết kế mẫu: ${missingDesign.join(', ')}`);
  const report = matchColumns(
    form,
    table.headers.filter((h) => !designCols.includes(h)),
  );
  const rows = readFieldRows(form, report, table.rows);
  const today = todayInVietnam();
  const errors: RowError[] = [];
  const out: repo.NewResponse[] = [];
  const seen = new Set<string>();
  rows.forEach((r, index) => {
    const checked = checkResponse(form, r.answers, { today });
    const problems = { ...checked.problems, ...r.problems };
    const cell = (c: string | undefined) => (c ? String(table.rows[index]!.cells[c] ?? '').trim() : '');
    const weight = design.weight ? Number(cell(design.weight).replace(',', '.')) : 1;
    if (!Number.isFinite(weight) || weight <= 0)
      problems[design.weight!] = `trọng số phải là số dương (đang là "${cell(design.weight)}")`;
    if (r.instanceId && seen.has(r.instanceId)) problems.instanceId = `mã bản ghi ${r.instanceId} lặp lại trong tệp`;
    if (r.instanceId) seen.add(r.instanceId);
    const names = Object.keys(problems);
    if (names.length) {
      errors.push(...names.map((n) => ({ line: r.line, column: n, reason: problems[n]! })));
      return;
    }
    out.push({
      source: 'import',
      instanceId: r.instanceId,
      answers: checked.values,
      scores: scoreResponse(scoring, checked.values).scores,
      stratum: cell(design.strata),
      cluster: cell(design.cluster),
      weight,
    });
  });
  if (errors.length) {
    const lines = new Set(errors.map((e) => e.line)).size;
    throw new AppError('VALIDATION', `${lines} dòng có lỗi; chưa nhập dòng nào`, undefined, errors.slice(0, 500));
  }
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.existingInstances(
      trx,
      waveId,
      out.flatMap((r) => (r.instanceId ? [r.instanceId] : [])),
    );
    const fresh = out.filter((r) => !r.instanceId || !existing.has(r.instanceId));
    await repo.insertResponses(trx, waveId, fresh, actor.id);
    const summary = { created: fresh.length, skipped: out.length - fresh.length, notMatched: report.notMatched };
    await writeAudit(trx, actor, 'import', 'survey_wave', waveId, null, summary);
    return { report: { ...report, design: designCols }, created: fresh.length, skipped: out.length - fresh.length };
  });
}

// ---- estimates

interface Loaded {
  form: Instrument;
  /** the groups present: key (the answers to `by`, joined) → those answers */
  groups: Map<string, string[]>;
  /** responses in the wave */
  responses: number;
  /** the estimate of a group (null: everyone) on the wave's whole design */
  estimate: (key: string | null) => Estimate;
}

// What a wave's estimates are made of (its cluster sums, or for a raked wave its respondents' figures) is kept
// while the wave's responses do not change: a page asks for a wave's estimates and for its change against the
// baseline at once, both read the follow-up wave (a second per million responses). A reading under way is
// shared: the second request waits for the first's result instead of reading again. What is kept is bounded
// by the number of cells and respondents it holds; a wave larger than that is shared only while read.
const KEPT_ITEMS = 500_000;
interface Kept {
  stamp: string;
  value: Promise<unknown[]>;
  items: number;
}
const memos = new WeakMap<Db, Map<string, Kept>>();

/** Forgets what is kept for a database (benchmarks measure the first, cold computation with it). */
export function forgetClusterSums(db: Db): void {
  memos.delete(db);
}

async function shared<T extends unknown[]>(ctx: Ctx, waveId: number, key: string, read: () => Promise<T>) {
  let memo = memos.get(ctx.db);
  if (!memo) memos.set(ctx.db, (memo = new Map()));
  const stamp = await repo.responsesStamp(ctx.db, waveId);
  const kept = memo.get(key);
  if (kept?.stamp === stamp) return kept.value as Promise<T>;
  const value = read();
  const entry: Kept = { stamp, value, items: 0 };
  memo.delete(key);
  memo.set(key, entry);
  const forget = () => {
    if (memo.get(key) === entry) memo.delete(key);
  };
  value.then((got) => {
    entry.items = got.length;
    if (got.length > KEPT_ITEMS) return forget();
    // the oldest go first until what is kept fits
    let total = [...memo.values()].reduce((t, e) => t + e.items, 0);
    for (const [k, e] of memo) {
      if (total <= KEPT_ITEMS) break;
      if (e === entry) continue;
      memo.delete(k);
      total -= e.items;
    }
  }, forget);
  return value;
}

/** An estimate that will not be published is not made (one respondent has no variance to estimate). */
const tooFew = (n: number): Estimate | null =>
  n < MIN_CELL ? { n, mean: NaN, se: NaN, ciLow: NaN, ciHigh: NaN, deff: NaN } : null;

/**
 * A wave's responses for one scale and grouping, after checking that both exist in its instrument. With
 * clusters and without raking the database adds up each cluster of each group (designMeanFromSums); raking,
 * or a design without clusters, takes each respondent.
 */
async function load(ctx: Ctx, waveId: number, scale: string, by: string[]): Promise<Loaded> {
  const w = await waveOf(ctx, waveId);
  const scales = [...w.scoring.scales.map((s) => s.code), ...(w.scoring.overall ? ['overall'] : [])];
  if (!scales.includes(scale))
    throw new AppError('VALIDATION', `Thang điểm "${scale}" không có; có: ${scales.join(', ')}`, { scale: 'không có' });
  const names = new Set(w.form.questions.map((q) => q.name));
  const unknown = by.filter((b) => !names.has(b));
  if (unknown.length)
    throw new AppError('VALIDATION', `Nhóm theo: ${unknown.join(', ')} không phải câu hỏi của bộ câu hỏi`, {
      by: 'không có',
    });
  if (by.length > 2) throw new AppError('VALIDATION', 'Nhóm theo: tối đa hai biến cùng lúc', { by: 'tối đa 2' });
  const groups = new Map<string, string[]>();
  const marginVars = [...new Set((w.design.margins ?? []).map((m) => m.variable))];
  // without clusters every respondent is one: sums per cluster would be the respondents themselves
  if (marginVars.length === 0 && w.design.cluster) {
    const sums = await shared(ctx, waveId, JSON.stringify(['sums', waveId, scale, by]), () =>
      repo.clusterSums(ctx.db, waveId, scale, by),
    );
    const keys = sums.map((c) => c.values.join('\u0000'));
    sums.forEach((c, i) => groups.set(keys[i]!, c.values));
    return {
      form: w.form,
      groups,
      responses: sums.reduce((t, c) => t + c.total, 0),
      estimate: (key) => {
        const cells = sums.map((c, i) => ({ ...c, inDomain: key === null || keys[i] === key }));
        const few = tooFew(cells.reduce((t, c) => t + (c.inDomain ? c.n : 0), 0));
        return few ?? run(() => designMeanFromSums(cells, w.design.lonelyPsu));
      },
    };
  }
  const variables = [...by, ...marginVars];
  const rows = await shared(ctx, waveId, JSON.stringify(['rows', waveId, scale, variables]), () =>
    repo.responseFigures(ctx.db, waveId, scale, variables),
  );
  const keys = rows.map((r) => r.values.slice(0, by.length).join('\u0000'));
  rows.forEach((r, i) => groups.set(keys[i]!, r.values.slice(0, by.length)));
  const respondents: Respondent[] = rows.map((r, i) => ({
    y: r.y,
    w: r.weight,
    stratum: r.stratum,
    cluster: r.cluster || `#${i}`,
  }));
  const prepared = run(() =>
    prepareDesign(respondents, w.design, (i, v) => rows[i]!.values[by.length + marginVars.indexOf(v)] ?? ''),
  );
  return {
    form: w.form,
    groups,
    responses: rows.length,
    estimate: (key) => {
      const inDomain = key === null ? () => true : (i: number) => keys[i] === key;
      let n = 0;
      for (let i = 0; i < respondents.length; i++) if (respondents[i]!.y !== null && inDomain(i)) n++;
      return tooFew(n) ?? run(() => designMean(prepared.respondents, inDomain, w.design.lonelyPsu, prepared.adjust));
    },
  };
}

/** The groups of a wave by `by` (question names), sorted, with their labels in Vietnamese. */
function groupsOf(l: Loaded, by: string[]) {
  const label = (name: string, value: string) => {
    const q = l.form.questions.find((x) => x.name === name);
    const c = q?.list !== undefined ? l.form.choices[q.list]?.find((x) => x.name === value) : undefined;
    return c ? textIn(c.label, 'vi', l.form.defaultLanguage) : value;
  };
  const groups = l.groups.size ? [...l.groups] : [['', by.map(() => '')] as [string, string[]]];
  return groups
    .sort((a, b) => a[0].localeCompare(b[0], 'vi'))
    .map(([key, values]) => ({
      key,
      group: Object.fromEntries(by.map((b, i) => [b, values[i]!])),
      labels: Object.fromEntries(by.map((b, i) => [b, values[i] ? label(b, values[i]!) : '(không trả lời)'])),
    }));
}

const run = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    if (e instanceof SurveyError) throw new AppError('VALIDATION', e.message);
    throw e;
  }
};

/** Weighted means of a scale by groups (domains on the full design), cells under 30 respondents suppressed. */
export async function waveEstimates(ctx: Ctx, waveId: number, scale: string, by: string[]) {
  const l = await load(ctx, waveId, scale, by);
  const rows: GroupEstimate[] = groupsOf(l, by).map((g) => {
    const e = l.estimate(by.length ? g.key : null);
    const hide = suppressed(e);
    return {
      group: g.group,
      labels: g.labels,
      n: e.n,
      mean: hide ? null : e.mean,
      se: hide ? null : e.se,
      ciLow: hide ? null : e.ciLow,
      ciHigh: hide ? null : e.ciHigh,
      deff: hide || !Number.isFinite(e.deff) ? null : e.deff,
    };
  });
  return { waveId, scale, by, responses: l.responses, rows };
}

/**
 * The change of a scale between two waves (the first the baseline), overall or by groups: relative change
 * with its delta-method and Fieller intervals, the verdict against `target` (by the lower bound), the
 * ceiling warning, Holm over the groups, cells under 30 respondents in either wave suppressed.
 */
export async function compareWaves(
  ctx: Ctx,
  baselineId: number,
  followupId: number,
  scale: string,
  by: string[],
  target?: { target: number; stretch?: number },
) {
  // both waves at once: on PostgreSQL each scan has a connection (and a core) of its own
  const [b, f] = await Promise.all([load(ctx, baselineId, scale, by), load(ctx, followupId, scale, by)]);
  const rows = groupsOf(f, by).map((g): Omit<ChangeRow, 'pHolm'> => {
    const eb = b.estimate(by.length ? g.key : null);
    const ef = f.estimate(by.length ? g.key : null);
    const hide = suppressed(eb) || suppressed(ef);
    const c = hide ? null : changeBetween(eb, ef);
    return {
      group: g.group,
      labels: g.labels,
      baseline: { n: eb.n, mean: hide ? null : eb.mean, se: hide ? null : eb.se },
      followup: { n: ef.n, mean: hide ? null : ef.mean, se: hide ? null : ef.se },
      change: c?.change ?? null,
      ciLow: c?.ciLow ?? null,
      ciHigh: c?.ciHigh ?? null,
      fieller: c?.fieller ?? null,
      p: c ? pValueOfChange(c) : null,
      verdict: c && target ? verdict(c, target.target, target.stretch) : null,
      nearCeiling: !hide && nearCeiling(eb),
      suppressed: hide,
    };
  });
  const shown = rows.filter((r) => r.p !== null);
  const adjusted = holm(shown.map((r) => r.p!));
  return {
    baselineId,
    followupId,
    scale,
    by,
    rows: rows.map((r) => ({ ...r, pHolm: r.p === null ? null : adjusted[shown.indexOf(r)]! })),
  };
}
