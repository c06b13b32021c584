import {
  normaliseIdNumber,
  type EmploymentBasis,
  type ExitReason,
  type Insurance,
  type PayScheme,
  type PostStatus,
  type PostVersion,
  type SpecialPost,
  type WorkerFilter,
  type WorkerQuery,
} from '@gongyi/domain';
import { sql, type RawBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import type { Executor } from '../../db/database.js';
import { fromFlag, likeEscaped, offsetOf } from '../../db/query-helpers.js';
import type { Keyring } from '../crypto/keyring.js';
import { idHash, idTailHash } from './person-codec.js';

/** Posts `p` with the names a roster row shows. */
export function postsWithNames(db: Executor, townId: string) {
  return db
    .selectFrom('posts as p')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .innerJoin('categories as g', (j) => j.onRef('g.town_id', '=', 't.town_id').onRef('g.id', '=', 't.category_id'))
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.coop_id'))
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'p.town_id').onRef('d.id', '=', 'p.managing_department_id'))
    .leftJoin('communities as m', (j) => j.onRef('m.town_id', '=', 'p.town_id').onRef('m.id', '=', 'p.community_id'))
    .where('p.town_id', '=', townId);
}

export const POST_COLUMNS = [
  'p.id',
  'p.employment_id',
  'p.person_id',
  'p.person_name',
  'p.team_id',
  't.name as team_name',
  'g.name as category_name',
  'c.name as coop_name',
  'p.managing_department_id',
  'd.name as department_name',
  'p.duty',
  'p.community_id',
  'm.name as community_name',
  'p.special_post',
  'p.field_or_hazardous',
  'p.off_roster',
  'p.pay_scheme',
  'p.legacy_base_fen',
  'p.legacy_bonus_fen',
  'p.employment_basis',
  'p.insurance',
  'p.start_date',
  'p.status',
  'p.exit_reason',
  'p.note',
  'p.valid_from',
  'p.valid_to',
  'p.created_at',
  'p.created_by',
] as const;

/** POST_COLUMNS without the names (the columns of posts itself). */
const POST_OWN_COLUMNS = [
  'p.id', 'p.employment_id', 'p.person_id', 'p.person_name', 'p.team_id', 'p.managing_department_id', 'p.duty', 'p.community_id',
  'p.special_post', 'p.field_or_hazardous', 'p.off_roster', 'p.pay_scheme', 'p.legacy_base_fen', 'p.legacy_bonus_fen',
  'p.employment_basis', 'p.insurance', 'p.start_date', 'p.status', 'p.exit_reason', 'p.note', 'p.valid_from', 'p.valid_to',
  'p.created_at', 'p.created_by',
] as const;

/** A post version with the names of its team, category, coop, unit and community. */
export type PostViewRow = Omit<Row<'posts'>, 'town_id' | 'person_id' | 'person_name' | 'is_current'> & {
  team_name: string;
  category_name: string;
  coop_name: string;
  department_name: string;
  community_name: string | null;
};

export function toPostVersion(r: PostViewRow): PostVersion {
  return {
    id: r.id,
    employmentId: r.employment_id,
    teamId: r.team_id,
    teamName: r.team_name,
    categoryName: r.category_name,
    coopName: r.coop_name,
    managingDepartmentId: r.managing_department_id,
    managingDepartmentName: r.department_name,
    duty: r.duty,
    communityId: r.community_id,
    communityName: r.community_name ?? null,
    specialPost: r.special_post as SpecialPost | null,
    fieldOrHazardous: fromFlag(r.field_or_hazardous),
    offRoster: fromFlag(r.off_roster),
    payScheme: r.pay_scheme as PayScheme,
    legacyBaseFen: r.legacy_base_fen,
    legacyBonusFen: r.legacy_bonus_fen,
    employmentBasis: r.employment_basis as EmploymentBasis,
    insurance: r.insurance as Insurance,
    startDate: r.start_date,
    status: r.status as PostStatus,
    exitReason: r.exit_reason as ExitReason | null,
    note: r.note,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** The caller's data scope as a condition on posts `p` (worker-scope.ts); null = whole town. */
export type ScopeCondition = (eb: PostsBuilder) => Expression<SqlBool> | null;
type PostsBuilder = ExpressionBuilder<DB & { p: DB['posts'] }, 'p'>;

/** The roster's rows: current posts with their people, filtered, scoped, sorted and paged. */
/** Current posts matching the filters, with their people and names (exports, facets). */
function filteredRoster(db: Executor, keyring: Keyring, townId: string, f: WorkerFilter, scope: ScopeCondition) {
  return postsWithNames(db, townId)
    .innerJoin('persons as per', (j) => j.onRef('per.town_id', '=', 'p.town_id').onRef('per.id', '=', 'p.person_id'))
    .where('p.is_current', '=', 1)
    .where('p.id', 'in', rosterPosts(db, keyring, townId, f, scope).select('p.id'));
}

/**
 * The roster's filters on current posts `p` alone: organisation and person filters are
 * subqueries, so a page of keys or a count reads one posts index and joins nothing.
 */
function rosterPosts(db: Executor, keyring: Keyring, townId: string, f: WorkerFilter, scope: ScopeCondition) {
  let q = db.selectFrom('posts as p').where('p.town_id', '=', townId).where('p.is_current', '=', 1);
  q = q.where((eb) => scope(eb as unknown as PostsBuilder) ?? sql<SqlBool>`1 = 1`);
  const persons = () => db.selectFrom('persons as per').select('per.id').where('per.town_id', '=', townId);
  const teams = () => db.selectFrom('teams as t').select('t.id').where('t.town_id', '=', townId);
  if (f.q) q = q.where(likeEscaped('p.person_name', f.q));
  if (f.idTail) q = q.where('p.person_id', 'in', persons().where('per.id_tail_hash', '=', idTailHash(keyring, f.idTail)));
  if (f.idNumber) q = q.where('p.person_id', 'in', persons().where('per.id_hash', '=', idHash(keyring, normaliseIdNumber(f.idNumber))));
  if (f.teamId) q = q.where('p.team_id', '=', f.teamId);
  if (f.categoryId) q = q.where('p.team_id', 'in', teams().where('t.category_id', '=', f.categoryId));
  if (f.coopId) q = q.where('p.team_id', 'in', teams().where('t.coop_id', '=', f.coopId));
  if (f.communityId) q = q.where('p.community_id', '=', f.communityId);
  if (f.departmentId) q = q.where('p.managing_department_id', '=', f.departmentId);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.payScheme) q = q.where('p.pay_scheme', '=', f.payScheme);
  switch (f.flag) {
    case 'special_post':
      q = q.where('p.special_post', 'is not', null);
      break;
    case 'field_or_hazardous':
      q = q.where('p.field_or_hazardous', '=', 1);
      break;
    case 'insurance_gap':
      q = q.where('p.field_or_hazardous', '=', 1).where('p.insurance', '!=', 'community_comprehensive');
      break;
    case 'off_roster':
      q = q.where('p.off_roster', '=', 1);
      break;
    case 'legacy_pay':
      q = q.where('p.pay_scheme', '=', 'legacy');
      break;
    case 'shared_contact':
      q = q.where('p.person_id', 'in', (eb) =>
        eb
          .selectFrom('persons as per')
          .select('per.id')
          .where('per.town_id', '=', townId)
          .where((e) =>
            e.exists(
              e
                .selectFrom('persons as o')
                .select('o.id')
                .whereRef('o.town_id', '=', 'per.town_id')
                .whereRef('o.id', '!=', 'per.id')
                .where((x) => x.or([x('o.phone_hash', '=', x.ref('per.phone_hash')), x('o.bank_account_hash', '=', x.ref('per.bank_account_hash'))])),
            ),
          ),
      );
      break;
  }
  return q;
}

const SORT_COLUMNS = {
  name: 'p.person_name',
  team: 't.sort_order',
  startDate: 'p.start_date',
  status: 'p.status',
  birthDate: 'per.birth_date',
} as const;

/** The sort key of a page, read from posts alone (team order and birth date by subquery). */
function sortKey(q: WorkerQuery): RawBuilder<string | number> {
  switch (q.sort) {
    case 'team':
      return sql<number>`(select t.sort_order from teams t where t.town_id = p.town_id and t.id = p.team_id)`;
    case 'birthDate':
      return sql<string>`(select per.birth_date from persons per where per.town_id = p.town_id and per.id = p.person_id)`;
    default:
      return sql<string>`${sql.ref(SORT_COLUMNS[q.sort])}`;
  }
}

/**
 * One page of the roster in two steps: the page's keys from posts alone (LIMIT/OFFSET walks one
 * index, no joins for the skipped rows), then those 20 posts with their person and names. Names come
 * from scalar subqueries rather than joins: PostgreSQL spends ~9 ms planning a 7-table join (the
 * query itself runs in under 1 ms); subqueries are planned one by one in well under 1 ms.
 */
export function rosterPage(db: Executor, keyring: Keyring, townId: string, q: WorkerQuery, scope: ScopeCondition) {
  // By name the order is exactly posts_current_name_idx (town_id, is_current, person_name, id): no sort.
  const byName = q.sort === 'name';
  const keys = rosterPosts(db, keyring, townId, q, scope)
    .select(['p.id', sortKey(q).as('sort_key')])
    .$if(byName, (b) => b.orderBy('p.person_name', q.order).orderBy('p.id', q.order))
    .$if(!byName, (b) => b.orderBy('sort_key', q.order).orderBy('p.person_name').orderBy('p.id'))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const name = (table: 'teams' | 'departments' | 'communities', column: 'p.team_id' | 'p.managing_department_id' | 'p.community_id') =>
    sql<string | null>`(select x.name from ${sql.table(table)} x where x.town_id = p.town_id and x.id = ${sql.ref(column)})`;
  const teamPart = (table: 'categories' | 'coops', column: 'category_id' | 'coop_id') =>
    sql<string>`(select x.name from teams t join ${sql.table(table)} x on x.town_id = t.town_id and x.id = t.${sql.ref(column)} where t.town_id = p.town_id and t.id = p.team_id)`;
  return db
    .with('page', () => keys)
    .selectFrom('page')
    .innerJoin('posts as p', (j) => j.on('p.town_id', '=', townId).onRef('p.id', '=', 'page.id'))
    .innerJoin('persons as per', (j) => j.onRef('per.town_id', '=', 'p.town_id').onRef('per.id', '=', 'p.person_id'))
    .select([
      ...POST_OWN_COLUMNS,
      sql<string>`${name('teams', 'p.team_id')}`.as('team_name'),
      teamPart('categories', 'category_id').as('category_name'),
      teamPart('coops', 'coop_id').as('coop_name'),
      sql<string>`${name('departments', 'p.managing_department_id')}`.as('department_name'),
      name('communities', 'p.community_id').as('community_name'),
      'per.id_cipher',
      'per.birth_date',
      'per.sex',
      'per.phone_cipher',
      'per.phone_hash',
      'per.bank_account_hash',
    ])
    .orderBy('page.sort_key', q.order)
    .orderBy('p.person_name', byName ? q.order : 'asc')
    .orderBy('p.id', byName ? q.order : 'asc')
    .execute();
}

export async function rosterCount(db: Executor, keyring: Keyring, townId: string, f: WorkerFilter, scope: ScopeCondition): Promise<number> {
  const r = await rosterPosts(db, keyring, townId, f, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every matching row for the export (bounded by the caller). */
export function rosterAll(db: Executor, keyring: Keyring, townId: string, f: WorkerFilter, scope: ScopeCondition, limit: number) {
  return filteredRoster(db, keyring, townId, f, scope)
    .select([...POST_COLUMNS, 'per.id_cipher', 'per.birth_date', 'per.sex', 'per.phone_cipher', 'per.phone_hash', 'per.bank_account_hash', 'per.bank_account_cipher'])
    .orderBy('t.sort_order')
    .orderBy('p.person_name')
    .limit(limit)
    .execute();
}

const FACET_COLUMNS = {
  status: ['p.status', 'status'],
  payScheme: ['p.pay_scheme', 'payScheme'],
  teams: ['p.team_id', 'teamId'],
  categories: ['t.category_id', 'categoryId'],
  coops: ['t.coop_id', 'coopId'],
  communities: ['p.community_id', 'communityId'],
  departments: ['p.managing_department_id', 'departmentId'],
} as const;
export type Facet = keyof typeof FACET_COLUMNS;

/** Counts per value of each filter, under the other filters (each facet ignores its own filter). */
export async function rosterFacets(db: Executor, keyring: Keyring, townId: string, f: WorkerFilter, scope: ScopeCondition) {
  const result = {} as Record<Facet, { value: string | null; count: number }[]>;
  for (const [facet, [column, own]] of Object.entries(FACET_COLUMNS) as [Facet, (typeof FACET_COLUMNS)[Facet]][]) {
    const rows = await filteredRoster(db, keyring, townId, { ...f, [own]: undefined }, scope)
      .select([sql.ref<string | null>(column).as('value'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(column)
      .execute();
    result[facet] = rows.map((r) => ({ value: r.value, count: Number(r.n) }));
  }
  return result;
}

/** Which of these people share a phone or bank account with someone else in the town. */
export async function sharedContacts(db: Executor, townId: string, people: { id: string; phone_hash: string | null; bank_account_hash: string | null }[]): Promise<Set<string>> {
  const phones = people.map((p) => p.phone_hash).filter((h): h is string => h !== null);
  const banks = people.map((p) => p.bank_account_hash).filter((h): h is string => h !== null);
  if (phones.length + banks.length === 0) return new Set();
  // Two lookups, each on its own index: one query with OR would scan every person of the town.
  const [byPhone, byBank] = await Promise.all([
    phones.length ? db.selectFrom('persons').select(['id', 'phone_hash', 'bank_account_hash']).where('town_id', '=', townId).where('phone_hash', 'in', phones).execute() : [],
    banks.length ? db.selectFrom('persons').select(['id', 'phone_hash', 'bank_account_hash']).where('town_id', '=', townId).where('bank_account_hash', 'in', banks).execute() : [],
  ]);
  const rows = [...byPhone, ...byBank];
  const shared = new Set<string>();
  for (const p of people) {
    if (rows.some((r) => r.id !== p.id && ((p.phone_hash && r.phone_hash === p.phone_hash) || (p.bank_account_hash && r.bank_account_hash === p.bank_account_hash)))) shared.add(p.id);
  }
  return shared;
}

/**
 * Everyone in the town who shares a phone or bank account with someone else: one pass over the
 * town's hashes (two GROUP BYs on their indexes), cached per roster stamp by the service.
 */
export async function sharedContactPeople(db: Executor, townId: string): Promise<Set<string>> {
  const repeated = (column: 'phone_hash' | 'bank_account_hash') =>
    db.selectFrom('persons as r').select(`r.${column}`).where('r.town_id', '=', townId).where(`r.${column}`, 'is not', null).groupBy(`r.${column}`).having((eb) => eb.fn.countAll(), '>', 1);
  const rows = await db
    .selectFrom('persons as per')
    .select('per.id')
    .where('per.town_id', '=', townId)
    .where((eb) => eb.or([eb('per.phone_hash', 'in', repeated('phone_hash')), eb('per.bank_account_hash', 'in', repeated('bank_account_hash'))]))
    .execute();
  return new Set(rows.map((r) => r.id));
}
