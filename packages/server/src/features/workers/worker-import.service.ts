import type { CreateWorker, PersonInput } from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { authorize } from '../policy.js';
import { assertWithinQuota } from '../staffing/quota.service.js';
import { requireTown } from '../towns/towns.repository.js';
import { BULK_WORKERS, insertWorkers, type SealedNumbers } from './insert-workers.js';
import { SEAL_OUT, startSealer, type Sealer } from './parallel-seal.js';
import { decodePerson, idHash } from './person-codec.js';
import { checkPayScheme } from './post-rules.js';
import { assertNotActiveElsewhere, assertPostsInScope } from './worker-guards.js';
import * as repo from './workers.repository.js';

// Many workers at once in the caller's transaction (#4 part 6: the file import, the JSON import and
// the demo): people already in the town are matched by ID number and compared, new ones written.

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
