import {
  CategoryListSchema,
  CategorySchema,
  CoopListSchema,
  CoopSchema,
  CreateCoopSchema,
  UpdateCategorySchema,
  UpdateCoopSchema,
} from '@gongyi/domain';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import * as service from './coops.service.js';

const tags = ['组织架构'];

export function coopRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/coops', {
    config: { access: 'org.read' },
    schema: { tags, summary: '服务社列表', params: TownParams, response: { 200: CoopListSchema, ...errorResponses } },
    handler: async (req) => ({ items: await service.listCoops(readContext(deps, req), req.params.townId) }),
  });
  app.post('/api/towns/:townId/coops', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '新建服务社', params: TownParams, body: CreateCoopSchema, response: { 201: CoopSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.createCoop(ctx, req.params.townId, req.body))),
  });
  app.patch('/api/towns/:townId/coops/:id', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '修改服务社', params: TownItemParams, body: UpdateCoopSchema, response: { 200: CoopSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.updateCoop(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.get('/api/towns/:townId/categories', {
    config: { access: 'org.read' },
    schema: { tags, summary: '类别（R2）', params: TownParams, response: { 200: CategoryListSchema, ...errorResponses } },
    handler: async (req) => ({ items: await service.listCategories(readContext(deps, req), req.params.townId) }),
  });
  app.patch('/api/towns/:townId/categories/:id', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '设置类别的默认服务社（R3）', params: TownItemParams, body: UpdateCategorySchema, response: { 200: CategorySchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.updateCategory(ctx, req.params.townId, req.params.id, req.body)),
  });
}
