import {
  shanghaiTimestamp,
  type CreateCommunity,
  type Community,
  type CommunityQuery,
  type Page,
  type UpdateCommunity,
} from '@gongyi/domain';
import { toPage } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { duplicate, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assertPeriod } from '../effective-period.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import * as repo from './communities.repository.js';

const COMMUNITY = { zh: '村居', en: 'Community' };

export async function listCommunities(ctx: ReadContext, townId: string, query: CommunityQuery): Promise<Page<Community>> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  const { rows, total } = await repo.listCommunities(ctx.db, townId, query);
  return toPage(rows.map(repo.toCommunity), total, query);
}

export async function createCommunity(ctx: MutationContext, townId: string, input: CreateCommunity): Promise<Community> {
  authorize(ctx.actor, 'org.manage');
  await requireTown(ctx.db, townId);
  if (await repo.findCommunityByName(ctx.db, townId, input.name)) throw duplicate(COMMUNITY, input.name, 'name');
  const now = shanghaiTimestamp(ctx.clock.now());
  const row = {
    town_id: townId,
    id: ctx.newId(),
    name: input.name,
    kind: input.kind,
    note: input.note,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    created_at: now,
    updated_at: now,
  };
  await repo.insertCommunity(ctx.db, row);
  const created = repo.toCommunity(row);
  await recordAudit(ctx, { townId, action: 'community.create', objectType: 'community', objectId: row.id, after: created });
  return created;
}

export async function updateCommunity(
  ctx: MutationContext,
  townId: string,
  id: string,
  input: UpdateCommunity,
): Promise<Community> {
  authorize(ctx.actor, 'org.manage');
  const before = await repo.findCommunity(ctx.db, townId, id);
  if (!before) throw notFound(COMMUNITY);
  if (input.name && input.name !== before.name && (await repo.findCommunityByName(ctx.db, townId, input.name))) {
    throw duplicate(COMMUNITY, input.name, 'name');
  }
  const next = {
    ...before,
    name: input.name ?? before.name,
    kind: input.kind ?? before.kind,
    note: input.note ?? before.note,
    valid_from: input.validFrom ?? before.valid_from,
    valid_to: input.validTo === undefined ? before.valid_to : input.validTo,
    updated_at: shanghaiTimestamp(ctx.clock.now()),
  };
  assertPeriod(next.valid_from, next.valid_to);
  await repo.updateCommunity(ctx.db, townId, id, next);
  const [b, a] = [repo.toCommunity(before), repo.toCommunity(next)];
  await recordAudit(ctx, { townId, action: 'community.update', objectType: 'community', objectId: id, before: b, after: a });
  return a;
}
