import { shanghaiTimestamp, type CreateWorker } from '@gongyi/domain';
import type { BulkColumn } from '../../db/bulk-rows.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext } from '../../http/context.js';
import { encodePersonValues, PERSON_COLUMNS, personValues } from './person-codec.js';
import { SEAL_OUT, type Sealer } from './parallel-seal.js';
import { newPostRow } from './post-rules.js';
import * as repo from './workers.repository.js';

// New workers written in bulk (create, import, the demo): persons, first posts and the deployment's
// register of active ID numbers, a chunk at a time.

/** A batch's numbers as sealNumbers returns them, SEAL_OUT values a row in the batch's order. */
export type SealedNumbers = readonly (string | null)[];

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
export async function insertWorkers(
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

