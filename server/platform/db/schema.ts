/**
 * Table types for Kysely. Both dialects store the same shapes: ids are text
 * (UUIDs), instants are ISO-8601 UTC text, flags are integers 0/1 (better-sqlite3
 * cannot bind booleans), JSON is text. Every table carries `unit_id`.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface UnitsTable {
  unit_id: string;
  name: string;
  is_demo: number;
  created_at: string;
}

export interface DivisionsTable {
  id: string;
  unit_id: string;
  name: string;
  kind: string;
  sort_order: number;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  unit_id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  active: number;
  last_login_at: string | null;
  password_changed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  unit_id: string;
  division_id: string;
  user_id: string;
  position: string;
  is_recorder: number;
  created_at: string;
  /** Orders the staff after the head and deputies wherever names are listed (0008). */
  sort_order: Generated<number>;
}

export interface UnitRolesTable {
  id: string;
  unit_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export interface UnitRoleDivisionsTable {
  unit_id: string;
  unit_role_id: string;
  division_id: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database holds no usable session. */
  id: string;
  unit_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditEventsTable {
  unit_id: string;
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: string;
  ip: string | null;
  data: string;
  hash_alg: string;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  unit_id: string;
  section: string;
  value: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface DelegationsTable {
  id: string;
  unit_id: string;
  division_id: string;
  user_id: string;
  power: string;
  granted_by: string;
  granted_at: string;
}

export interface TopicsTable {
  id: string;
  unit_id: string;
  division_id: string;
  proposer_id: string;
  title: string;
  description: string;
  category: string;
  matter_flags: string;
  funds_amount_fen: string | number | null;
  important: number;
  status: string;
  return_reason: string | null;
  submitted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TopicEventsTable {
  id: string;
  unit_id: string;
  topic_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  note: string | null;
}

export interface AttachmentsTable {
  id: string;
  unit_id: string;
  topic_id: string;
  sha256: string;
  size: string | number;
  file_type: string;
  filename: string;
  uploaded_by: string;
  created_at: string;
  deleted_at: string | null;
}

export interface MeetingsTable {
  id: string;
  unit_id: string;
  division_id: string;
  kind: string;
  title: string;
  starts_at: string;
  place: string;
  chair_id: string;
  recorder_id: string;
  convened_by: string;
  chair_designated_by: string | null;
  status: string;
  cancel_reason: string | null;
  notified_at: string | null;
  started_at: string | null;
  closed_at: string | null;
  checkin_secret: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** 补录: a meeting held on paper, entered afterwards with a reason (0006). */
  backfill_reason: string | null;
  backfill_by: string | null;
  backfill_at: string | null;
  /** The paper minutes of a 补录, in the blob store. */
  paper_minutes_sha256: string | null;
  paper_minutes_filename: string | null;
  paper_minutes_type: string | null;
  paper_minutes_size: number | null;
  paper_minutes_by: string | null;
  paper_minutes_at: string | null;
}

export interface AgendaItemsTable {
  id: string;
  unit_id: string;
  meeting_id: string;
  topic_id: string;
  position: number;
  outcome: string | null;
}

export interface ParticipantsTable {
  id: string;
  unit_id: string;
  meeting_id: string;
  user_id: string;
  role: string;
  attendance: string | null;
  checked_in_at: string | null;
  marked_by: string | null;
  notice_read_at: string | null;
}

export interface MeetingChangesTable {
  id: string;
  unit_id: string;
  meeting_id: string;
  at: string;
  actor_id: string;
  field: string;
  before: string | null;
  after: string | null;
}

export interface LeaveRequestsTable {
  id: string;
  unit_id: string;
  meeting_id: string;
  user_id: string;
  reason: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
}

export interface NoticesTable {
  id: string;
  unit_id: string;
  user_id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
  email_status: Generated<string>;
  email_attempts: Generated<number>;
  email_next_at: string | null;
  email_error: string | null;
  email_sent_at: string | null;
}

export interface FeedTokensTable {
  token_hash: string;
  unit_id: string;
  user_id: string;
  created_at: string;
}

export interface RecordEntriesTable {
  id: string;
  unit_id: string;
  meeting_id: string;
  topic_id: string;
  status: string;
  discussion: string;
  opinions: string;
  decisions: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface MinutesTable {
  id: string;
  unit_id: string;
  meeting_id: string;
  division_id: string;
  status: string;
  content: string;
  version: number;
  number_year: number | null;
  number_seq: number | null;
  number: string | null;
  revision: number;
  supersedes_id: string | null;
  content_hash: string | null;
  hash_alg: string | null;
  created_by: string;
  issued_by: string | null;
  issued_at: string | null;
  created_at: string;
  updated_at: string;
  /** The issuer's optional comment when signing (0008). */
  issue_comment: string | null;
}

export interface MinutesCountersTable {
  unit_id: string;
  division_id: string;
  year: number;
  last_seq: number;
}

export interface Database {
  units: UnitsTable;
  divisions: DivisionsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  unit_roles: UnitRolesTable;
  unit_role_divisions: UnitRoleDivisionsTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  settings: SettingsTable;
  delegations: DelegationsTable;
  topics: TopicsTable;
  topic_events: TopicEventsTable;
  attachments: AttachmentsTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  participants: ParticipantsTable;
  meeting_changes: MeetingChangesTable;
  leave_requests: LeaveRequestsTable;
  notices: NoticesTable;
  feed_tokens: FeedTokensTable;
  record_entries: RecordEntriesTable;
  minutes: MinutesTable;
  minutes_counters: MinutesCountersTable;
  calendar_schedules: CalendarSchedulesTable;
  calendar_overrides: CalendarOverridesTable;
  distributions: DistributionsTable;
  distribution_entries: DistributionEntriesTable;
  job_claims: JobClaimsTable;
  audit_checkpoints: AuditCheckpointsTable;
  tracking_items: TrackingItemsTable;
  tracking_events: TrackingEventsTable;
  tracking_extensions: TrackingExtensionsTable;
  tracking_attachments: TrackingAttachmentsTable;
  cases: CasesTable;
  registers: RegistersTable;
  register_lines: RegisterLinesTable;
  register_decisions: RegisterDecisionsTable;
  case_subjects: CaseSubjectsTable;
  case_events: CaseEventsTable;
  case_evidence: CaseEvidenceTable;
  case_attachments: CaseAttachmentsTable;
  search_documents: SearchDocumentsTable;
  inspections: InspectionsTable;
  inspection_counters: InspectionCountersTable;
  inspection_items: InspectionItemsTable;
  inspection_samples: InspectionSamplesTable;
  inspection_results: InspectionResultsTable;
  inspection_findings: InspectionFindingsTable;
  inspection_finding_events: InspectionFindingEventsTable;
  inspection_finding_files: InspectionFindingFilesTable;
  archives: ArchivesTable;
  archive_items: ArchiveItemsTable;
  archive_division_codes: ArchiveDivisionCodesTable;
  archive_decisions: ArchiveDecisionsTable;
}

export interface CalendarSchedulesTable {
  unit_id: string;
  year: number;
  days: string;
  papers: string;
  imported_by: string;
  imported_at: string;
}
export interface CalendarOverridesTable {
  unit_id: string;
  date: string;
  is_off_day: number;
  name: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
}
export interface DistributionsTable {
  meeting_id: string;
  unit_id: string;
  division_id: string;
  meeting_day: string;
  working_days: number;
  due_date: string;
  deadline: string;
  provisional: number;
  status: string;
  minutes_id: string | null;
  issued_at: string | null;
  overdue_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface DistributionEntriesTable {
  id: string;
  unit_id: string;
  minutes_id: string;
  meeting_id: string;
  purpose: string;
  recipient_role: string;
  recipient_id: string | null;
  recipient_division_id: string | null;
  due_date: string;
  deadline: string;
  provisional: number;
  sent_at: string;
  read_at: string | null;
  received_at: string | null;
  received_by: string | null;
  created_at: string;
  /** The reader's optional comment with 已阅 — a leader's 批示 (0008). */
  read_comment: string | null;
}
export interface JobClaimsTable {
  key: string;
  unit_id: string;
  job: string;
  claimed_at: string;
}

export interface AuditCheckpointsTable {
  unit_id: string;
  seq: number;
  hash: string;
  created_at: string;
  key_id: string;
  signature: string;
}

export type UserRow = Selectable<UsersTable>;
export type DivisionRow = Selectable<DivisionsTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
// Generated is re-exported for later tables with database-made values.
export type { Generated };

export interface TrackingItemsTable {
  id: string;
  unit_id: string;
  division_id: string;
  source_division_id: string;
  source_minutes_id: string;
  source_number: string;
  source_meeting_id: string;
  topic_id: string;
  topic_title: string;
  decision_index: number;
  decision_text: string;
  wording: string;
  responsible_user_id: string | null;
  responsible_division_id: string | null;
  responsible_name: string;
  co_responsible: string;
  co_responsible_ids: string;
  note: string;
  needs_completion: number;
  original_deadline: string | null;
  deadline: string | null;
  extensions: number;
  matter_flags: string;
  status: 'pending' | 'in_progress' | 'completion_requested' | 'completed' | 'verified' | 'terminated';
  sampled: number;
  last_activity_day: string;
  termination_minutes_id: string | null;
  termination_reference: string | null;
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TrackingEventsTable {
  id: string;
  unit_id: string;
  item_id: string;
  seq: number;
  kind: string;
  actor_id: string | null;
  actor_name: string;
  text: string;
  data: string;
  created_at: string;
}

export interface TrackingExtensionsTable {
  id: string;
  unit_id: string;
  item_id: string;
  requested_by: string;
  reason: string;
  from_deadline: string;
  new_deadline: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: string | null;
  note: string;
  created_at: string;
}

export interface TrackingAttachmentsTable {
  id: string;
  unit_id: string;
  item_id: string;
  event_id: string | null;
  sha256: string;
  size: number;
  file_type: string;
  filename: string;
  uploaded_by: string;
  created_at: string;
}

export interface CasesTable {
  id: string;
  unit_id: string;
  kind: 'item' | 'monthly_meeting' | 'minutes_late' | 'finding' | 'other' | 'lead';
  title: string;
  description: string;
  division_id: string | null;
  source_item_id: string | null;
  source_meeting_id: string | null;
  source_month: string | null;
  source_key: string | null;
  status: 'registered' | 'preliminary' | 'filed' | 'dismissed' | 'investigating' | 'proposed' | 'decided' | 'archived';
  closed: number;
  bundle_hash: string;
  opened_by: string;
  opened_at: string;
  notice_text: string | null;
  notified_at: string | null;
  dismiss_reason: string | null;
  proposed_measure: string | null;
  proposal_reason: string | null;
  proposed_at: string | null;
  decided_measure: string | null;
  decided_by: string | null;
  decided_on: string | null;
  decision_meeting_id: string | null;
  decision_reference: string | null;
  decision_text: string | null;
  decision_recorded_by: string | null;
  decided_at: string | null;
  archived_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CaseSubjectsTable {
  id: string;
  unit_id: string;
  case_id: string;
  user_id: string;
  position: number;
  created_at: string;
}

export interface CaseEventsTable {
  id: string;
  unit_id: string;
  case_id: string;
  seq: number;
  kind: string;
  actor_id: string | null;
  actor_name: string;
  text: string;
  data: string;
  created_at: string;
}

export interface CaseEvidenceTable {
  id: string;
  unit_id: string;
  case_id: string;
  seq: number;
  kind: 'bundle' | 'statement' | 'fact';
  content: string;
  sha256: string;
  prev_hash: string | null;
  actor_id: string | null;
  actor_name: string;
  created_at: string;
}

export interface CaseAttachmentsTable {
  id: string;
  unit_id: string;
  case_id: string;
  evidence_id: string | null;
  sha256: string;
  size: number;
  file_type: string;
  filename: string;
  uploaded_by: string;
  created_at: string;
}

/**
 * One findable paragraph (R1.3, 0014). The dialect's full-text index over `title_tokens` and
 * `tokens` is not here: SQLite's FTS5 table search_fts, PostgreSQL's column tsv.
 */
export interface SearchDocumentsTable {
  id: Generated<number>;
  unit_id: string;
  kind: string;
  acl: string;
  division_id: string;
  status: string;
  year: number;
  owner_id: string | null;
  meeting_id: string | null;
  topic_id: string | null;
  source_division_id: string | null;
  responsible_division_id: string | null;
  co_ids: string | null;
  matter_flags: string;
  category: string | null;
  speaker_id: string | null;
  source: string;
  source_id: string;
  object_id: string;
  part: number;
  day: string;
  link: string;
  updated_at: string;
  title: string;
  title_tokens: string;
  tokens: string;
  body: string;
}

/** A register (登记簿) of one kind, uploaded for the R4.1 cross-check (0015). */
export interface RegistersTable {
  id: string;
  unit_id: string;
  kind: string;
  filename: string;
  sha256: string;
  line_count: number;
  /** Lines left out as already imported by an earlier register of the kind (0019). */
  skipped_lines: number;
  imported_by: string;
  imported_at: string;
}

/** One line of a register with its match against the decided topics (0015). */
export interface RegisterLinesTable {
  id: string;
  unit_id: string;
  register_id: string;
  line_no: number;
  kind: string;
  division_id: string;
  day: string;
  amount_fen: string | number | null;
  subject: string;
  state: string;
  topic_id: string | null;
  score: number | null;
  candidates: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_reason: string | null;
  version: number;
}

/** A reviewer's decision on a line's proposed match, one per line and version (0015). */
export interface RegisterDecisionsTable {
  id: string;
  unit_id: string;
  line_id: string;
  seq: number;
  action: string;
  topic_id: string | null;
  reason: string | null;
  actor_id: string;
  at: string;
}

/** An inspection (专项检查, R6.4): its scope, sample seed, state and 通报 number (0016). */
export interface InspectionsTable {
  id: string;
  unit_id: string;
  title: string;
  from_month: string;
  to_month: string;
  division_ids: string;
  checks: string;
  sample_size: number;
  seed: string;
  state: string;
  summary: string | null;
  report_year: number | null;
  report_seq: number | null;
  report_number: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  concluded_by: string | null;
  concluded_at: string | null;
  version: number;
  updated_at: string;
}

/** The supervision office's 通报 sequence per year (0016). */
export interface InspectionCountersTable {
  unit_id: string;
  year: number;
  last_seq: number;
}

/** One item of an inspection's checklist (0016). */
export interface InspectionItemsTable {
  id: string;
  unit_id: string;
  inspection_id: string;
  seq: number;
  clause: string;
  text: string;
}

/** One sampled minutes of an inspection (0016). */
export interface InspectionSamplesTable {
  id: string;
  unit_id: string;
  inspection_id: string;
  division_id: string;
  minutes_id: string;
  seq: number;
}

/** A checklist item's result for one sampled minutes (0016). */
export interface InspectionResultsTable {
  id: string;
  unit_id: string;
  inspection_id: string;
  sample_id: string;
  item_id: string;
  result: string;
  comment: string | null;
  evidence: string;
  recorded_by: string;
  recorded_at: string;
  version: number;
}

/** A finding and its rectification (0016). */
export interface InspectionFindingsTable {
  id: string;
  unit_id: string;
  inspection_id: string;
  seq: number;
  division_id: string;
  sample_id: string | null;
  clause: string;
  description: string;
  evidence: string;
  state: string;
  deadline: string | null;
  notice_text: string | null;
  notified_at: string | null;
  report_text: string | null;
  reported_at: string | null;
  closed_at: string | null;
  case_id: string | null;
  created_by: string;
  created_at: string;
  version: number;
  updated_at: string;
}

/** A finding's timeline, append-only (0016). */
export interface InspectionFindingEventsTable {
  id: string;
  unit_id: string;
  finding_id: string;
  seq: number;
  kind: string;
  actor_id: string | null;
  text: string;
  data: string;
  at: string;
}

/** A file of a 整改报告 (0016). */
export interface InspectionFindingFilesTable {
  id: string;
  unit_id: string;
  finding_id: string;
  event_id: string | null;
  sha256: string;
  size: number;
  file_type: string;
  filename: string;
  uploaded_by: string;
  created_at: string;
}

/** A division's archive of a year (归档, R5.7): the package and its four-property report (0017). */
export interface ArchivesTable {
  id: string;
  unit_id: string;
  division_id: string;
  year: number;
  division_code: string;
  item_count: number;
  file_count: number;
  package_sha256: string;
  package_size: string | number;
  hash_alg: string;
  manifest_digest: string;
  files: string;
  report: string;
  facts_digest: string;
  archived_by: string;
  archived_at: string;
}

/** One archived minutes (件) with its DA/T 46 metadata, retention and state (0017). */
export interface ArchiveItemsTable {
  id: string;
  unit_id: string;
  archive_id: string;
  division_id: string;
  year: number;
  seq: number;
  code: string;
  meeting_id: string;
  minutes_id: string;
  title: string;
  number: string;
  doc_date: string;
  pages: number;
  metadata: string;
  retention: string;
  due_day: string | null;
  state: string;
  version: number;
}

/** The 处室代码 a division got at its first archiving (0017). */
export interface ArchiveDivisionCodesTable {
  unit_id: string;
  division_id: string;
  code: string;
  assigned_at: string;
}

/** An appraisal decision on an archived item, one per item and version (0017). */
export interface ArchiveDecisionsTable {
  id: string;
  unit_id: string;
  item_id: string;
  seq: number;
  decision: string;
  from_retention: string;
  to_retention: string | null;
  reason: string;
  appraisers: string;
  reference: string;
  decided_by: string;
  decided_at: string;
}
