import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Row types of the database as Kysely sees it. Booleans are 0/1 integers (same on both databases).

interface Effective {
  valid_from: string;
  valid_to: string | null;
}

export interface TownsTable {
  id: string;
  code: string;
  name: string;
  district: string;
  created_at: string;
}

export interface DepartmentsTable extends Effective {
  town_id: string;
  id: string;
  name: string;
  short_name: string;
  kind: string;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface CommunitiesTable extends Effective {
  town_id: string;
  id: string;
  name: string;
  kind: string;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface CoopsTable extends Effective {
  town_id: string;
  id: string;
  name: string;
  short_name: string;
  seat_department_id: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface CategoriesTable {
  town_id: string;
  id: string;
  code: string;
  name: string;
  default_coop_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface TeamsTable extends Effective {
  town_id: string;
  id: string;
  name: string;
  category_id: string;
  coop_id: string;
  duties: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface TeamAssignmentsTable extends Effective {
  town_id: string;
  id: string;
  team_id: string;
  supervising_department_id: string;
  community_score_share: number;
  community_share_percent: number | null;
  note: string;
  created_at: string;
}

export interface TeamAssignmentUnitsTable {
  town_id: string;
  assignment_id: string;
  department_id: string;
  duties: string;
  position: number;
}

export interface BodiesTable {
  town_id: string;
  id: string;
  kind: string;
  name: string;
  seat_department_id: string | null;
  duties: string;
  created_at: string;
}

export interface BodyMembersTable {
  town_id: string;
  body_id: string;
  position: number;
  role: string;
  holder: string;
  department_id: string | null;
}

export interface AuditLogTable {
  town_id: string;
  seq: number;
  id: string;
  at: string;
  actor_id: string;
  actor: string;
  grant_label: string;
  action: string;
  object_type: string;
  object_id: string;
  before_json: string | null;
  after_json: string | null;
  ip: Generated<string>;
  request_id: Generated<string>;
  result: string;
  prev_hash: string;
  hash: string;
  prev_mac: Generated<string>;
  mac: Generated<string>;
}

/** The heads of a town's audit and ledger chains at a moment, MACed and chained (#13 item 7). */
export interface AuditCheckpointsTable {
  town_id: string;
  seq: number;
  at: string;
  reason: string;
  audit_seq: number;
  audit_mac: string;
  ledger_seq: number;
  ledger_mac: string;
  prev_mac: string;
  mac: string;
}

export interface UsersTable {
  town_id: string;
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  totp_secret: string | null;
  totp_enabled: number;
  last_login_at: string | null;
  person_id: string | null;
  created_at: string;
  updated_at: string;
  /** The last TOTP step accepted: a code is used once. */
  totp_last_step: number | null;
  /** JSON array of the hashes of earlier passwords, newest first (refused on change). */
  previous_password_hashes: Generated<string>;
}

export interface UserGrantsTable {
  town_id: string;
  id: string;
  user_id: string;
  role: string;
  scope_kind: string;
  scope_id: string | null;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database holds no usable session. */
  id: string;
  town_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

/** A counter in a window with a block: sign-in failures per username and source, reveals per user. */
export interface RateLimitsTable {
  town_id: string;
  kind: string;
  subject: string;
  source: string;
  count: number;
  window_started_at: string;
  blocked_until: string | null;
  updated_at: string;
}

export interface TownSettingsTable {
  town_id: string;
  key: string;
  value_json: string;
  updated_at: string;
}

export interface PersonsTable {
  town_id: string;
  id: string;
  name: string;
  id_cipher: string;
  id_hash: string;
  id_tail_hash: string;
  birth_date: string;
  sex: string;
  phone_cipher: string | null;
  phone_hash: string | null;
  household_registration: string;
  address: string;
  bank_name: string;
  bank_account_cipher: string | null;
  bank_account_hash: string | null;
  education: string | null;
  disability_certificate: string;
  emergency_contact_name: string;
  emergency_contact_phone_cipher: string | null;
  created_at: string;
  updated_at: string;
}

export interface PostsTable {
  town_id: string;
  id: string;
  person_id: string;
  employment_id: string;
  person_name: string;
  team_id: string;
  managing_department_id: string;
  duty: string;
  community_id: string | null;
  special_post: string | null;
  field_or_hazardous: number;
  off_roster: number;
  pay_scheme: string;
  legacy_base_fen: number | null;
  legacy_bonus_fen: number | null;
  employment_basis: string;
  insurance: string;
  start_date: string;
  status: string;
  exit_reason: string | null;
  note: string;
  valid_from: string;
  valid_to: string | null;
  is_current: number;
  created_at: string;
  created_by: string;
}

export interface ActiveIdRegisterTable {
  id_hash: string;
  town_id: string;
  person_id: string;
  employment_id: string;
  since: string;
}

export interface RosterStampsTable {
  town_id: string;
  version: number;
}

export interface QuotaPlansTable {
  town_id: string;
  id: string;
  total: number;
  basis: string;
  valid_from: string;
  valid_to: string | null;
  approved_by: string;
  approved_at: string;
}

export interface QuotaLinesTable {
  town_id: string;
  plan_id: string;
  level: 'category' | 'team';
  target_id: string;
  quota: number;
}

export interface QuotaProposalsTable {
  town_id: string;
  id: string;
  department_id: string;
  team_id: string;
  area_centi_km2: number;
  people_served: number;
  complexity: string;
  requested: number;
  reason: string;
  state: string;
  approved_quota: number | null;
  decision_reason: string;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface HiringRequestsTable {
  town_id: string;
  id: string;
  kind: string;
  person_id: string;
  team_id: string;
  managing_department_id: string;
  community_id: string | null;
  post_json: string;
  start_date: string;
  state: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string;
}

export interface AgreementsTable {
  town_id: string;
  id: string;
  person_id: string;
  employment_id: string | null;
  team_id: string;
  coop_id: string;
  supervising_department_id: string;
  managing_department_id: string;
  community_id: string | null;
  duty: string;
  pay_scheme: string;
  term_start: string;
  term_end: string;
  state: string;
  signed_on: string | null;
  witnessed_on: string | null;
  witness_department_id: string | null;
  filing_number: string | null;
  filed_on: string | null;
  terminated_on: string | null;
  termination_reason: string;
  hiring_request_id: string | null;
  previous_agreement_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface AnnualResultsTable {
  town_id: string;
  person_id: string;
  year: number;
  outcome: string;
  note: string;
  recorded_by: string;
  recorded_at: string;
  months: number | null;
  mean_tenths: number | null;
  computed_outcome: string | null;
  decision_step: number | null;
  district_rating: Generated<string>;
  decision_reason: Generated<string>;
}

export interface AssessmentTemplatesTable {
  town_id: string;
  id: string;
  team_id: string;
  valid_from_month: string;
  indicators_json: string;
  absence_points_per_day_tenths: number;
  state: string;
  approved_by: string | null;
  approved_at: string | null;
  created_by: string;
  created_at: string;
}

export interface CalendarDaysTable {
  date: string;
  kind: string;
  name: string;
  entered_by: string;
  entered_at: string;
}

export interface AssessmentSheetsTable {
  town_id: string;
  id: string;
  department_id: string;
  team_id: string;
  month: string;
  template_id: string;
  community_share_percent: number | null;
  state: string;
  due_date: string;
  returned_reason: string;
  created_by: string;
  created_at: string;
  community_entered_at: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  locked_by: string | null;
  locked_at: string | null;
}

export interface AssessmentEntriesTable {
  town_id: string;
  sheet_id: string;
  person_id: string;
  person_name: string;
  community_id: string | null;
  employment_basis: string;
  days_due: number;
  days_worked_halves: number | null;
  absence_halves: number;
  leave_json: string;
  people_served: number | null;
  scores_json: string;
  unit_tenths: number | null;
  community_tenths: number | null;
  deduction_tenths: number | null;
  total_tenths: number | null;
  grade: string | null;
  updated_by: string | null;
  updated_at: string | null;
}

export interface AssessmentCorrectionsTable {
  town_id: string;
  id: string;
  sheet_id: string;
  person_id: string;
  before_json: string;
  after_json: string;
  reason: string;
  approved_by: string;
  created_at: string;
}

export interface PayPoliciesTable {
  town_id: string;
  id: string;
  valid_from: string;
  policy_json: string;
  note: Generated<string>;
  created_by: string;
  created_at: string;
}

export interface PayRunsTable {
  town_id: string;
  id: string;
  kind: string;
  coop_id: string;
  month: string;
  state: string;
  version: number;
  policy_id: string;
  worker_count: number;
  gross_fen: number;
  deduction_fen: number;
  net_fen: number;
  in_kind_fen: number;
  created_by: string;
  created_at: string;
  computed_at: string;
  slips_mac: Generated<string>;
}

export interface PaySlipsTable {
  town_id: string;
  run_id: string;
  person_id: string;
  person_name: string;
  team_id: string;
  department_id: string;
  supervising_department_id: string;
  days_in_post: number;
  base_fen: number;
  high_temperature_fen: number;
  gross_fen: number;
  deduction_fen: number;
  net_fen: number;
  in_kind_fen: number;
  lines_json: string;
}

export interface PaySignoffsTable {
  town_id: string;
  id: string;
  run_id: string;
  step: string;
  department_id: string | null;
  user_id: string;
  user_name: string;
  signed_at: string;
  voided_at: string | null;
  void_reason: Generated<string>;
}

export interface PayAdjustmentsTable {
  town_id: string;
  id: string;
  run_id: string;
  coop_id: string;
  person_id: string;
  amount_fen: number;
  reason: string;
  created_by: string;
  created_at: string;
  applied_run_id: string | null;
}

export interface FundSourcesTable {
  town_id: string;
  code: string;
  name: string;
  sort_order: number;
  created_at: string;
}

export interface LedgerAccountsTable {
  town_id: string;
  id: string;
  code: string;
  name: string;
  type: string;
  source_code: string | null;
  coop_id: string | null;
  expense_class: string | null;
  created_at: string;
}

export interface LedgerEntriesTable {
  town_id: string;
  id: string;
  seq: number;
  kind: string;
  entry_date: string;
  period: string;
  document_kind: string;
  document_ref: string;
  memo: Generated<string>;
  amount_fen: number;
  reverses_entry_id: string | null;
  created_by: string;
  created_at: string;
  prev_mac: Generated<string>;
  mac: Generated<string>;
}

export interface LedgerLinesTable {
  town_id: string;
  entry_id: string;
  line_no: number;
  account_id: string;
  debit_fen: number;
  credit_fen: number;
  team_id: string | null;
}

export interface LedgerBalancesTable {
  town_id: string;
  account_id: string;
  period: string;
  debit_fen: number;
  credit_fen: number;
}

export interface LedgerPeriodsTable {
  town_id: string;
  period: string;
  closed_at: string;
  closed_by: string;
}

export interface LedgerEarmarksTable {
  town_id: string;
  id: string;
  source_code: string;
  team_id: string | null;
  expense_class: string;
  note: Generated<string>;
  created_by: string;
  created_at: string;
}

export interface BudgetLinesTable {
  town_id: string;
  id: string;
  year: number;
  kind: string;
  source_code: string | null;
  coop_id: string | null;
  team_id: string | null;
  expense_class: string | null;
  amount_fen: number;
  basis: Generated<string>;
  application_id: string | null;
  created_by: string;
  created_at: string;
}

export interface BudgetApplicationsTable {
  town_id: string;
  id: string;
  year: number;
  kind: string;
  coop_id: string;
  team_id: string | null;
  department_id: string | null;
  amount_fen: number;
  description: string;
  state: string;
  decision_reason: Generated<string>;
  decided_by: string | null;
  decided_at: string | null;
  created_by: string;
  created_at: string;
}

/** #13 item 4: deployment-wide, one check value per data key id (features/crypto/key-check.ts). */
export interface KeyChecksTable {
  key_id: string;
  check_value: string;
  created_at: string;
}

export interface DB {
  towns: TownsTable;
  departments: DepartmentsTable;
  communities: CommunitiesTable;
  coops: CoopsTable;
  categories: CategoriesTable;
  teams: TeamsTable;
  team_assignments: TeamAssignmentsTable;
  team_assignment_units: TeamAssignmentUnitsTable;
  bodies: BodiesTable;
  body_members: BodyMembersTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  users: UsersTable;
  user_grants: UserGrantsTable;
  sessions: SessionsTable;
  town_settings: TownSettingsTable;
  rate_limits: RateLimitsTable;
  persons: PersonsTable;
  posts: PostsTable;
  active_id_register: ActiveIdRegisterTable;
  roster_stamps: RosterStampsTable;
  quota_plans: QuotaPlansTable;
  quota_lines: QuotaLinesTable;
  quota_proposals: QuotaProposalsTable;
  hiring_requests: HiringRequestsTable;
  agreements: AgreementsTable;
  pay_policies: PayPoliciesTable;
  pay_runs: PayRunsTable;
  pay_slips: PaySlipsTable;
  pay_signoffs: PaySignoffsTable;
  pay_adjustments: PayAdjustmentsTable;
  fund_sources: FundSourcesTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_lines: LedgerLinesTable;
  ledger_balances: LedgerBalancesTable;
  ledger_periods: LedgerPeriodsTable;
  ledger_earmarks: LedgerEarmarksTable;
  budget_lines: BudgetLinesTable;
  budget_applications: BudgetApplicationsTable;
  annual_results: AnnualResultsTable;
  assessment_templates: AssessmentTemplatesTable;
  calendar_days: CalendarDaysTable;
  assessment_sheets: AssessmentSheetsTable;
  assessment_entries: AssessmentEntriesTable;
  assessment_corrections: AssessmentCorrectionsTable;
  key_checks: KeyChecksTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;
