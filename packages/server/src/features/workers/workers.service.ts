import {
  hasInsuranceGap,
  shanghaiTimestamp,
  type CreateWorker,
  type Page,
  type PayScheme,
  type PostStatus,
  type PersonInput,
  type PersonUpdate,
  type PostChange,
  type PostVersion,
  type Reveal,
  type WorkerDetail,
  type WorkerFacets,
  type WorkerFilter,
  type WorkerFlag,
  type WorkerQuery,
  type WorkerRow,
} from '@gongyi/domain';
import { sql, type SqlBool } from 'kysely';
import type { BulkColumn } from '../../db/bulk-rows.js';
import type { Row } from '../../db/schema.js';
import { toPage } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { AppError, duplicate, notFound, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, grantsFor, type Action } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import { boundedCache, cachedCount } from './count-cache.js';
import { decodePerson, encodePerson, encodePersonValues, idHash, maskedNumbers, maskedPerson, PERSON_COLUMNS, personValues } from './person-codec.js';
import { SEAL_OUT, startSealer, type Sealer } from './parallel-seal.js';
import { checkPayScheme, checkPostReferences, newPostRow, nextPostVersion } from './post-rules.js';
import * as roster from './roster.repository.js';
import * as repo from './workers.repository.js';
import { workerScope } from './worker-scope.js';
import { assertWithinQuota } from '../staffing/quota.service.js';

const WORKER = { zh: '从业人员', en: 'Worker' };
export const EXPORT_LIMIT = 200_000;

async function personOfUser(ctx: ReadContext): Promise<string | null> {
  if (ctx.actor.kind !== 'user' || !ctx.actor.townId) return null;
  // The request gate reads it with the session; other callers (CLI, tests) may not have.
  if (ctx.actor.personId !== undefined) return ctx.actor.personId;
  const row = await ctx.db.selectFrom('users').select('person_id').where('town_id', '=', ctx.actor.townId).where('id', '=', ctx.actor.id).executeTakeFirst();
  return row?.person_id ?? null;
}

/** The caller's scope for `action` as a SQL condition on posts (see worker-scope.ts). */
async function scopeFor(ctx: ReadContext, action: Action): Promise<{ condition: roster.ScopeCondition; key: string }> {
  const self = await personOfUser(ctx);
  const on = today(ctx.clock);
  const key = ctx.actor.kind === 'system' ? 'system' : JSON.stringify([ctx.actor.grants.map((g) => [g.role, g.scopeKind, g.scopeId]), self, on]);
  return { condition: (eb) => workerScope(eb, ctx.actor, action, on, self), key };
}

/** The town's shared-contact people per roster version (it moves on every change to workers). */
const sharedPeople = boundedCache<Set<string>>(50);
/** Whole roster pages per roster version, scope and query: a page revisited costs no query and no decryption. */
const cachedPage = boundedCache<Page<WorkerRow>>(1000);

type RosterRow = Awaited<ReturnType<typeof roster.rosterPage>>[number];

function toWorkerRow(ctx: ReadContext, r: RosterRow, shared: boolean): WorkerRow {
  const post = roster.toPostVersion(r);
  return {
    personId: r.person_id,
    name: r.person_name,
    ...maskedNumbers(ctx.keyring, r),
    sex: r.sex as 'male' | 'female',
    birthDate: r.birth_date,
    post,
    flags: flagsOf(post, shared),
  };
}

function flagsOf(post: PostVersion | null, shared: boolean): WorkerFlag[] {
  const flags: WorkerFlag[] = [];
  if (post?.specialPost) flags.push('special_post');
  if (post?.fieldOrHazardous) flags.push('field_or_hazardous');
  if (post && hasInsuranceGap(post)) flags.push('insurance_gap');
  if (post?.offRoster) flags.push('off_roster');
  if (post?.payScheme === 'legacy') flags.push('legacy_pay');
  if (shared) flags.push('shared_contact');
  return flags;
}

export async function listWorkers(ctx: ReadContext, townId: string, query: WorkerQuery): Promise<Page<WorkerRow>> {
  authorize(ctx.actor, 'worker.read');
  const scope = await scopeFor(ctx, 'worker.read');
  const version = await repo.rosterVersion(ctx.db, townId);
  return cachedPage(`${townId}:${version}:${scope.key}:${JSON.stringify(query)}`, async () => {
    const { page: _p, pageSize: _s, sort: _o, order: _d, ...filter } = query;
    const rows = await roster.rosterPage(ctx.db, ctx.keyring, townId, query, scope.condition);
    const total = await cachedCount(`${townId}:${version}:${scope.key}:${JSON.stringify(filter)}`, () =>
      roster.rosterCount(ctx.db, ctx.keyring, townId, filter, scope.condition),
    );
    const shared = await sharedPeople(`${townId}:${version}`, () => roster.sharedContactPeople(ctx.db, townId));
    return toPage(rows.map((r) => toWorkerRow(ctx, r, shared.has(r.person_id))), total, query);
  });
}

export async function workerFacets(ctx: ReadContext, townId: string, filter: WorkerFilter): Promise<WorkerFacets> {
  authorize(ctx.actor, 'worker.read');
  const scope = await scopeFor(ctx, 'worker.read');
  const facets = await roster.rosterFacets(ctx.db, ctx.keyring, townId, filter, scope.condition);
  const teams = await ctx.db.selectFrom('teams').select(['id', 'name']).where('town_id', '=', townId).orderBy('sort_order').execute();
  const flagCounts = await Promise.all(
    (['special_post', 'field_or_hazardous', 'insurance_gap', 'off_roster', 'legacy_pay', 'shared_contact'] as const).map(async (value) => ({
      value,
      count: await roster.rosterCount(ctx.db, ctx.keyring, townId, { ...filter, flag: value }, scope.condition),
    })),
  );
  const ids = (list: { value: string | null; count: number }[]) => list.flatMap((r) => (r.value === null ? [] : [{ id: r.value, count: r.count }]));
  return {
    total: await roster.rosterCount(ctx.db, ctx.keyring, townId, filter, scope.condition),
    status: facets.status.map((r) => ({ value: r.value as PostStatus, count: r.count })),
    payScheme: facets.payScheme.map((r) => ({ value: r.value as PayScheme, count: r.count })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, count: facets.teams.find((f) => f.value === t.id)?.count ?? 0 })).filter((t) => t.count > 0),
    categories: ids(facets.categories),
    coops: ids(facets.coops),
    communities: ids(facets.communities),
    departments: ids(facets.departments),
    flags: flagCounts,
  };
}

/** One worker, if inside the caller's scope; a worker outside it is "not found" (no IDOR). */
async function requireWorkerInScope(ctx: ReadContext, townId: string, personId: string, action: Action): Promise<Row<'persons'>> {
  const person = await repo.findPerson(ctx.db, townId, personId);
  if (!person) throw notFound(WORKER);
  const scope = await scopeFor(ctx, action);
  const visible = await roster.postsWithNames(ctx.db, townId)
    .where('p.person_id', '=', personId)
    .where((eb) => scope.condition(eb as never) ?? sql<SqlBool>`1 = 1`)
    .select('p.id')
    .limit(1)
    .executeTakeFirst();
  if (!visible) throw notFound(WORKER);
  return person;
}

export async function getWorker(ctx: ReadContext, townId: string, personId: string): Promise<WorkerDetail> {
  authorize(ctx.actor, 'worker.read');
  const person = await requireWorkerInScope(ctx, townId, personId, 'worker.read');
  const history = (await repo.postHistory(ctx.db, townId, personId)).map(roster.toPostVersion);
  const post = history.find((h) => h.validTo === null) ?? null;
  const shared = await roster.sharedContacts(ctx.db, townId, [person]);
  return { person: maskedPerson(ctx.keyring, person), post, history, flags: flagsOf(post, shared.has(personId)) };
}

/** One person, one active post across every town (the ghost-worker and double-pay control, #4). */
async function assertNotActiveElsewhere(ctx: ReadContext, hashes: string[], field: string): Promise<void> {
  for (let i = 0; i < hashes.length; i += 500) {
    const taken = await repo.activeRegistrations(ctx.db, hashes.slice(i, i + 500));
    if (taken.length > 0) {
      throw ruleViolation(
        { zh: `该身份证号已在${taken[0]!.town_name}在岗（一人只能有一个在岗岗位）。请先在原单位办理离岗。`, en: `This ID number already holds an active post in ${taken[0]!.town_name}.` },
        field,
      );
    }
  }
}

async function auditWorker(ctx: MutationContext, townId: string, action: string, personId: string, before?: unknown, after?: unknown) {
  await recordAudit(ctx, { townId, action, objectType: 'worker', objectId: personId, before, after });
}

/** Registers a worker with a first post, active from its start date (R1, R4, R11, R12, R15, R16). */
export async function createWorker(ctx: MutationContext, townId: string, input: CreateWorker): Promise<WorkerDetail> {
  authorize(ctx.actor, 'worker.manage');
  await requireTown(ctx.db, townId);
  checkPayScheme(input.post, 'post.');
  await checkPostReferences(ctx, townId, input.post, input.post.startDate, 'post.');
  const hash = idHash(ctx.keyring, input.person.idNumber);
  if ((await repo.findPersonsByIdHash(ctx.db, townId, [hash])).length > 0) {
    throw duplicate({ zh: '身份证号', en: 'ID number' }, input.person.idNumber.slice(0, 3) + '…' + input.person.idNumber.slice(-4), 'person.idNumber');
  }
  await assertNotActiveElsewhere(ctx, [hash], 'person.idNumber');
  const { personIds, postIds } = await insertWorkers(ctx, townId, [input]);
  await assertPostsInScope(ctx, townId, postIds, 'worker.manage', 'post.teamId');
  await assertWithinQuota(ctx, townId, [input.post.teamId]);
  const created = await getWorker(ctx, townId, personIds[0]!);
  await auditWorker(ctx, townId, 'worker.create', personIds[0]!, undefined, created);
  return created;
}

/**
 * A scoped clerk (a coop, say) may register workers only into their own scope. The check runs on
 * the new rows inside the request's transaction, with the same SQL scope as every read, so a
 * refusal rolls them back.
 */
async function assertPostsInScope(ctx: MutationContext, townId: string, postIds: string[], action: Action, field: string): Promise<void> {
  // A town-wide grant (or the system) sees every post: nothing to check, and on PostgreSQL the check on
  // rows written in this transaction runs without statistics (a bitmap scan of the town, ~25 ms per 500).
  if (ctx.actor.kind === 'system' || grantsFor(ctx.actor, action).some((g) => g.scopeKind === 'town')) return;
  const scope = await scopeFor(ctx, action);
  for (let i = 0; i < postIds.length; i += 500) {
    const chunk = postIds.slice(i, i + 500);
    const visible = await ctx.db
      .selectFrom('posts as p')
      .where('p.town_id', '=', townId)
      .where('p.id', 'in', chunk)
      .where((eb) => scope.condition(eb) ?? sql<SqlBool>`1 = 1`)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(visible.n) !== chunk.length) {
      throw new AppError('forbidden', { zh: '只能登记或导入本人管辖范围内服务队的人员。请检查所属队伍。', en: 'You may add workers only within your scope.' }, field);
    }
  }
}

/**
 * Rows encoded and written at a time (a 100k import never holds every encrypted row at once), and
 * the number of rows from which a worker thread seals them (parallel-seal.ts; on fewer, starting it
 * costs more than it saves). Tests lower both and wait for the worker to start, so a small file
 * runs through it.
 */
export const BULK_WORKERS = { chunk: 5000, sealOnWorkerFrom: 10_000, waitForSealer: false };

const text = (c: string): BulkColumn => [c, 'text'];
const PERSON_INSERT: readonly BulkColumn[] = [text('town_id'), text('id'), ...PERSON_COLUMNS.map(text), text('created_at'), text('updated_at')];
/** Every posts column with its type (the compiler checks none is missing), in insert order. */
const POST_TYPES = {
  town_id: 'text', id: 'text', person_id: 'text', employment_id: 'text', person_name: 'text', team_id: 'text', managing_department_id: 'text',
  duty: 'text', community_id: 'text', special_post: 'text', field_or_hazardous: 'integer', off_roster: 'integer', pay_scheme: 'text',
  legacy_base_fen: 'integer', legacy_bonus_fen: 'integer', employment_basis: 'text', insurance: 'text', start_date: 'text', status: 'text',
  exit_reason: 'text', note: 'text', valid_from: 'text', valid_to: 'text', is_current: 'integer', created_at: 'text', created_by: 'text',
} as const satisfies Record<keyof Row<'posts'>, BulkColumn[1]>;
const POST_INSERT = Object.entries(POST_TYPES) as BulkColumn[];
const POST_NAMES = POST_INSERT.map(([c]) => c as keyof Row<'posts'>);
const REGISTER_INSERT: readonly BulkColumn[] = ['id_hash', 'town_id', 'person_id', 'employment_id', 'since'].map(text);

/**
 * Bulk insert of new workers (used by create, import and the demo): each row's values straight into
 * arrays, no row objects. With a `sealer` (importWorkers), its worker thread seals the numbers of the
 * next chunks while this thread inserts one; until the worker has started, this thread seals its
 * chunks itself.
 */
async function insertWorkers(
  ctx: MutationContext,
  townId: string,
  rows: CreateWorker[],
  idHashes?: string[],
  sealer?: Sealer | null,
  /** The rows' numbers sealed already (the import's worker thread did it), SEAL_OUT values a row. */
  presealed?: SealedNumbers,
): Promise<{ personIds: string[]; postIds: string[] }> {
  const now = shanghaiTimestamp(ctx.clock.now());
  const personIds: string[] = [];
  const postIds: string[] = [];
  const idHashAt = PERSON_COLUMNS.indexOf('id_hash');
  const { chunk } = BULK_WORKERS;
  const jobs = new Map<number, Promise<(string | null)[]>>();
  const request = (start: number) => {
    if (start < rows.length && !jobs.has(start)) {
      const end = Math.min(rows.length, start + chunk);
      jobs.set(start, sealer!.seal(rows.slice(start, end).map((r) => r.person), idHashes?.slice(start, end)));
    }
  };
  if (sealer && BULK_WORKERS.waitForSealer) await sealer.whenReady();
  for (let start = 0; start < rows.length; start += chunk) {
    // Two chunks in flight once the worker runs: it is never idle while this thread inserts.
    if (sealer?.ready() && !presealed) {
      request(start + chunk);
      request(start + 2 * chunk);
    }
    const sealed = jobs.get(start);
    jobs.delete(start);
    const numbers = presealed ?? (sealed ? await sealed : null);
    const offset = presealed ? 0 : start;
    const persons: unknown[][] = [];
    const posts: unknown[][] = [];
    const register: unknown[][] = [];
    for (let i = start; i < Math.min(rows.length, start + chunk); i++) {
      const row = rows[i]!;
      const id = ctx.newId();
      const encoded = numbers ? personValues(row.person, numbers, (i - offset) * SEAL_OUT) : encodePersonValues(ctx.keyring, row.person, idHashes?.[i]);
      persons.push([townId, id, ...encoded, now, now]);
      const post = newPostRow(ctx, townId, id, row.person.name, row.post, ctx.newId());
      post.created_at = now;
      posts.push(POST_NAMES.map((c) => post[c]));
      register.push([encoded[idHashAt], townId, id, post.employment_id, row.post.startDate]);
      personIds.push(id);
      postIds.push(post.id);
    }
    await ctx.insertValues('persons', PERSON_INSERT, persons);
    await ctx.insertValues('posts', POST_INSERT, posts);
    await ctx.insertValues('active_id_register', REGISTER_INSERT, register);
  }
  await repo.bumpRosterStamp(ctx.db, townId);
  return { personIds, postIds };
}

export async function updatePerson(ctx: MutationContext, townId: string, personId: string, input: PersonUpdate): Promise<WorkerDetail> {
  authorize(ctx.actor, 'worker.manage');
  const row = await requireWorkerInScope(ctx, townId, personId, 'worker.manage');
  const before = await getWorker(ctx, townId, personId);
  const merged: PersonInput = { ...decodePerson(ctx.keyring, row), ...input };
  await repo.updatePersonRow(ctx.db, townId, personId, { ...encodePerson(ctx.keyring, merged), updated_at: shanghaiTimestamp(ctx.clock.now()) });
  const after = await getWorker(ctx, townId, personId);
  await auditWorker(ctx, townId, 'worker.person.update', personId, before.person, after.person);
  return after;
}

/** A dated change of the post: transfer, new managing unit, pay scheme (R12), suspension or exit. */
export async function changePost(ctx: MutationContext, townId: string, personId: string, change: PostChange): Promise<WorkerDetail> {
  authorize(ctx.actor, 'worker.manage');
  const person = await requireWorkerInScope(ctx, townId, personId, 'worker.manage');
  const current = await repo.currentPost(ctx.db, townId, personId);
  if (!current) throw notFound({ zh: '该人员的岗位', en: 'The post' });
  refuseStaffingChanges(current, change);
  const { closeOn, next } = nextPostVersion(ctx, current, change);
  await checkPostReferences(ctx, townId, { teamId: next.team_id, managingDepartmentId: next.managing_department_id, communityId: next.community_id }, change.validFrom, '');
  await repo.closePost(ctx.db, townId, current.id, closeOn);
  await ctx.insertRows('posts', [{ ...next, created_at: shanghaiTimestamp(ctx.clock.now()) }]);
  if (next.status === 'exited') await repo.unregister(ctx.db, person.id_hash);
  await repo.bumpRosterStamp(ctx.db, townId);
  const after = await getWorker(ctx, townId, personId);
  await auditWorker(ctx, townId, next.status === 'exited' ? 'worker.exit' : 'worker.post.change', personId, roster.toPostVersion(await postView(ctx, townId, current.id)), after.post);
  return after;
}

/** R10: exits and transfers change the headcount, so they go through their own steps (features/staffing). */
function refuseStaffingChanges(current: Row<'posts'>, change: PostChange): void {
  if (change.status === 'exited') {
    throw ruleViolation({ zh: '离岗请通过“办理离岗”（终止协议、空出岗位，R10）。', en: 'Record exits with “Exit” (R10).' }, 'status');
  }
  if (change.teamId !== undefined && change.teamId !== current.team_id) {
    throw ruleViolation({ zh: '调队须经镇人事部门批准，请提交“调队申请”（R10 一出一进）。', en: 'A transfer between teams needs town HR approval: file a transfer request (R10).' }, 'teamId');
  }
}

async function postView(ctx: ReadContext, townId: string, postId: string) {
  return roster.postsWithNames(ctx.db, townId).where('p.id', '=', postId).select(roster.POST_COLUMNS).executeTakeFirstOrThrow();
}

/** Shows one number in clear to a grant that allows it; every reveal is audited (#3, #4). */
export async function revealField(ctx: MutationContext, townId: string, personId: string, input: Reveal): Promise<{ field: string; value: string | null }> {
  authorize(ctx.actor, 'worker.reveal');
  const row = await requireWorkerInScope(ctx, townId, personId, 'worker.reveal');
  const value = decodePerson(ctx.keyring, row)[input.field];
  await recordAudit(ctx, { townId, action: 'worker.reveal', objectType: 'worker', objectId: personId, after: { field: input.field } });
  return { field: input.field, value };
}

/** The roster for the xlsx export, masked; the export itself is audited. */
export async function exportWorkers(ctx: MutationContext, townId: string, filter: WorkerFilter): Promise<WorkerRow[]> {
  authorize(ctx.actor, 'worker.export');
  const scope = await scopeFor(ctx, 'worker.export');
  const rows = await roster.rosterAll(ctx.db, ctx.keyring, townId, filter, scope.condition, EXPORT_LIMIT);
  await recordAudit(ctx, { townId, action: 'worker.export', objectType: 'roster', objectId: townId, after: { filters: filter, rows: rows.length } });
  const shared = await roster.sharedContacts(ctx.db, townId, rows.map((r) => ({ id: r.person_id, phone_hash: r.phone_hash, bank_account_hash: r.bank_account_hash })));
  return rows.map((r) => toWorkerRow(ctx, r, shared.has(r.person_id)));
}

// ---------- import (features/import) ----------

const FIELD_LABELS: Record<string, string> = {
  name: '姓名', phone: '联系电话', householdRegistration: '户籍', address: '住址', bankName: '开户银行', bankAccount: '银行卡号',
  education: '学历', disabilityCertificate: '残疾证号', emergencyContactName: '紧急联系人', emergencyContactPhone: '紧急联系电话',
  teamId: '所属队伍', managingDepartmentId: '日常管理单位', duty: '岗位', communityId: '村居', specialPost: '特殊岗位',
  fieldOrHazardous: '野外作业', offRoster: '编外', payScheme: '待遇办法', insurance: '参保类型', startDate: '入职日期',
  legacyBaseFen: '原月基本工资', legacyBonusFen: '原月奖金', employmentBasis: '用工方式',
};

/** Post fields an import compares with the stored current post. */
const POST_COLUMN_OF = {
  teamId: 'team_id',
  managingDepartmentId: 'managing_department_id',
  duty: 'duty',
  communityId: 'community_id',
  specialPost: 'special_post',
  fieldOrHazardous: 'field_or_hazardous',
  offRoster: 'off_roster',
  payScheme: 'pay_scheme',
  legacyBaseFen: 'legacy_base_fen',
  legacyBonusFen: 'legacy_bonus_fen',
  employmentBasis: 'employment_basis',
  insurance: 'insurance',
  startDate: 'start_date',
} as const satisfies Partial<Record<keyof CreateWorker['post'], keyof Row<'posts'>>>;

/**
 * The fields an import compares with the stored person and post: those its sheet has a column for
 * (a column the sheet lacks says nothing about the stored value; its default must not read as a
 * difference). Undefined: every field, for rows given whole (the JSON API).
 */
export type ComparedFields = ReadonlySet<string>;

/** Existing people of the town with these ID numbers, and how an imported row differs from each. */
export async function matchExisting(
  ctx: ReadContext,
  townId: string,
  idNumbers: string[],
  hashes = idNumbers.map((n) => idHash(ctx.keyring, n)),
): Promise<Map<string, { personId: string; differences(row: CreateWorker, compared?: ComparedFields): string[] }>> {
  const found = new Map<string, { personId: string; differences(row: CreateWorker, compared?: ComparedFields): string[] }>();
  for (let i = 0; i < hashes.length; i += 500) {
    const persons = await repo.findPersonsByIdHash(ctx.db, townId, hashes.slice(i, i + 500));
    if (persons.length === 0) continue;
    const posts = await repo.currentPostsOf(ctx.db, townId, persons.map((p) => p.id));
    for (const p of persons) {
      const clear = decodePerson(ctx.keyring, p);
      const post = posts.find((x) => x.person_id === p.id);
      found.set(clear.idNumber, {
        personId: p.id,
        differences: (row, compared) => {
          const diffs = (Object.keys(row.person) as (keyof PersonInput)[]).filter((k) => k !== 'idNumber' && (!compared || compared.has(k)) && (row.person[k] ?? null) !== (clear[k] ?? null));
          const postDiffs = post
            ? (Object.keys(POST_COLUMN_OF) as (keyof typeof POST_COLUMN_OF)[]).filter((k) => {
                if (compared && !compared.has(k)) return false;
                const stored = post[POST_COLUMN_OF[k]];
                const given = row.post[k];
                return (typeof given === 'boolean' ? Number(given) : (given ?? null)) !== stored;
              })
            : [];
          return [...diffs, ...postDiffs].map((k) => FIELD_LABELS[k] ?? k);
        },
      });
    }
  }
  return found;
}

export interface ImportCounts {
  created: number;
  unchanged: number;
  skipped: number;
}

/** A batch's numbers as sealNumbers returns them, SEAL_OUT values a row in the batch's order. */
export type SealedNumbers = readonly (string | null)[];

/** An import in the caller's transaction, fed batch by batch (a large file's rows as they are checked). */
export interface WorkerImport {
  /** Adds the next rows; `hashes` are their ID hashes and `sealed` their sealed numbers when the caller has them. */
  add(rows: CreateWorker[], hashes?: string[], sealed?: SealedNumbers): Promise<void>;
  /** Checks the scope and the quota (R10) over every batch; the counts. */
  finish(): Promise<ImportCounts>;
}

/**
 * New ID numbers become workers; rows whose ID is already in the town create nothing (unchanged
 * when equal, skipped when they differ).
 */
export function startWorkerImport(ctx: MutationContext, townId: string, sealer: Sealer | null = null, compared?: ComparedFields): WorkerImport {
  authorize(ctx.actor, 'worker.import');
  const counts: ImportCounts = { created: 0, unchanged: 0, skipped: 0 };
  const postIds: string[] = [];
  const teamIds = new Set<string>();
  let townChecked = false;
  return {
    async add(rows, knownHashes, sealed) {
      if (!townChecked) await requireTown(ctx.db, townId);
      townChecked = true;
      // Each ID is hashed once (an HMAC costs ~5 µs: 100k rows hashed four times cost ~1.5 s).
      const hashes = knownHashes ?? rows.map((r) => idHash(ctx.keyring, r.person.idNumber));
      const existing = await matchExisting(ctx, townId, rows.map((r) => r.person.idNumber), hashes);
      const freshAt = rows.flatMap((r, i) => (existing.has(r.person.idNumber) ? [] : [i]));
      const fresh = freshAt.map((i) => rows[i]!);
      const differing = rows.filter((r) => (existing.get(r.person.idNumber)?.differences(r, compared).length ?? 0) > 0).length;
      counts.created += fresh.length;
      counts.skipped += differing;
      counts.unchanged += rows.length - fresh.length - differing;
      for (const [i, row] of fresh.entries()) checkPayScheme(row.post, `rows.${i}.post.`);
      const freshHashes = freshAt.map((i) => hashes[i]!);
      await assertNotActiveElsewhere(ctx, freshHashes, 'rows');
      if (fresh.length === 0) return;
      const freshSealed = sealed && fresh.length < rows.length ? freshAt.flatMap((i) => sealed.slice(i * SEAL_OUT, (i + 1) * SEAL_OUT)) : sealed;
      const inserted = await insertWorkers(ctx, townId, fresh, freshHashes, sealer, freshSealed);
      postIds.push(...inserted.postIds);
      for (const row of fresh) teamIds.add(row.post.teamId);
    },
    async finish() {
      if (postIds.length > 0) {
        await assertPostsInScope(ctx, townId, postIds, 'worker.import', 'rows');
        await assertWithinQuota(ctx, townId, [...teamIds], 'rows');
      }
      return counts;
    },
  };
}

/** Imports rows in the caller's transaction (startWorkerImport, one batch). */
export async function importWorkers(
  ctx: MutationContext,
  townId: string,
  rows: CreateWorker[],
  /** The rows' ID hashes when the caller has them (the file import computes them in its checks). */
  knownHashes?: string[],
  compared?: ComparedFields,
): Promise<ImportCounts> {
  authorize(ctx.actor, 'worker.import');
  // Started first: the worker loads while the checks run (it is only used when rows are written).
  const sealer = rows.length >= BULK_WORKERS.sealOnWorkerFrom ? startSealer(ctx.keyring) : null;
  try {
    const batch = startWorkerImport(ctx, townId, sealer, compared);
    await batch.add(rows, knownHashes);
    return await batch.finish();
  } finally {
    await sealer?.close();
  }
}
