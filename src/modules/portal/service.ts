import { z } from 'zod';
import { todayInVietnam } from '../../core/dates.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { isOffice } from '../../core/permissions.ts';
import { LANGUAGES, MEDIA_KINDS } from '../../core/records/codes.ts';
import { SESSION_TOPICS, TARGET_GROUPS } from '../../core/sessions.ts';
import { cleanLines, cleanText, foldText } from '../../core/text.ts';
import { invalidFrom } from '../../core/zod-vi.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { addMissedFinding } from '../conventions/service.ts';
import { openReport, openReports } from '../open-data/service.ts';
import { createRecord } from '../records/service.ts';
import { getMeta } from '../meta/repository.ts';
import { listUnitsAsOf } from '../units/repository.ts';
import * as repo from './repository.ts';

/** Who writes what the public sends, in the audit log: nobody signed in. */
const PUBLIC_ACTOR: Actor = { id: null, username: 'cổng công khai', role: 'viewer', unitId: null };

const labels = (list: Record<string, { vi: string; en: string }>) =>
  Object.entries(list).map(([code, l]) => ({ code, vi: l.vi, en: l.en }));

/**
 * The portal's first page in one answer: the province, the latest final report of the whole province with its
 * figures, the other final reports, and the survey forms open today. Only final reports are published.
 */
export async function portalHome(ctx: Ctx) {
  const today = todayInVietnam();
  const [reports, waves, provinces, demo] = await Promise.all([
    openReports(ctx),
    repo.openWaves(ctx.db, today),
    listUnitsAsOf(ctx.db, { asOf: today, parentId: null, kinds: ['province'], limit: 2, offset: 0 }),
    getMeta(ctx.db, 'demo'),
  ]);
  const province = reports.filter((r) => r.area === null && r.replacedBy === null);
  const latest = province.find((r) => r.kind !== 'half_year') ?? province[0];
  return {
    // demo data says so on every page, the public's too
    demo: demo !== undefined && demo !== null,
    province: provinces.items.length === 1 ? provinces.items[0]!.name : null,
    latest: latest ? await openReport(ctx, latest.id) : null,
    reports: reports.filter((r) => r.replacedBy === null),
    surveys: waves.map((w) => ({ name: w.name, endDate: w.end_date, link: `#/khao-sat/${w.public_token}` })),
  };
}

export const MaterialQuery = z.object({
  q: z.string().max(200).optional(),
  topic: z.string().max(40).optional(),
  group: z.string().max(40).optional(),
  kind: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const PAGE = 12;

/**
 * The library of public communication materials, searched by words with or without diacritics (title,
 * summary, channel, unit) and filtered by topic, target group and kind.
 */
export async function portalMaterials(ctx: Ctx, query: z.infer<typeof MaterialQuery>) {
  const words = foldText(query.q ?? '')
    .split(/\s+/u)
    .filter(Boolean);
  const all = await repo.publicMaterials(ctx.db);
  const has = (v: unknown, code: string | undefined) => !code || (Array.isArray(v) && v.includes(code));
  const found = all.filter((m) => {
    const d = m.data;
    if (query.kind && d.kind !== query.kind) return false;
    if (!has(d.topics, query.topic) || !has(d.targetGroups, query.group)) return false;
    if (words.length === 0) return true;
    const text = foldText([m.title, d.summary, d.channel, m.unit].filter((x) => typeof x === 'string').join(' '));
    return words.every((w) => text.includes(w));
  });
  const page = Math.min(query.page, Math.max(1, Math.ceil(found.length / PAGE)));
  return {
    total: found.length,
    page,
    pageSize: PAGE,
    items: found.slice((page - 1) * PAGE, page * PAGE).map((m) => ({
      id: m.id,
      date: m.date,
      title: m.title,
      unit: m.unit,
      kind: typeof m.data.kind === 'string' ? m.data.kind : null,
      channel: typeof m.data.channel === 'string' ? m.data.channel : '',
      summary: typeof m.data.summary === 'string' ? m.data.summary : '',
      languages: Array.isArray(m.data.languages) ? m.data.languages : [],
      topics: Array.isArray(m.data.topics) ? m.data.topics : [],
      targetGroups: Array.isArray(m.data.targetGroups) ? m.data.targetGroups : [],
      files: m.files.map((f) => ({
        name: f.name,
        size: f.size,
        mime: f.mime,
        url: `/api/portal/materials/${m.id}/files/${f.sha256}`,
      })),
    })),
    lists: {
      topics: labels(SESSION_TOPICS),
      groups: labels(TARGET_GROUPS),
      kinds: labels(MEDIA_KINDS),
      languages: labels(LANGUAGES),
    },
  };
}

export async function materialFile(ctx: Ctx, recordId: number, sha256: string) {
  if (!/^[0-9a-f]{64}$/u.test(sha256)) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp');
  const row = await repo.materialFile(ctx.db, recordId, sha256);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp');
  return row;
}

// an HTML tag or a script address: the form takes words, not markup (stored as text either way)
const MARKUP = /<\s*[a-z!/?]|javascript:|data:text\/html/iu;

const field = (max: number, label: string, min = 0) =>
  z
    .string({ error: `${label}: phải là chữ` })
    .max(max * 2, `${label}: tối đa ${max} ký tự`)
    .transform((s) => cleanLines(s))
    .refine((s) => s.length <= max, `${label}: tối đa ${max} ký tự`)
    .refine((s) => s.length >= min, `${label}: ít nhất ${min} ký tự`)
    .refine((s) => !MARKUP.test(s), `${label}: không nhận mã HTML hay đường dẫn script; chỉ viết chữ`);

export const PublicReportSchema = z.object({
  kind: z.enum(['false_information', 'convention_clause'], {
    error: 'Loại phản ánh: thông tin sai lệch hoặc điều khoản hương ước, quy ước',
  }),
  text: field(5000, 'Nội dung phản ánh', 10),
  place: field(200, 'Nơi thấy (thôn, xã, trang mạng)').optional(),
  link: field(500, 'Đường dẫn')
    .refine((s) => s === '' || /^https?:\/\/[^\s]+$/u.test(s), 'Đường dẫn: bắt đầu bằng http:// hoặc https://')
    .optional(),
  name: field(100, 'Họ tên').optional(),
  contact: field(200, 'Cách liên hệ').optional(),
  /** the honeypot: hidden from people, filled in by robots */
  website: z.string().max(500).optional(),
});

/** A report from the public: checked, kept in the moderation queue; a robot's (the hidden field filled) is refused. */
export async function submitPublicReport(ctx: Ctx, raw: unknown) {
  const parsed = PublicReportSchema.safeParse(raw);
  if (!parsed.success) throw invalidFrom(parsed.error);
  const r = parsed.data;
  if (r.website) throw new AppError('VALIDATION', 'Không nhận được phản ánh; hãy tải lại trang và gửi lại');
  const value = {
    kind: r.kind,
    text: r.text,
    place: r.place ?? '',
    link: r.link ?? '',
    name: cleanText(r.name ?? ''),
    contact: cleanText(r.contact ?? ''),
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertPublicReport(trx, value);
    await writeAudit(trx, PUBLIC_ACTOR, 'create', 'public_report', String(newId), null, {
      kind: value.kind,
      text: value.text,
    });
    return newId;
  });
  return { id, status: 'pending' as const };
}

function officeOnly(actor: Actor) {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực xử lý phản ánh của người dân');
}

export async function listPublicReports(ctx: Ctx, actor: Actor, status: 'pending' | 'accepted' | 'rejected' | null) {
  officeOnly(actor);
  return (await repo.listPublicReports(ctx.db, status)).map((r) => ({
    id: r.id,
    kind: r.kind,
    text: r.text,
    place: r.place,
    link: r.link,
    name: r.name,
    contact: r.contact,
    createdAt: new Date(r.created_at).toISOString(),
    status: r.status,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionNote: r.decision_note,
    recordId: r.record_id,
    conventionId: r.convention_id,
  }));
}

async function pending(ctx: Ctx, id: number) {
  const row = await repo.getPublicReport(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy phản ánh');
  if (row.status !== 'pending') throw new AppError('INVALID_TRANSITION', 'Phản ánh này đã được xử lý');
  return row;
}

/**
 * Accepts a report: false information becomes a false-information case of the unit chosen (a draft the unit
 * completes); a convention clause becomes a confirmed finding of the convention chosen. The report is claimed
 * first, so that two moderators cannot both accept it; if making the case fails, the claim is given back.
 */
export async function acceptPublicReport(
  ctx: Ctx,
  actor: Actor,
  id: number,
  body: { unitId?: number | undefined; conventionId?: number | undefined; location?: unknown },
) {
  officeOnly(actor);
  const row = await pending(ctx, id);
  if (row.kind === 'false_information' && !body.unitId)
    throw invalid({ unitId: 'Đơn vị xử lý: chọn đơn vị nhận vụ việc thông tin sai lệch' });
  if (row.kind === 'convention_clause' && !body.conventionId)
    throw invalid({ conventionId: 'Hương ước, quy ước: chọn văn bản có điều khoản được phản ánh' });
  if ((await repo.decide(ctx.db, id, { status: 'accepted', userId: actor.id, note: '' })) === 0)
    throw new AppError('INVALID_TRANSITION', 'Phản ánh này vừa được người khác xử lý');
  try {
    const date = new Date(row.created_at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    let made: { recordId?: number; conventionId?: number };
    if (row.kind === 'false_information') {
      const record = await createRecord(ctx, actor, 'false_information_case', {
        unitId: body.unitId!,
        data: {
          date,
          title: `Phản ánh của người dân: ${row.text.replace(/\s+/gu, ' ').slice(0, 150)}`,
          seenWhere: row.link || row.place || 'Phản ánh qua cổng thông tin',
          claim: row.text,
          status: 'detected',
        },
      });
      made = { recordId: record.id };
    } else {
      await addMissedFinding(ctx, actor, body.conventionId!, {
        location: typeof body.location === 'string' && body.location.trim() ? body.location : 'Theo phản ánh',
        excerpt: row.text.slice(0, 1000),
        note: `Phản ánh của người dân qua cổng thông tin ngày ${date}${row.place ? ` (${row.place})` : ''}`,
        category: 'discrimination',
      });
      made = { conventionId: body.conventionId! };
    }
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('public_report')
        .set({
          record_id: made.recordId ?? null,
          convention_id: made.conventionId ?? null,
        })
        .where('id', '=', id)
        .execute();
      await writeAudit(
        trx,
        actor,
        'update',
        'public_report',
        String(id),
        { status: 'pending' },
        { status: 'accepted', ...made },
      );
    });
    return { id, status: 'accepted' as const, ...made };
  } catch (e) {
    await repo.decide(ctx.db, id, { status: 'pending', userId: null, note: '' }, 'accepted');
    throw e;
  }
}

export async function rejectPublicReport(ctx: Ctx, actor: Actor, id: number, reason: unknown) {
  officeOnly(actor);
  await pending(ctx, id);
  const note = typeof reason === 'string' ? cleanText(reason).slice(0, 500) : '';
  if (note.length < 3) throw invalid({ reason: 'Lý do: ghi vì sao không tiếp nhận (ít nhất 3 ký tự)' });
  await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.decide(trx, id, { status: 'rejected', userId: actor.id, note })) === 0)
      throw new AppError('INVALID_TRANSITION', 'Phản ánh này vừa được người khác xử lý');
    await writeAudit(
      trx,
      actor,
      'update',
      'public_report',
      String(id),
      { status: 'pending' },
      { status: 'rejected', note },
    );
  });
  return { id, status: 'rejected' as const };
}
