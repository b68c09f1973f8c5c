import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR, type Ctx, type Role } from '../../src/modules/context.ts';
import { createConvention } from '../../src/modules/conventions/service.ts';
import { storeFile } from '../../src/modules/files/service.ts';
import { openAssessment, transitionAssessment } from '../../src/modules/media/assessments.ts';
import { createExercise, createStory, getStory } from '../../src/modules/media/monitoring.ts';
import { currentSet } from '../../src/modules/media/sets.ts';
import {
  createInvitations,
  createWave,
  registerDefaultInstrument,
  setWavePublic,
} from '../../src/modules/surveys/service.ts';
import { getPlan } from '../../src/modules/plans/service.ts';
import { exempt } from '../../src/modules/reports/service.ts';
import { submitPublicReport } from '../../src/modules/portal/service.ts';
import { createOfficialReport, finaliseOfficialReport } from '../../src/modules/official-reports/service.ts';
import { createRecord, transitionRecord } from '../../src/modules/records/service.ts';
import { createSession, transitionSession } from '../../src/modules/sessions/service.ts';
import { buildUnit, buildUser, loginAs, type Session } from './factories.ts';
import { validData } from './records.ts';

export type Who = 'anonymous' | Role;
export const EVERYONE: Who[] = ['anonymous', 'admin', 'coordinator', 'reporter', 'inspector', 'viewer'];

export const CONVENTION_TEXT = [
  'HƯƠNG ƯỚC THÔN THỬ',
  'Điều 1. Thừa kế',
  '1. Con gái đã lấy chồng không được chia đất hương hỏa.',
  '2. Con trai, con gái đều được thờ cúng tổ tiên.',
].join('\n');

type Status = 'draft' | 'submitted' | 'approved' | 'returned';

/** The issuing body of test reports, complete enough to make them final. */
export const OFFICIAL_ISSUER = {
  parent: 'UBND Tỉnh Thử Nghiệm',
  body: 'Sở Nội vụ',
  symbol: 'BC-SNV',
  place: 'Thử Nghiệm',
  signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
  signerName: 'Nguyễn Thị Thử',
  recipients: ['Bộ Nội vụ', 'Lưu: VT'],
};

/**
 * A small province for tests that walk every route: two communes (the reporter's and inspector's own,
 * and another), a village in each, a user and a signed-in session for every role, and makers of fresh
 * sessions, records and conventions in a given status, so that each request acts on an object of its own.
 */
export async function buildWorld(ctx: Ctx, app: FastifyInstance) {
  const own = await buildUnit(ctx, { kind: 'commune', name: 'Xã Của Mình' });
  const other = await buildUnit(ctx, { kind: 'commune', name: 'Xã Khác' });
  const ownVillage = await buildUnit(ctx, { kind: 'village', parentCode: own.code, name: 'Thôn Của Mình' });
  const otherVillage = await buildUnit(ctx, { kind: 'village', parentCode: other.code, name: 'Thôn Khác' });
  const users = {} as Record<Role, { id: number; username: string; password: string }>;
  const sessions = {} as Record<Who, Session | null>;
  sessions.anonymous = null;
  for (const role of ['admin', 'coordinator', 'reporter', 'inspector', 'viewer'] as Role[]) {
    users[role] = await buildUser(ctx, role, role === 'reporter' || role === 'inspector' ? own.id : null);
    sessions[role] = await loginAs(app, users[role].username);
  }
  const unitOf = (target: 'own' | 'other') => (target === 'own' ? own : other);
  let n = 0;
  const memo = new Map<string, Promise<unknown>>();

  const STEPS: Record<Status, ('submit' | 'approve' | 'return')[]> = {
    draft: [],
    submitted: ['submit'],
    approved: ['submit', 'approve'],
    returned: ['submit', 'return'],
  };

  const file = () => storeFile(ctx, SYSTEM_ACTOR, Buffer.from(`%PDF-1.4\n% tệp thử ${++n}\n%%EOF\n`));

  return {
    own,
    other,
    ownVillage,
    otherVillage,
    users,
    sessions,
    unitOf,
    /** A fresh communication session of the unit, in `status`. */
    async session(target: 'own' | 'other', status: Status = 'draft') {
      const s = await createSession(ctx, SYSTEM_ACTOR, {
        unitId: unitOf(target).id,
        date: '2024-03-05',
        title: `Hội nghị thử ${++n}`,
        form: 'conference',
        topics: ['gender_equality_law'],
        participantsTotal: 10,
      });
      let moved = s;
      for (const action of STEPS[status]) {
        moved = await transitionSession(ctx, SYSTEM_ACTOR, s.id, {
          action,
          version: moved.version,
          comment: 'Lý do thử',
        });
      }
      return moved;
    },
    /** A fresh record of `type` of the unit, in `status`. */
    async record(type: string, target: 'own' | 'other', status: Status = 'draft') {
      const r = await createRecord(ctx, SYSTEM_ACTOR, type, {
        unitId: unitOf(target).id,
        data: { ...validData(type, other.id), title: `Hồ sơ thử ${++n}` },
      });
      let moved = r;
      for (const action of STEPS[status]) {
        moved = await transitionRecord(ctx, SYSTEM_ACTOR, type, r.id, {
          action,
          version: moved.version,
          comment: 'Lý do thử',
        });
      }
      return moved;
    },
    /** A fresh convention of the unit's village, screened (it has one finding). */
    async convention(target: 'own' | 'other') {
      return createConvention(ctx, SYSTEM_ACTOR, {
        villageUnitId: (target === 'own' ? ownVillage : otherVillage).id,
        title: `Hương ước thử ${++n}`,
        kind: 'huong_uoc',
        adoptedOn: '2024-03-01',
        householdsAgreePct: 82.5,
        decisionNumber: '15/QĐ-UBND',
        decisionDate: '2024-03-20',
        status: 'in_force',
        text: CONVENTION_TEXT,
      });
    },
    /** A fresh media agency (a unit of no test user: media rows act on another unit's agency). */
    async mediaAgency() {
      return buildUnit(ctx, { kind: 'media', name: `Báo thử ${++n}` });
    },
    /** The media indicator set's latest version. */
    async mediaSet() {
      return currentSet(ctx.db);
    },
    /** A monitoring exercise of 2024, made once. */
    async exercise() {
      return this.shared('exercise', () =>
        createExercise(ctx, SYSTEM_ACTOR, { name: 'Đợt thử quyền', startDate: '2024-05-06', endDate: '2024-05-06' }),
      );
    },
    /** The default survey instrument, registered once. */
    async surveyInstrument() {
      return this.shared('surveyInstrument', () => registerDefaultInstrument(ctx, SYSTEM_ACTOR));
    },
    /** A survey wave of 2025 on the default instrument, made once (no responses). */
    async surveyWave() {
      const instrumentId = (await this.surveyInstrument()).id;
      return this.shared('surveyWave', () =>
        createWave(ctx, SYSTEM_ACTOR, {
          name: 'Đợt khảo sát thử quyền',
          year: 2025,
          instrumentId,
          startDate: '2025-05-01',
          endDate: '2025-05-31',
        }),
      );
    },
    /** A wave open to web answers until 2100, made once: its public token. */
    async publicSurvey() {
      const instrumentId = (await this.surveyInstrument()).id;
      return this.shared('publicSurvey', async () => {
        const { id } = await createWave(ctx, SYSTEM_ACTOR, {
          name: 'Đợt khảo sát công khai thử quyền',
          year: 2026,
          instrumentId,
          startDate: '2026-01-01',
          endDate: '2100-12-31',
        });
        return { waveId: id, token: (await setWavePublic(ctx, SYSTEM_ACTOR, id, true)).publicToken! };
      });
    },
    /** A fresh invitation to the 2025 wave (not answered). */
    async invitation() {
      const { id } = await this.surveyWave();
      return (await createInvitations(ctx, SYSTEM_ACTOR, id, { count: 1 })).invitations[0]!;
    },
    /** A fresh coded story of a fresh agency, with one person. */
    async story() {
      const agency = await this.mediaAgency();
      const { id } = await createStory(ctx, SYSTEM_ACTOR, {
        exerciseId: (await this.exercise()).id,
        unitId: agency.id,
        medium: 'online',
        date: '2024-05-06',
        headline: `Tin thử ${++n}`,
        topic: 'gender_violence',
        people: [{ sex: 'female', function: 'expert' }],
      });
      return getStory(ctx, id);
    },
    /** A fresh agency's self-assessment of 2024, in `status`. */
    async assessment(status: Status = 'draft') {
      const agency = await this.mediaAgency();
      let a = await openAssessment(ctx, SYSTEM_ACTOR, agency.id, 2024);
      for (const action of STEPS[status])
        a = await transitionAssessment(ctx, SYSTEM_ACTOR, a.id, { action, version: a.version, comment: 'Lý do thử' });
      return a;
    },
    /** A stored evidence file (a small PDF). */
    file,
    /** A file that is evidence of a session of the unit (readable by every signed-in role). */
    async evidence(target: 'own' | 'other') {
      const f = await file();
      await createSession(ctx, SYSTEM_ACTOR, {
        unitId: unitOf(target).id,
        date: '2024-03-05',
        title: `Hội nghị có minh chứng ${n}`,
        form: 'conference',
        topics: ['gender_equality_law'],
        evidence: [{ sha256: f.sha256, name: 'bien-ban.pdf' }],
      });
      return f;
    },
    /** A fresh user of `role` (no unit). */
    async user(role: Role) {
      return buildUser(ctx, role);
    },
    /** A fresh commune of its own. */
    async unit() {
      return buildUnit(ctx, { kind: 'commune' });
    },
    /** A fresh commune exempted from the yearly report of 2024. */
    async exempted() {
      const u = await buildUnit(ctx, { kind: 'commune' });
      await exempt(ctx, SYSTEM_ACTOR, u.id, '2024-CN', 'Mới thành lập');
      return u;
    },
    /** A fresh official report (the yearly report of 2024 of a fresh commune), a draft or made final. */
    async officialReport(status: 'draft' | 'final' = 'draft') {
      const u = await buildUnit(ctx, { kind: 'commune' });
      const r = await createOfficialReport(ctx, SYSTEM_ACTOR, {
        kind: 'yearly',
        year: 2024,
        areaId: u.id,
        issuer: OFFICIAL_ISSUER,
      });
      return status === 'final' ? finaliseOfficialReport(ctx, SYSTEM_ACTOR, r.id) : r;
    },
    /** A fresh report from the public, waiting for the office. */
    async publicReport() {
      return submitPublicReport(ctx, {
        kind: 'false_information',
        text: `Tin sai lệch thử số ${++n} về bình đẳng giới`,
      });
    },
    /** An approved media product marked public, with a file (made once). */
    async publicMaterial() {
      return this.shared('public-material', async () => {
        const f = await file();
        const r = await createRecord(ctx, SYSTEM_ACTOR, 'media_product', {
          unitId: own.id,
          data: { ...validData('media_product', other.id), title: 'Tài liệu công khai thử', public: true },
          evidence: [{ sha256: f.sha256, name: 'tai-lieu.pdf' }],
        });
        const s = await transitionRecord(ctx, SYSTEM_ACTOR, 'media_product', r.id, {
          action: 'submit',
          version: r.version,
        });
        await transitionRecord(ctx, SYSTEM_ACTOR, 'media_product', r.id, { action: 'approve', version: s.version });
        return { id: r.id, sha256: f.sha256 };
      });
    },
    async planVersion() {
      return (await getPlan(ctx)).version;
    },
    /** The value `make` gives the first time `key` is asked for, kept for later calls. */
    shared<T>(key: string, make: () => Promise<T>): Promise<T> {
      if (!memo.has(key)) memo.set(key, make());
      return memo.get(key) as Promise<T>;
    },
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
