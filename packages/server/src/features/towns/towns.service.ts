import { CATEGORY_CODES, CATEGORY_LABELS, shanghaiTimestamp, type CreateTown, type Town } from '@gongyi/domain';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { duplicate } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { findTownByCode, insertTown, listTowns, toTown } from './towns.repository.js';

/** The towns the caller may see: a user sees their own town; the system sees all. */
export async function getTowns(ctx: ReadContext): Promise<Town[]> {
  authorize(ctx.actor, 'org.read');
  return (await listTowns(ctx.db, ctx.actor.kind === 'system' ? null : ctx.actor.townId)).map(toTown);
}

/** A new town (tenant) starts with the notice's two categories (R2) and nothing else. */
export async function createTown(ctx: MutationContext, input: CreateTown): Promise<Town> {
  authorize(ctx.actor, 'town.create');
  if (await findTownByCode(ctx.db, input.code)) throw duplicate({ zh: '镇代码', en: 'Town code' }, input.code, 'code');
  const now = shanghaiTimestamp(ctx.clock.now());
  const town = { id: ctx.newId(), code: input.code, name: input.name, district: input.district, created_at: now };
  await insertTown(ctx.db, town);
  for (const code of CATEGORY_CODES) {
    await ctx.db
      .insertInto('categories')
      .values({ town_id: town.id, id: ctx.newId(), code, name: CATEGORY_LABELS[code].zh, default_coop_id: null, created_at: now, updated_at: now })
      .execute();
  }
  const result = toTown(town);
  await recordAudit(ctx, { townId: town.id, action: 'town.create', objectType: 'town', objectId: town.id, after: result });
  return result;
}
