import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables (see migrations/ for the DDL). Dates are ISO strings (YYYY-MM-DD). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UnitTable {
  id: Generated<number>;
  code: string;
  kind: string;
  valid_from: string;
  valid_to: string | null;
  created_at: Timestamp;
}

export interface UnitVersionTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  parent_id: number | null;
  valid_from: string;
  valid_to: string | null;
  search_text: string;
  sort_key: string;
}

export interface UnitSuccessorTable {
  from_unit_id: number;
  to_unit_id: number;
  date: string;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_id: number | null;
  email: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuthSessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Date;
  ip: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface StoredFileTable {
  sha256: string;
  size: number;
  mime: string;
  created_at: Timestamp;
  created_by: number | null;
}

export interface CommunicationSessionTable {
  id: Generated<number>;
  unit_id: number;
  date: string;
  title: string;
  form: string;
  topics: string[];
  target_groups: string[];
  participants_total: number | null;
  participants_female: number | null;
  participants_male: number | null;
  place_unit_id: number | null;
  notes: string | null;
  status: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface CommunicationSessionFileTable {
  session_id: number;
  sha256: string;
  name: string;
}

export interface UnitRecordTable {
  id: Generated<number>;
  type: string;
  unit_id: number;
  date: string;
  title: string;
  key: string | null;
  data: unknown;
  status: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface UnitRecordFileTable {
  record_id: number;
  sha256: string;
  name: string;
}

export interface ReportExemptionTable {
  unit_id: number;
  period: string;
  reason: string;
  created_at: Timestamp;
  created_by: number | null;
}

export interface ConventionTable {
  id: Generated<number>;
  village_unit_id: number;
  commune_unit_id: number;
  title: string;
  kind: string;
  adopted_on: string | null;
  households_agree_pct: string | number | null;
  decision_number: string | null;
  decision_date: string | null;
  status: Generated<string>;
  replaced_on: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface ConventionTextTable {
  id: Generated<number>;
  convention_id: number;
  version_no: number;
  text: string;
  effective_date: string | null;
  decision_number: string | null;
  note: string | null;
  created_at: Timestamp;
  created_by: number | null;
}

export interface ConventionFindingTable {
  id: Generated<number>;
  convention_id: number;
  text_id: number;
  rule: string | null;
  category: string;
  location: string;
  span_start: number | null;
  span_end: number | null;
  excerpt: string;
  message: string;
  law: string | null;
  suggestion: string | null;
  manual: Generated<boolean>;
  status: Generated<string>;
  note: string | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  resolved_by_text_id: number | null;
  created_at: Timestamp;
}

export interface AppMetaTable {
  key: string;
  value: unknown;
}

export interface PlanTable {
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface PlanVersionTable {
  plan_id: string;
  version: number;
  definition: unknown;
  note: string | null;
  created_at: Timestamp;
  created_by: number | null;
}

export interface RecordEventTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  comment: string | null;
  snapshot: unknown;
  at: Timestamp;
  user_id: number | null;
  username: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body: string;
  dedupe_key: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
  attempts: Generated<number>;
  claimed_until: Date | null;
  last_error: string | null;
}

export interface LoginThrottleTable {
  username: string;
  failures: Generated<number>;
  locked_until: Date | null;
  updated_at: Generated<Date>;
}

export interface LoginKnownAddressTable {
  user_id: number;
  ip: string;
  last_success_at: Generated<Date>;
}

export interface MediaIndicatorSetTable {
  set_id: string;
  version: number;
  definition: unknown;
  note: string | null;
  created_at: Timestamp;
  created_by: number | null;
}

export interface MediaAssessmentTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  set_id: string;
  set_version: number;
  answers: unknown;
  note: string | null;
  status: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
  /** derived from the answers when they are written: the fewest exercises for each level (0020), null: unreached */
  pilot_exercises: number | null;
  official_exercises: number | null;
}

export interface MediaAssessmentFileTable {
  assessment_id: number;
  indicator: string;
  sha256: string;
  name: string;
}

export interface MonitoringExerciseTable {
  id: Generated<number>;
  name: string;
  start_date: string;
  end_date: string;
  media: string[];
  note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
}

export interface MediaStoryTable {
  id: Generated<number>;
  exercise_id: number;
  unit_id: number;
  medium: string;
  date: string;
  headline: string;
  topic: string;
  topic_group: string;
  scope: string;
  reporter_sex: string;
  about_women: boolean;
  highlights_inequality: boolean;
  challenges_stereotypes: boolean;
  stereotype: boolean;
  refers_to_law: boolean;
  body: string | null;
  suggestion: unknown;
  check_of: number | null;
  coder_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MediaPersonTable {
  story_id: number;
  position: number;
  sex: string;
  age_band: string;
  occupation: string;
  function: string;
  family_role: boolean;
  victim: string;
  quoted: boolean;
  photographed: boolean;
}

export interface SurveyInstrumentTable {
  id: Generated<number>;
  form_id: string;
  version: string;
  title: string;
  definition: unknown;
  scoring: unknown;
  note: string | null;
  created_at: Timestamp;
  created_by: number | null;
}

export interface SurveyWaveTable {
  id: Generated<number>;
  name: string;
  year: number;
  instrument_id: number;
  start_date: string;
  end_date: string;
  design: unknown;
  target_groups: Generated<string[]>;
  area_unit_ids: Generated<number[]>;
  public_token: string | null;
  note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
}

export interface SurveyResponseTable {
  id: Generated<number>;
  wave_id: number;
  source: string;
  instance_id: string | null;
  answers: unknown;
  scores: unknown;
  stratum: Generated<string>;
  cluster: Generated<string>;
  weight: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
}

export interface SurveyInvitationTable {
  id: Generated<number>;
  wave_id: number;
  token_hash: string;
  label: Generated<string>;
  stratum: Generated<string>;
  cluster: Generated<string>;
  weight: Generated<number>;
  created_at: Timestamp;
  created_by: number | null;
  response_id: number | null;
  answered_at: Timestamp | null;
  answered_sheet: string | null;
}

export interface OfficialReportTable {
  id: Generated<number>;
  kind: string;
  year: number;
  area_unit_id: number | null;
  version: Generated<number>;
  previous_id: number | null;
  status: Generated<'draft' | 'final'>;
  issuer: ColumnType<unknown, string, string>;
  narrative: ColumnType<unknown, string, string>;
  content: ColumnType<unknown, string, string>;
  change_note: Generated<string>;
  changes: ColumnType<unknown, string | null, string | null>;
  docx_sha256: string | null;
  annex_sha256: string | null;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
  finalised_at: Timestamp | null;
  finalised_by: number | null;
}

export interface PublicReportTable {
  id: Generated<number>;
  kind: 'false_information' | 'convention_clause';
  text: string;
  place: Generated<string>;
  link: Generated<string>;
  name: Generated<string>;
  contact: Generated<string>;
  created_at: Timestamp;
  status: Generated<'pending' | 'accepted' | 'rejected'>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_note: Generated<string>;
  record_id: number | null;
  convention_id: number | null;
}

export interface UnitBoundaryTable {
  unit_id: number;
  geometry: ColumnType<unknown, string, string>;
  made_up: Generated<boolean>;
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
}

/** Derived: sessions per year, unit and status, kept by triggers (migration 0016). */
export interface AggSessionTable {
  year: number;
  unit_id: number;
  status: string;
  sessions: number;
  participants_total: number;
  participants_female: number;
  participants_male: number;
}

/** Derived: sessions and records dated in a year's Action Month window, per year, unit and status (0017). */
export interface AggActionMonthActivityTable {
  year: number;
  unit_id: number;
  status: string;
  activities: number;
}

/** Derived: effective models' runs of years per area unit, status and span (0018). */
export interface AggEffectiveModelTable {
  unit_id: number;
  status: string;
  first_year: number;
  last_year: number;
  until_today: boolean;
  models: number;
}

/** Derived: each convention's years in force as one span, and whether it is free of discrimination (0018). */
export interface AggConventionSpanTable {
  convention_id: number;
  unit_id: number;
  first_year: number;
  last_year: number;
  until_today: boolean;
  free: boolean;
}

/** Derived: first codings of stories per year, media agency and monitoring exercise (0020). */
export interface AggMediaExerciseTable {
  year: number;
  unit_id: number;
  exercise_id: number;
  stories: number;
}

/** Derived: versions of data that caches key on ('units', 'data'), one row per stripe, bumped by triggers. */
export interface AggVersionTable {
  name: string;
  stripe: number;
  version: number;
}

export interface Database {
  agg_session: AggSessionTable;
  agg_action_month_activity: AggActionMonthActivityTable;
  agg_effective_model: AggEffectiveModelTable;
  agg_convention_span: AggConventionSpanTable;
  agg_media_exercise: AggMediaExerciseTable;
  agg_version: AggVersionTable;
  login_throttle: LoginThrottleTable;
  login_known_address: LoginKnownAddressTable;
  unit: UnitTable;
  unit_version: UnitVersionTable;
  unit_successor: UnitSuccessorTable;
  app_user: AppUserTable;
  auth_session: AuthSessionTable;
  audit_log: AuditLogTable;
  stored_file: StoredFileTable;
  communication_session: CommunicationSessionTable;
  communication_session_file: CommunicationSessionFileTable;
  app_meta: AppMetaTable;
  plan: PlanTable;
  plan_version: PlanVersionTable;
  record_event: RecordEventTable;
  notification: NotificationTable;
  mail_outbox: MailOutboxTable;
  unit_record: UnitRecordTable;
  unit_record_file: UnitRecordFileTable;
  report_exemption: ReportExemptionTable;
  convention: ConventionTable;
  convention_text: ConventionTextTable;
  convention_finding: ConventionFindingTable;
  media_indicator_set: MediaIndicatorSetTable;
  media_assessment: MediaAssessmentTable;
  media_assessment_file: MediaAssessmentFileTable;
  monitoring_exercise: MonitoringExerciseTable;
  media_story: MediaStoryTable;
  media_person: MediaPersonTable;
  survey_instrument: SurveyInstrumentTable;
  survey_wave: SurveyWaveTable;
  survey_response: SurveyResponseTable;
  survey_invitation: SurveyInvitationTable;
  official_report: OfficialReportTable;
  public_report: PublicReportTable;
  unit_boundary: UnitBoundaryTable;
}
