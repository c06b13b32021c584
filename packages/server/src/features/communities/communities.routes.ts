import {
  CreateCommunitySchema,
  COMMUNITY_KIND_LABELS,
  CommunityPageSchema,
  CommunityQuerySchema,
  CommunitySchema,
  UpdateCommunitySchema,
  type Community,
} from '@gongyi/domain';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import { recordExport } from '../audit/audit.repository.js';
import * as service from './communities.service.js';

const tags = ['组织架构'];

const EXPORT_COLUMNS: Column<Community>[] = [
  { header: '名称', width: 24, value: (d) => d.name },
  { header: '类型', value: (d) => COMMUNITY_KIND_LABELS[d.kind].zh },
  { header: '生效日期', width: 12, value: (d) => d.validFrom },
  { header: '失效日期', width: 12, value: (d) => d.validTo },
  { header: '备注', width: 30, value: (d) => d.note },
];

export function communityRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/communities', {
    config: { access: 'org.read' },
    schema: { tags, summary: '村居列表', params: TownParams, querystring: CommunityQuerySchema, response: { 200: CommunityPageSchema, ...errorResponses } },
    handler: (req) => service.listCommunities(readContext(deps, req), req.params.townId, req.query),
  });
  app.get('/api/towns/:townId/communities/export.xlsx', {
    config: { access: 'org.read' },
    schema: { tags, summary: '导出村居（xlsx）', params: TownParams, querystring: CommunityQuerySchema.omit({ page: true, pageSize: true }) },
    handler: async (req, reply) =>
      sendXlsx(reply, '村居.xlsx', EXPORT_COLUMNS, await mutate(deps, req, async (ctx) => recordExport(ctx, req.params.townId, 'community', req.query, await service.allCommunities(ctx, req.params.townId, req.query)))),
  });
  app.post('/api/towns/:townId/communities', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '新建村居', params: TownParams, body: CreateCommunitySchema, response: { 201: CommunitySchema, ...errorResponses } },
    handler: async (req, reply) => {
      const created = await mutate(deps, req, (ctx) => service.createCommunity(ctx, req.params.townId, req.body));
      return reply.code(201).send(created);
    },
  });
  app.patch('/api/towns/:townId/communities/:id', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '修改村居', params: TownItemParams, body: UpdateCommunitySchema, response: { 200: CommunitySchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.updateCommunity(ctx, req.params.townId, req.params.id, req.body)),
  });
}
