/** A small typed client for the API: cookies for the session, the CSRF token on every write. */
import { translateNow } from './i18n-public.ts';
export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
  rows?: { line: number; column?: string; reason: string }[];
  /** LIKELY_DUPLICATE: the stored record the new one seems to repeat */
  duplicateOf?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};
export const getCsrfToken = (): string | null => csrfToken;

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return answerOf<T>(await fetch(url, { method, headers, body: payload, credentials: 'same-origin' }));
}

/** The JSON of an answer, or its error as an ApiError (also for a fetch started elsewhere, e.g. boot.ts). */
export async function answerOf<T>(res: Response): Promise<T> {
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const message = translateNow('httpError', { status: res.status });
    throw new ApiError(res.status, data?.error ?? { code: 'INTERNAL', message });
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  del: <T>(url: string) => request<T>('DELETE', url),
};

/** POSTs JSON and saves the file the server answers with (e.g. an import's error list as XLSX). */
export async function downloadPost(url: string, body: unknown, filename: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new ApiError(res.status, (await res.json()).error);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(href);
}

export const qs = (params: Record<string, string | number | undefined | null>): string =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: 'admin' | 'coordinator' | 'reporter' | 'inspector' | 'viewer';
  unitId: number | null;
}

export interface Label {
  vi: string;
  en: string;
}

export interface Meta {
  engine: string;
  demo: { provinceCode: string; provinceName: string } | null;
  lists: {
    forms: Record<string, Label>;
    topics: Record<string, Label>;
    targetGroups: Record<string, Label>;
    unitKinds: Record<string, Label>;
    peaks: { code: string; short: string; vi: string; en: string }[];
  };
}

export interface UnitItem {
  id: number;
  code: string;
  kind: string;
  name: string;
  parentId: number | null;
  parentName: string | null;
  validFrom: string;
  validTo: string | null;
  hasChildren: boolean;
}

export interface Session {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  date: string;
  title: string;
  form: string;
  topics: string[];
  targetGroups: string[];
  participantsTotal: number | null;
  participantsFemale: number | null;
  participantsMale: number | null;
  placeUnitId: number | null;
  placeName: string | null;
  notes: string | null;
  peaks: string[];
  status: RecordStatus;
  version: number;
  evidence: Evidence[];
}

export type RecordStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export interface Evidence {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

/** A field of a record type, as the server describes it (src/core/records/fields.ts). */
export interface FieldInfo {
  name: string;
  kind:
    'text' | 'longtext' | 'date' | 'int' | 'money' | 'score' | 'code' | 'codes' | 'unit' | 'record' | 'bool' | 'group';
  vi: string;
  en: string;
  required?: boolean;
  list?: Record<string, Label>;
  max?: number;
  recordType?: string;
  fields?: FieldInfo[];
  hidden?: boolean;
  future?: boolean;
  year?: boolean;
}

export interface RecordTypeInfo {
  type: string;
  vi: string;
  en: string;
  task: string;
  fields: FieldInfo[];
  listFields: string[];
  keyField: string | null;
}

export interface UnitRecord {
  id: number;
  type: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  date: string;
  title: string;
  data: Record<string, unknown>;
  refs: Record<string, { id: number; code?: string; name: string }>;
  status: RecordStatus;
  version: number;
  evidence: Evidence[];
}

export interface InboxItem {
  kind: string;
  kindLabel: string;
  id: number;
  version: number;
  unitId: number;
  unitName: string;
  date: string;
  title: string;
  status: RecordStatus;
}

export interface Period {
  key: string;
  year: number;
  code: string;
  vi: string;
  en: string;
  from: string;
  to: string;
  due: string;
}

export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data' | 'no_target';

export interface IndicatorSummary {
  code: string;
  goal: string;
  kind: string;
  title: string;
  titles: Label;
  rule: Label;
  year: number;
  planId: string;
  planVersion: number;
  /** the year is not over, or records awaiting approval are counted */
  provisional: boolean;
  /** the year is not over */
  yearOpen: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  isShare: boolean;
  reason: Label | null;
  target: number | null;
  status: Status;
  statusRule: Label;
  milestone: { year: number; target: number } | null;
  projection: number | null;
}

/** How an indicator's figures were read, in words, and whether records awaiting approval count. */
export interface IndicatorView {
  words: Label;
  includePending: boolean;
}

export interface Group {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface IndicatorDetail extends IndicatorSummary {
  threshold: number | null;
  rows: {
    id: number;
    code: string;
    name: string;
    kind: string;
    areaName: string | null;
    count: number;
    total?: number;
    passes: boolean | null;
    note?: string;
  }[];
  byKind: Group[];
  byArea: Group[];
}

export interface Series {
  code: string;
  planVersion: number;
  targets: Record<string, number>;
  points: {
    year: number;
    value: number | null;
    target: number | null;
    status: Status;
    projection: number | null;
    milestone: { year: number; target: number } | null;
  }[];
}
