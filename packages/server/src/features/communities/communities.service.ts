import type { Community, CommunityQuery, CreateCommunity, Page, UpdateCommunity } from '@gongyi/domain';
import { toPage } from '../../db/query-helpers.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { createOrgUnit, updateOrgUnit, type OrgUnitKind } from '../org-unit.js';
import { communityUses } from '../org-uses.repository.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import * as repo from './communities.repository.js';

const COMMUNITIES: OrgUnitKind<Row<'communities'>, Community, CreateCommunity, UpdateCommunity> = {
  label: { zh: '村居', en: 'Community' },
  objectType: 'community',
  find: repo.findCommunity,
  findByName: repo.findCommunityByName,
  insert: repo.insertCommunity,
  update: repo.updateCommunity,
  toApi: repo.toCommunity,
  ownColumns: (input) => ({ kind: input.kind }),
  ownPatchColumns: { kind: 'kind' },
  uses: communityUses,
};

export async function listCommunities(ctx: ReadContext, townId: string, query: CommunityQuery): Promise<Page<Community>> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  const { rows, total } = await repo.listCommunities(ctx.db, townId, query);
  return toPage(rows.map(repo.toCommunity), total, query);
}

/** Every community matching the filters, for the xlsx export. */
export async function allCommunities(ctx: ReadContext, townId: string, query: Omit<CommunityQuery, 'page' | 'pageSize'>): Promise<Community[]> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  return (await repo.allCommunities(ctx.db, townId, query)).map(repo.toCommunity);
}

export const createCommunity = (ctx: MutationContext, townId: string, input: CreateCommunity) =>
  createOrgUnit(ctx, COMMUNITIES, townId, input);

export const updateCommunity = (ctx: MutationContext, townId: string, id: string, input: UpdateCommunity) =>
  updateOrgUnit(ctx, COMMUNITIES, townId, id, input);
