import {
  hasInsuranceGap,
  shanghaiTimestamp,
  type CreateWorker,
  type Page,
  type PayScheme,
  type PostStatus,
  type Person,
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
import type { Row } from '../../db/schema.js';
import { changedFields, patchColumns } from '../../db/patch-columns.js';
import { lockRow, toPage } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { duplicate, notFound, ruleViolation } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, type Action } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import { boundedCache, cachedCount } from './count-cache.js';
import { decodePerson, idHash, maskedNumbers, maskedPerson, personPatchColumns } from './person-codec.js';
import { checkPayScheme, checkPostReferences, nextPostVersion } from './post-rules.js';
import * as roster from './roster.repository.js';
import * as repo from './workers.repository.js';
import { insertWorkers } from './insert-workers.js';
import { countReveal, type RevealRefusal } from './reveal-limit.js';
import { assertNotActiveElsewhere, assertPostsInScope, scopeFor } from './worker-guards.js';
import { assertWithinQuota } from '../staffing/quota.service.js';

const WORKER = { zh: '从业人员', en: 'Worker' };
export const EXPORT_LIMIT = 200_000;

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
export async function requireWorkerInScope(ctx: ReadContext, townId: string, personId: string, action: Action): Promise<Row<'persons'>> {
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
 * 修改个人信息 (#13 item 1): only the fields sent and changed are written (a number not sent keeps
 * its very ciphertext); the audit names the changed fields, numbers masked.
 */
export async function updatePerson(ctx: MutationContext, townId: string, personId: string, input: PersonUpdate): Promise<WorkerDetail> {
  authorize(ctx.actor, 'worker.manage');
  // #13: two edits of one person take turns, each comparing with what the other wrote.
  await lockRow(ctx, 'persons', townId, personId);
  const row = await requireWorkerInScope(ctx, townId, personId, 'worker.manage');
  const changes = changedFields(input, decodePerson(ctx.keyring, row));
  const changed = Object.keys(changes);
  const before = await getWorker(ctx, townId, personId);
  if (changed.length > 0) {
    await repo.updatePersonRow(ctx.db, townId, personId, { ...patchColumns(changes, personPatchColumns(ctx.keyring)), updated_at: shanghaiTimestamp(ctx.clock.now()) });
  }
  const after = await getWorker(ctx, townId, personId);
  await auditWorker(ctx, townId, 'worker.person.update', personId, shownFields(before.person, changed), { changed, ...shownFields(after.person, changed) });
  return after;
}

/** Fields of a person as responses show them: a number under its masked name (phone → phoneMasked). */
function shownFields(person: Person, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => (f in person ? f : `${f}Masked`)).map((key) => [key, person[key as keyof Person]]));
}

/** A dated change of the post: transfer, new managing unit, pay scheme (R12), suspension or exit. */
export async function changePost(ctx: MutationContext, townId: string, personId: string, change: PostChange): Promise<WorkerDetail> {
  authorize(ctx.actor, 'worker.manage');
  // #13: a dated post change moves the person's current post: their row is locked before it is read.
  await lockRow(ctx, 'persons', townId, personId);
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
export async function revealField(ctx: MutationContext, townId: string, personId: string, input: Reveal): Promise<{ field: string; value: string | null } | RevealRefusal> {
  authorize(ctx.actor, 'worker.reveal');
  const row = await requireWorkerInScope(ctx, townId, personId, 'worker.reveal');
  const refusal = await countReveal(ctx, townId, personId, input.field);
  if (refusal) return refusal;
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
