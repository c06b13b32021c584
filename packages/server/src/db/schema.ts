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
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  before_json: string | null;
  after_json: string | null;
  ip: Generated<string>;
  request_id: Generated<string>;
  result: string;
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
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;
