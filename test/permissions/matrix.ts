import fs from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { stringify as toYaml } from 'yaml';
import { sheetsFromYaml } from '../../src/core/surveys/form-yaml.ts';
import { xlsformWorkbook } from '../../src/modules/surveys/instrument-files.ts';
import type { Role } from '../../src/modules/context.ts';
import { typeDef } from '../../src/modules/records/service.ts';
import { recordsCsv } from '../../src/modules/records/spreadsheet.ts';
import { validData } from '../helpers/records.ts';
import { CONVENTION_TEXT, EVERYONE as ALL, type Who, type World } from '../helpers/world.ts';

/**
 * Who may do what, route by route — the table the permission test drives against a running server on both
 * engines (matrix.test.ts), and that docs/permissions.md shows. Every route of the OpenAPI document must
 * be named here, or the test fails.
 *
 * A row allows roles per target: `own` is an object of the unit of the reporter and the inspector (who
 * both belong to one commune), `other` an object of another unit. Admins, coordinators and viewers have no
 * unit, so for them own and other are the same. Allowed means a 2xx answer; refused means 401 (anonymous)
 * or 403 (a signed-in role), with nothing written.
 *
 * Decisions worth stating:
 * - Everything the product records is readable by every signed-in role: provinces publish these figures,
 *   and units learn from each other. Writing is by unit.
 * - An inspector writes only its own unit's inspections (create, edit, delete, submit); like a viewer it
 *   cannot touch any other kind of draft of its unit, nor conventions.
 * - A viewer (leaders) reads and screens text; it sends no file and writes nothing.
 */

export type Target = 'own' | 'other' | 'none';

export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  /** the client's address (login rows use their own, away from the login rate limit of the others) */
  remoteAddress?: string;
  /** a file sent as multipart (field "file") */
  file?: { name: string; content: Buffer | string };
}

export interface Row {
  /** "METHOD /path" as in the OpenAPI document, with a step name for transitions ("… submit") */
  route: string;
  /** what each target allows */
  allow: Partial<Record<Target, readonly Who[]>>;
  /** the request, acting on a fresh object of the target */
  request: (w: World, target: Target) => Promise<Req>;
  /** record routes: the record types they are driven with */
  types?: readonly string[];
  /** record routes whose rule depends on the type (inspections) */
  allowFor?: (type: string) => Partial<Record<Target, readonly Who[]>>;
  /** roles also allowed on their own unit's objects, checked in another test (shown "own†") */
  ownElsewhere?: readonly Who[];
  /** why a route is not driven here (it is still named, and tested elsewhere) */
  skip?: string;
}

const SIGNED: readonly Role[] = ['admin', 'coordinator', 'reporter', 'inspector', 'viewer'];
const EVERYONE: readonly Who[] = ['anonymous', ...SIGNED];
const OFFICE: readonly Role[] = ['admin', 'coordinator'];
const ADMIN: readonly Role[] = ['admin'];
/** drafts of official reports: the office writes them, leaders read them before they are final */
const DRAFT_READERS: readonly Role[] = ['admin', 'coordinator', 'viewer'];
const SENDERS: readonly Role[] = ['admin', 'coordinator', 'reporter', 'inspector'];
const UNIT_WRITERS = { own: ['admin', 'coordinator', 'reporter'], other: OFFICE } as const;
const INSPECTION_WRITERS = { own: ['admin', 'coordinator', 'reporter', 'inspector'], other: OFFICE } as const;
const writersOf = (type: string) => (type === 'inspection' ? INSPECTION_WRITERS : UNIT_WRITERS);

const read = (route: string, allow: readonly Who[], url: (w: World) => Promise<string> | string): Row => ({
  route,
  allow: { none: allow },
  request: async (w) => ({ method: 'GET', url: await url(w) }),
});

const unitOf = (w: World, t: Target) => (t === 'other' ? w.other : w.own);
const year = 2021;
// the matrix creates the same session and records again for each role: repeats allowed (tested in test/api)
const sessionBody = (unitId: number) => ({
  unitId,
  allowDuplicate: true,
  date: '2024-03-05',
  title: 'Hội nghị thử quyền',
  form: 'conference',
  topics: ['gender_equality_law'],
  participantsTotal: 10,
});
const recordData = (w: World, type: string) => ({ ...validData(type, w.other.id), date: `${year}-06-01` });
const csv = (lines: string[]) => lines.join('\n');
let seq = 0;
const fresh = () => `${Date.now().toString(36)}${++seq}`;

// one complete response to the default survey instrument, as an ODK Central export names its columns
const SURVEY_EXPORT_HEADER = [
  'meta-instanceID',
  ...['sex', 'age', 'ethnicity', 'area', 'target_group'].map((q) => `thong_tin-${q}`),
  'tiep_can-exposed',
  ...Array.from({ length: 10 }, (_, i) => `kien_thuc-k${i + 1}`),
  ...Array.from({ length: 8 }, (_, i) => `quan_niem-n${i + 1}`),
].join(',');
const SURVEY_EXPORT_ROW_VALUES: string[] = [
  'female',
  '30',
  'kinh',
  'urban',
  'workers',
  // not reached by communication: the channels question is not asked
  'no',
  ...Array(10).fill('dung'),
  ...Array(8).fill('dong_y'),
];
const SURVEY_ANSWERS = Object.fromEntries(
  SURVEY_EXPORT_HEADER.split(',')
    .slice(1)
    .map((column, i) => [column.split('-')[1]!, SURVEY_EXPORT_ROW_VALUES[i]!]),
);
const SURVEY_EXPORT_ROW = SURVEY_EXPORT_ROW_VALUES.join(',');

const RECORD_TYPES_DRIVEN = ['training_course', 'inspection'] as const;

export const MATRIX: Row[] = [
  read('GET /api/health', EVERYONE, () => '/api/health'),
  read('GET /api/health/ready', EVERYONE, () => '/api/health/ready'),
  read('GET /api/meta', EVERYONE, () => '/api/meta'),
  read('GET /api/metrics', ADMIN, () => '/api/metrics'),
  {
    route: 'POST /api/auth/login',
    allow: { none: EVERYONE },
    request: async (w) => ({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: `192.0.2.${(seq++ % 250) + 1}`,
      payload: { username: w.users.viewer.username, password: w.users.viewer.password },
    }),
  },
  {
    route: 'POST /api/auth/logout',
    allow: { none: EVERYONE },
    request: async () => ({ method: 'POST', url: '/api/auth/logout' }),
    skip: 'it ends the session the next rows use; test/api/auth.test.ts checks it',
  },
  {
    route: 'POST /api/auth/password',
    allow: { none: SIGNED },
    request: async () => ({ method: 'POST', url: '/api/auth/password' }),
    skip: "it changes the password the next rows sign in with; test/api/auth.test.ts checks it (one's own only)",
  },
  read('GET /api/auth/me', SIGNED, () => '/api/auth/me'),
  read('GET /api/audit', OFFICE, () => '/api/audit'),
  read('GET /api/users', ADMIN, () => '/api/users'),
  {
    route: 'POST /api/users',
    allow: { none: ADMIN },
    request: async () => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: `moi${fresh()}`, password: 'Mat-khau-moi-2025', role: 'viewer' },
    }),
  },
  {
    route: 'PUT /api/users/{id}',
    allow: { none: ADMIN },
    request: async (w) => ({
      method: 'PUT',
      url: `/api/users/${(await w.user('viewer')).id}`,
      payload: { version: 1, displayName: 'Lãnh đạo mới' },
    }),
  },
  {
    route: 'POST /api/users/{id}/unlock',
    allow: { none: ADMIN },
    request: async (w) => ({ method: 'POST', url: `/api/users/${(await w.user('viewer')).id}/unlock` }),
  },
  read('GET /api/units', SIGNED, () => '/api/units'),
  read('GET /api/units/{id}', SIGNED, (w) => `/api/units/${w.own.id}`),
  {
    route: 'POST /api/units/import',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: '/api/units/import?validFrom=2020-01-01',
      file: {
        name: 'dv.csv',
        content: csv(['code,name,level,parent_code', `TV${fresh()},Thôn Nhập,village,${w.own.code}`]),
      },
    }),
  },
  {
    route: 'POST /api/units/successors/import',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: '/api/units/successors/import',
      file: {
        name: 'ke-thua.csv',
        content: csv(['from_code,to_code,date', `${w.ownVillage.code},${w.own.code},2025-07-01`]),
      },
    }),
  },
  // communication sessions
  read('GET /api/sessions', SIGNED, () => '/api/sessions'),
  read('GET /api/sessions/template.xlsx', SIGNED, () => '/api/sessions/template.xlsx'),
  read('GET /api/sessions/export.xlsx', SIGNED, () => '/api/sessions/export.xlsx'),
  read('GET /api/sessions/export.csv', SIGNED, () => '/api/sessions/export.csv'),
  read('GET /api/sessions/{id}', SIGNED, async (w) => `/api/sessions/${(await w.session('other')).id}`),
  read('GET /api/sessions/{id}/history', SIGNED, async (w) => `/api/sessions/${(await w.session('other')).id}/history`),
  {
    route: 'POST /api/sessions',
    allow: UNIT_WRITERS,
    request: async (w, t) => ({ method: 'POST', url: '/api/sessions', payload: sessionBody(unitOf(w, t).id) }),
  },
  {
    route: 'PUT /api/sessions/{id}',
    allow: UNIT_WRITERS,
    request: async (w, t) => {
      const s = await w.session(t === 'other' ? 'other' : 'own');
      return { method: 'PUT', url: `/api/sessions/${s.id}`, payload: { ...sessionBody(s.unitId), version: s.version } };
    },
  },
  {
    route: 'DELETE /api/sessions/{id}',
    allow: UNIT_WRITERS,
    request: async (w, t) => {
      const s = await w.session(t === 'other' ? 'other' : 'own');
      return { method: 'DELETE', url: `/api/sessions/${s.id}?version=${s.version}` };
    },
  },
  ...(['submit', 'approve', 'return', 'reopen'] as const).map((action): Row => ({
    route: `POST /api/sessions/{id}/transition ${action}`,
    allow: action === 'submit' ? UNIT_WRITERS : { own: OFFICE, other: OFFICE },
    request: async (w, t) => {
      const from = { submit: 'draft', approve: 'submitted', return: 'submitted', reopen: 'approved' } as const;
      const s = await w.session(t === 'other' ? 'other' : 'own', from[action]);
      return {
        method: 'POST',
        url: `/api/sessions/${s.id}/transition`,
        payload: { action, version: s.version, comment: 'Lý do thử' },
      };
    },
  })),
  {
    route: 'POST /api/sessions/import',
    allow: { own: UNIT_WRITERS.own },
    request: async (w) => ({
      method: 'POST',
      url: '/api/sessions/import',
      file: {
        name: 'hd.csv',
        content: csv([
          'unit_code,date,title,form,topics,participants_total,participants_female,participants_male',
          `${w.own.code},2024-03-05,Hoạt động nhập,conference,gender_equality_law,10,5,5`,
        ]),
      },
    }),
  },
  {
    route: 'POST /api/import-errors.xlsx',
    allow: { none: SIGNED },
    request: async () => ({
      method: 'POST',
      url: '/api/import-errors.xlsx',
      payload: { rows: [{ line: 2, column: 'date', reason: 'sai ngày' }] },
    }),
  },
  // screening
  {
    route: 'POST /api/screen',
    allow: { none: SIGNED },
    request: async () => ({ method: 'POST', url: '/api/screen', payload: { text: CONVENTION_TEXT } }),
  },
  {
    route: 'POST /api/text-of-file',
    allow: { none: SENDERS },
    request: async () => ({
      method: 'POST',
      url: '/api/text-of-file',
      file: { name: 'a.txt', content: CONVENTION_TEXT },
    }),
  },
  // approval
  read('GET /api/my-work', SIGNED, () => '/api/my-work'),
  read('GET /api/inbox', OFFICE, () => '/api/inbox'),
  {
    route: 'POST /api/inbox/approve',
    allow: { own: OFFICE, other: OFFICE },
    request: async (w, t) => {
      const s = await w.session(t === 'other' ? 'other' : 'own', 'submitted');
      return {
        method: 'POST',
        url: '/api/inbox/approve',
        payload: { items: [{ kind: 'communication_session', id: s.id, version: s.version }] },
      };
    },
  },
  // indicators
  read('GET /api/indicators', SIGNED, () => `/api/indicators?year=2024`),
  read('GET /api/indicators/{code}', SIGNED, () => `/api/indicators/G1?year=2024`),
  read('GET /api/indicators/{code}/series', SIGNED, () => `/api/indicators/G1/series?from=2021&to=2024`),
  read('GET /api/indicators/{code}/export.xlsx', SIGNED, () => `/api/indicators/G1/export.xlsx?year=2024`),
  // records of every kind (driven with a general type and with inspections)
  read('GET /api/record-types', SIGNED, () => '/api/record-types'),
  read('GET /api/records/action_month_plan/{id}/activities', SIGNED, async (w) => {
    const plan = await w.shared('amp', () => w.record('action_month_plan', 'other'));
    return `/api/records/action_month_plan/${plan.id}/activities`;
  }),
  ...(['', '/template.xlsx', '/export.xlsx', '/export.csv'] as const).map((tail): Row => ({
    route: `GET /api/records/{type}${tail}`,
    allow: { none: SIGNED },
    types: RECORD_TYPES_DRIVEN,
    request: async () => ({ method: 'GET', url: '' }),
  })),
  ...(['', '/history'] as const).map((tail): Row => ({
    route: `GET /api/records/{type}/{id}${tail}`,
    allow: { none: SIGNED },
    types: RECORD_TYPES_DRIVEN,
    request: async () => ({ method: 'GET', url: '' }),
  })),
  {
    route: 'POST /api/records/{type}',
    allow: UNIT_WRITERS,
    allowFor: writersOf,
    types: RECORD_TYPES_DRIVEN,
    request: async () => ({ method: 'POST', url: '' }),
  },
  {
    route: 'PUT /api/records/{type}/{id}',
    allow: UNIT_WRITERS,
    allowFor: writersOf,
    types: RECORD_TYPES_DRIVEN,
    request: async () => ({ method: 'PUT', url: '' }),
  },
  {
    route: 'DELETE /api/records/{type}/{id}',
    allow: UNIT_WRITERS,
    allowFor: writersOf,
    types: RECORD_TYPES_DRIVEN,
    request: async () => ({ method: 'DELETE', url: '' }),
  },
  ...(['submit', 'approve', 'return', 'reopen'] as const).map((action): Row => ({
    route: `POST /api/records/{type}/{id}/transition ${action}`,
    allow: action === 'submit' ? UNIT_WRITERS : { own: OFFICE, other: OFFICE },
    allowFor: (type) => (action === 'submit' ? writersOf(type) : { own: OFFICE, other: OFFICE }),
    types: RECORD_TYPES_DRIVEN,
    request: async () => ({ method: 'POST', url: '' }),
  })),
  {
    route: 'POST /api/records/{type}/import',
    allow: { own: UNIT_WRITERS.own },
    allowFor: (type) => ({ own: writersOf(type).own }),
    types: RECORD_TYPES_DRIVEN,
    request: async () => ({ method: 'POST', url: '' }),
  },
  // periodic reports
  read('GET /api/reports/periods', SIGNED, () => '/api/reports/periods'),
  read('GET /api/reports/completeness', SIGNED, () => '/api/reports/completeness?period=2024-CN'),
  read('GET /api/reports/prefill', SIGNED, (w) => `/api/reports/prefill?unitId=${w.own.id}&period=2024-CN`),
  {
    route: 'POST /api/reports/exemptions',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: '/api/reports/exemptions',
      payload: { unitId: (await w.unit()).id, period: '2024-CN', reason: 'Mới lập' },
    }),
  },
  {
    route: 'DELETE /api/reports/exemptions',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'DELETE',
      url: `/api/reports/exemptions?unitId=${(await w.exempted()).id}&period=2024-CN`,
    }),
  },
  // official reports of the plan
  read('GET /api/official-reports', SIGNED, () => '/api/official-reports'),
  read('GET /api/official-reports/capabilities', SIGNED, () => '/api/official-reports/capabilities'),
  {
    route: 'POST /api/official-reports',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: '/api/official-reports',
      payload: { kind: 'yearly', year: 2024, areaId: (await w.unit()).id },
    }),
  },
  read(
    'GET /api/official-reports/{id} (draft)',
    DRAFT_READERS,
    async (w) => `/api/official-reports/${(await w.officialReport()).id}`,
  ),
  read(
    'GET /api/official-reports/{id}/report.docx (draft)',
    DRAFT_READERS,
    async (w) => `/api/official-reports/${(await w.shared('draft-report', () => w.officialReport())).id}/report.docx`,
  ),
  read(
    'GET /api/official-reports/{id}/report.xlsx (final)',
    SIGNED,
    async (w) =>
      `/api/official-reports/${(await w.shared('final-report', () => w.officialReport('final'))).id}/report.xlsx`,
  ),
  {
    route: 'GET /api/official-reports/{id}/report.pdf (draft)',
    allow: { none: DRAFT_READERS },
    skip: 'LibreOffice takes seconds a file: readers and refusals are tested in test/api/official-reports.test.ts',
    request: async () => ({ method: 'GET', url: '' }),
  },
  {
    route: 'PUT /api/official-reports/{id}',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'PUT',
      url: `/api/official-reports/${(await w.officialReport()).id}`,
      payload: { narrative: { summary: 'Đánh giá chung thử quyền' } },
    }),
  },
  ...(['refresh', 'finalise'] as const).map((step): Row => ({
    route: `POST /api/official-reports/{id}/${step}`,
    allow: { none: OFFICE },
    request: async (w) => ({ method: 'POST', url: `/api/official-reports/${(await w.officialReport()).id}/${step}` }),
  })),
  {
    route: 'POST /api/official-reports/{id}/correct',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: `/api/official-reports/${(await w.officialReport('final')).id}/correct`,
      payload: { changeNote: 'Sửa số liệu thử quyền' },
    }),
  },
  {
    route: 'DELETE /api/official-reports/{id}',
    allow: { none: OFFICE },
    request: async (w) => ({ method: 'DELETE', url: `/api/official-reports/${(await w.officialReport()).id}` }),
  },
  // open data: final reports only, to anyone
  read('GET /api/open/reports', EVERYONE, () => '/api/open/reports'),
  ...(['', '/figures.csv', '/dhis2.json'] as const).map((suffix) =>
    read(`GET /api/open/reports/{id}${suffix}`, EVERYONE, async (w) => {
      const r = await w.shared('final-report', () => w.officialReport('final'));
      return `/api/open/reports/${r.id}${suffix}`;
    }),
  ),
  // the leaders' dashboard: trends of every indicator, boundaries for the map
  read('GET /api/indicators/trends', SIGNED, () => '/api/indicators/trends?from=2023&to=2024'),
  read('GET /api/boundaries', SIGNED, () => '/api/boundaries'),
  {
    route: 'POST /api/boundaries',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: '/api/boundaries',
      file: {
        name: 'ranh-gioi.geojson',
        content: JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { code: w.own.code },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [106, 21],
                    [106.1, 21],
                    [106.1, 20.9],
                    [106, 21],
                  ],
                ],
              },
            },
          ],
        }),
      },
    }),
  },
  // the public portal and the moderation of what the public sends
  read('GET /api/portal/home', EVERYONE, () => '/api/portal/home'),
  read('GET /api/portal/materials', EVERYONE, () => '/api/portal/materials?q=cong+khai'),
  read('GET /api/portal/materials/{id}/files/{sha256}', EVERYONE, async (w) => {
    const m = await w.publicMaterial();
    return `/api/portal/materials/${m.id}/files/${m.sha256}`;
  }),
  {
    route: 'POST /api/portal/reports',
    allow: { none: EVERYONE },
    request: async () => ({
      method: 'POST',
      url: '/api/portal/reports',
      payload: { kind: 'false_information', text: 'Phản ánh thử quyền về thông tin sai lệch' },
    }),
  },
  read('GET /api/public-reports', OFFICE, () => '/api/public-reports'),
  {
    route: 'POST /api/public-reports/{id}/accept',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: `/api/public-reports/${(await w.publicReport()).id}/accept`,
      payload: { unitId: w.own.id },
    }),
  },
  {
    route: 'POST /api/public-reports/{id}/reject',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: `/api/public-reports/${(await w.publicReport()).id}/reject`,
      payload: { reason: 'Không liên quan' },
    }),
  },
  // community conventions
  read('GET /api/conventions', SIGNED, () => '/api/conventions'),
  read('GET /api/conventions/false-alarms', SIGNED, () => '/api/conventions/false-alarms'),
  read('GET /api/conventions/screener-feedback.yaml', OFFICE, () => '/api/conventions/screener-feedback.yaml'),
  read('GET /api/conventions/{id}', SIGNED, async (w) => `/api/conventions/${(await w.convention('other')).id}`),
  read('GET /api/conventions/{id}/compare', SIGNED, async (w) => {
    const c = await w.convention('other');
    return `/api/conventions/${c.id}/compare?from=1&to=1`;
  }),
  {
    route: 'POST /api/conventions',
    allow: UNIT_WRITERS,
    request: async (w, t) => ({
      method: 'POST',
      url: '/api/conventions',
      payload: {
        villageUnitId: (t === 'other' ? w.otherVillage : w.ownVillage).id,
        title: 'Quy ước thử quyền',
        kind: 'quy_uoc',
        status: 'draft',
        text: CONVENTION_TEXT,
      },
    }),
  },
  {
    route: 'POST /api/conventions/villages',
    allow: UNIT_WRITERS,
    request: async (w, t) => ({
      method: 'POST',
      url: '/api/conventions/villages',
      payload: { communeId: unitOf(w, t).id, name: 'Thôn thử quyền' },
    }),
  },
  {
    route: 'PUT /api/conventions/{id}',
    allow: UNIT_WRITERS,
    request: async (w, t) => {
      const c = await w.convention(t === 'other' ? 'other' : 'own');
      return {
        method: 'PUT',
        url: `/api/conventions/${c.id}`,
        payload: {
          villageUnitId: c.villageUnitId,
          title: 'Tên mới',
          kind: c.kind,
          adoptedOn: c.adoptedOn,
          householdsAgreePct: c.householdsAgreePct,
          decisionNumber: c.decisionNumber,
          decisionDate: c.decisionDate,
          status: c.status,
          version: c.version,
        },
      };
    },
  },
  {
    route: 'POST /api/conventions/{id}/findings',
    allow: UNIT_WRITERS,
    request: async (w, t) => {
      const c = await w.convention(t === 'other' ? 'other' : 'own');
      const text = c.texts[0]!;
      return {
        method: 'POST',
        url: `/api/conventions/${c.id}/findings`,
        payload: { location: 'Điều 1, khoản 2', excerpt: text.text.slice(0, 30), note: 'Bỏ sót đoạn này' },
      };
    },
  },
  {
    route: 'POST /api/conventions/{id}/findings/{findingId}/review',
    allow: UNIT_WRITERS,
    request: async (w, t) => {
      const c = await w.convention(t === 'other' ? 'other' : 'own');
      return {
        method: 'POST',
        url: `/api/conventions/${c.id}/findings/${c.findings[0]!.id}/review`,
        payload: { decision: 'confirm', note: 'Đúng là phân biệt' },
      };
    },
  },
  {
    route: 'POST /api/conventions/{id}/amendments',
    allow: UNIT_WRITERS,
    request: async (w, t) => {
      const c = await w.convention(t === 'other' ? 'other' : 'own');
      return {
        method: 'POST',
        url: `/api/conventions/${c.id}/amendments`,
        payload: {
          text: 'Điều 1. Con trai, con gái đều được chia đất.',
          effectiveDate: '2025-01-10',
          decisionNumber: '9/QĐ',
        },
      };
    },
  },
  // files
  {
    route: 'POST /api/files',
    allow: { none: SENDERS },
    request: async () => ({
      method: 'POST',
      url: '/api/files',
      file: { name: 'a.pdf', content: `%PDF-1.4\n%${fresh()}\n` },
    }),
  },
  read('GET /api/files/{sha256}', SIGNED, async (w) => `/api/files/${(await w.evidence('other')).sha256}`),
  // the plan
  read('GET /api/plans', SIGNED, () => '/api/plans'),
  read('GET /api/plans/{id}', SIGNED, () => '/api/plans/bdg-2021-2030'),
  {
    route: 'PUT /api/plans/{id}',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'PUT',
      url: '/api/plans/bdg-2021-2030',
      payload: { version: await w.planVersion(), note: 'Thử quyền' },
    }),
  },
  // notifications
  read('GET /api/notifications', SIGNED, () => '/api/notifications'),
  {
    route: 'POST /api/notifications/read',
    allow: { none: SIGNED },
    request: async () => ({ method: 'POST', url: '/api/notifications/read', payload: { id: null } }),
  },
  // media agencies (driven on an agency of no test user: a reporter's own agency is in test/api/media.test.ts)
  read('GET /api/media/set', SIGNED, () => '/api/media/set'),
  read('GET /api/media/set/versions', SIGNED, () => '/api/media/set/versions'),
  {
    route: 'POST /api/media/set',
    allow: { none: OFFICE },
    request: async (w) => {
      const { set, version } = await w.mediaSet();
      return { method: 'POST', url: '/api/media/set', payload: { yaml: toYaml(set), expectedVersion: version } };
    },
  },
  read('GET /api/media/assessments', SIGNED, () => '/api/media/assessments?year=2024'),
  read('GET /api/media/assessments/{id}', SIGNED, async (w) => `/api/media/assessments/${(await w.assessment()).id}`),
  read(
    'GET /api/media/assessments/{id}/history',
    SIGNED,
    async (w) => `/api/media/assessments/${(await w.assessment()).id}/history`,
  ),
  {
    route: 'POST /api/media/assessments',
    allow: { own: OFFICE, other: OFFICE },
    ownElsewhere: ['reporter'],
    request: async (w) => ({
      method: 'POST',
      url: '/api/media/assessments',
      payload: { unitId: (await w.mediaAgency()).id, year: 2024 },
    }),
  },
  {
    route: 'PUT /api/media/assessments/{id}',
    allow: { own: OFFICE, other: OFFICE },
    ownElsewhere: ['reporter'],
    request: async (w) => {
      const a = await w.assessment();
      return {
        method: 'PUT',
        url: `/api/media/assessments/${a.id}`,
        payload: { version: a.version, answers: { 'A1.3': { value: 'yes' } } },
      };
    },
  },
  {
    route: 'DELETE /api/media/assessments/{id}',
    allow: { own: OFFICE, other: OFFICE },
    ownElsewhere: ['reporter'],
    request: async (w) => {
      const a = await w.assessment();
      return { method: 'DELETE', url: `/api/media/assessments/${a.id}?version=${a.version}` };
    },
  },
  ...(['submit', 'approve', 'return', 'reopen'] as const).map((action): Row => ({
    route: `POST /api/media/assessments/{id}/transition ${action}`,
    allow: { own: OFFICE, other: OFFICE },
    ownElsewhere: action === 'submit' ? ['reporter'] : [],
    request: async (w) => {
      const from = { submit: 'draft', approve: 'submitted', return: 'submitted', reopen: 'approved' } as const;
      const a = await w.assessment(from[action]);
      return {
        method: 'POST',
        url: `/api/media/assessments/${a.id}/transition`,
        payload: { action, version: a.version, comment: 'Lý do thử' },
      };
    },
  })),
  read('GET /api/media/codes', SIGNED, () => '/api/media/codes'),
  read('GET /api/media/exercises', SIGNED, () => '/api/media/exercises'),
  {
    route: 'POST /api/media/exercises',
    allow: { none: OFFICE },
    request: async () => ({
      method: 'POST',
      url: '/api/media/exercises',
      payload: { name: `Đợt ${fresh()}`, startDate: '2024-06-01', endDate: '2024-06-02' },
    }),
  },
  read('GET /api/media/stories', SIGNED, () => '/api/media/stories'),
  read('GET /api/media/stories/template.xlsx', SIGNED, () => '/api/media/stories/template.xlsx'),
  {
    route: 'POST /api/media/stories/import',
    allow: { own: OFFICE, other: OFFICE },
    ownElsewhere: ['reporter'],
    skip:
      "a reporter's rows of another agency are refused with 422 naming the row, like other imports; " +
      'test/api/media.test.ts drives the editor, another agency, and a viewer (403 before the file is read)',
    request: async (w) => ({
      method: 'POST',
      url: `/api/media/stories/import?exerciseId=${(await w.exercise()).id}`,
      file: {
        name: 'ma-hoa.csv',
        content: csv([
          'story_no,unit_code,medium,date,headline,topic,person_sex,person_function',
          `1,${(await w.mediaAgency()).code},online,06/05/2024,Tin nhập,gender_violence,Nữ,Chuyên gia`,
        ]),
      },
    }),
  },
  read('GET /api/media/stories/{id}', SIGNED, async (w) => `/api/media/stories/${(await w.story()).id}`),
  {
    route: 'POST /api/media/stories',
    allow: { own: OFFICE, other: OFFICE },
    ownElsewhere: ['reporter'],
    request: async (w) => {
      const s = await w.story();
      const { id: _id, version: _v, suggestion: _s, checkOf: _c, ...body } = s;
      return { method: 'POST', url: '/api/media/stories', payload: body };
    },
  },
  {
    route: 'PUT /api/media/stories/{id}',
    allow: { own: OFFICE, other: OFFICE },
    ownElsewhere: ['reporter'],
    request: async (w) => {
      const { id, suggestion: _s, checkOf: _c, ...body } = await w.story();
      return { method: 'PUT', url: `/api/media/stories/${id}`, payload: { ...body, headline: 'Tiêu đề sửa' } };
    },
  },
  {
    route: 'DELETE /api/media/stories/{id}',
    allow: { own: OFFICE, other: OFFICE },
    ownElsewhere: ['reporter'],
    request: async (w) => {
      const s = await w.story();
      return { method: 'DELETE', url: `/api/media/stories/${s.id}?version=${s.version}` };
    },
  },
  read('GET /api/media/analysis', SIGNED, () => '/api/media/analysis?year=2024&by=function,medium'),
  read('GET /api/media/agreement', SIGNED, () => '/api/media/agreement'),
  // awareness surveys: the office runs them; every signed-in role reads the figures
  read('GET /api/surveys/instruments', SIGNED, () => '/api/surveys/instruments'),
  read(
    'GET /api/surveys/instruments/{id}',
    SIGNED,
    async (w) => `/api/surveys/instruments/${(await w.surveyInstrument()).id}`,
  ),
  {
    route: 'POST /api/surveys/instruments',
    allow: { none: OFFICE },
    request: async () => {
      const dir = new URL('../../instruments/bdg-nhan-thuc/', import.meta.url).pathname;
      const form = fs.readFileSync(`${dir}form.yaml`, 'utf8').replace("version: '2025.1'", `version: '${fresh()}'`);
      const xlsform = await xlsformWorkbook(sheetsFromYaml(form, { keepCase: true }));
      return {
        method: 'POST',
        url: '/api/surveys/instruments',
        payload: { xlsform: xlsform.toString('base64'), scoring: fs.readFileSync(`${dir}scoring.yaml`, 'utf8') },
      };
    },
  },
  {
    route: 'POST /api/surveys/instruments/default',
    allow: { none: OFFICE },
    request: async () => ({ method: 'POST', url: '/api/surveys/instruments/default' }),
  },
  read('GET /api/surveys/default-form.xlsx', SIGNED, () => '/api/surveys/default-form.xlsx'),
  read('GET /api/surveys/waves', SIGNED, () => '/api/surveys/waves'),
  {
    route: 'POST /api/surveys/waves',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: '/api/surveys/waves',
      payload: {
        name: `Đợt ${fresh()}`,
        year: 2026,
        instrumentId: (await w.surveyInstrument()).id,
        startDate: '2026-05-01',
        endDate: '2026-05-31',
      },
    }),
  },
  {
    route: 'POST /api/surveys/waves/{id}/import',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: `/api/surveys/waves/${(await w.surveyWave()).id}/import`,
      file: { name: 'odk.csv', content: csv([SURVEY_EXPORT_HEADER, `uuid:${fresh()},${SURVEY_EXPORT_ROW}`]) },
    }),
  },
  {
    route: 'POST /api/surveys/waves/{id}/public',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: `/api/surveys/waves/${(await w.surveyWave()).id}/public`,
      payload: { open: true },
    }),
  },
  read(
    'GET /api/surveys/waves/{id}/invitations',
    OFFICE,
    async (w) => `/api/surveys/waves/${(await w.surveyWave()).id}/invitations`,
  ),
  {
    route: 'POST /api/surveys/waves/{id}/invitations',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: `/api/surveys/waves/${(await w.surveyWave()).id}/invitations`,
      payload: { count: 1 },
    }),
  },
  {
    route: 'POST /api/surveys/waves/{id}/invitations/import',
    allow: { none: OFFICE },
    request: async (w) => ({
      method: 'POST',
      url: `/api/surveys/waves/${(await w.surveyWave()).id}/invitations/import`,
      file: { name: 'mau.csv', content: csv(['label', `Hộ thử ${fresh()}`]) },
    }),
  },
  {
    route: 'POST /api/surveys/invitations.xlsx',
    allow: { none: OFFICE },
    request: async () => ({
      method: 'POST',
      url: '/api/surveys/invitations.xlsx',
      payload: { origin: 'https://bdg.example.gov.vn', invitations: [{ label: 'Hộ thử', token: 'abcdefgh12345678' }] },
    }),
  },
  {
    route: 'DELETE /api/surveys/invitations/{id}',
    allow: { none: OFFICE },
    request: async (w) => ({ method: 'DELETE', url: `/api/surveys/invitations/${(await w.invitation()).id}` }),
  },
  read(
    'GET /api/public/surveys/{token}',
    EVERYONE,
    async (w) => `/api/public/surveys/${(await w.publicSurvey()).token}`,
  ),
  {
    route: 'POST /api/public/surveys/{token}/responses',
    allow: { none: EVERYONE },
    request: async (w) => ({
      method: 'POST',
      url: `/api/public/surveys/${(await w.publicSurvey()).token}/responses`,
      payload: { answers: SURVEY_ANSWERS },
    }),
  },
  read(
    'GET /api/surveys/waves/{id}/estimates',
    SIGNED,
    async (w) => `/api/surveys/waves/${(await w.surveyWave()).id}/estimates?scale=knowledge`,
  ),
  read('GET /api/surveys/sample-size', SIGNED, () => '/api/surveys/sample-size?mean=60&sd=20&change=0.1&deff=2'),
  read('GET /api/surveys/change', SIGNED, async (w) => {
    const id = (await w.surveyWave()).id;
    return `/api/surveys/change?baseline=${id}&followup=${id}&scale=knowledge`;
  }),
  read('GET /api/outbox', ADMIN, () => '/api/outbox'),
  read('GET /api/admin/backup', ADMIN, () => '/api/admin/backup'),
];

/** The request of a record route, for `type` and the target. */
export async function recordRequest(w: World, route: string, type: string, target: Target): Promise<Req> {
  const t = target === 'other' ? 'other' : 'own';
  const [method, path, action] = route.split(' ') as [Req['method'], string, string | undefined];
  if (path === '/api/records/{type}' && method === 'GET') return { method, url: `/api/records/${type}` };
  if (path.startsWith('/api/records/{type}/') && !path.includes('{id}') && method === 'GET') {
    return { method, url: `/api/records/${type}/${path.split('/').pop()}` };
  }
  if (path === '/api/records/{type}') {
    return {
      method,
      url: `/api/records/${type}`,
      payload: { unitId: unitOf(w, t).id, data: recordData(w, type), allowDuplicate: true },
    };
  }
  if (path === '/api/records/{type}/import') {
    // a file as the export writes it: the round trip is tested elsewhere
    const record = await w.record(type, 'own');
    const content = await buffer(
      recordsCsv(
        typeDef(type),
        (async function* () {
          yield [record];
        })(),
      ),
    );
    return { method, url: `/api/records/${type}/import`, file: { name: 'hs.csv', content } };
  }
  const from = { submit: 'draft', approve: 'submitted', return: 'submitted', reopen: 'approved' } as const;
  const r = await w.record(type, t, action ? from[action as keyof typeof from] : 'draft');
  const url = `/api/records/${type}/${r.id}`;
  if (method === 'GET') return { method, url: path.endsWith('/history') ? `${url}/history` : url };
  if (method === 'PUT')
    return { method, url, payload: { unitId: r.unitId, version: r.version, data: recordData(w, type) } };
  if (method === 'DELETE') return { method, url: `${url}?version=${r.version}` };
  return { method, url: `${url}/transition`, payload: { action, version: r.version, comment: 'Lý do thử' } };
}

const ROLES_SHOWN: Who[] = ALL;

/** A cell of docs/permissions.md: ✓ (any unit), own (own unit only), — (refused). */
function cell(allow: Row['allow'], who: Who): string {
  if (allow.none) return allow.none.includes(who) ? '✓' : '—';
  const own = allow.own?.includes(who) ?? false;
  const other = allow.other?.includes(who) ?? false;
  // roles without a unit have no "own" unit: allowed on one target is allowed
  const unitless = who !== 'reporter' && who !== 'inspector';
  return (own && other) || (unitless && (own || other)) ? '✓' : own ? 'own' : other ? 'other' : '—';
}

/** The table of docs/permissions.md, rendered from MATRIX. */
export function renderMatrix(): string {
  const head = `| route | ${ROLES_SHOWN.join(' | ')} |\n|---|${ROLES_SHOWN.map(() => '---').join('|')}|`;
  const lines = MATRIX.map((row) => {
    const cells = ROLES_SHOWN.map((who) => {
      const driven = cell(row.allow, who);
      const general = driven === '—' && row.ownElsewhere?.includes(who) ? 'own†' : driven;
      const inspection = row.allowFor ? cell(row.allowFor('inspection'), who) : general;
      return inspection === general ? general : `${general}; inspections: ${inspection}`;
    });
    return `| \`${row.route}\` | ${cells.join(' | ')} |`;
  });
  return [head, ...lines].join('\n');
}
