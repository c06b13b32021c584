import { CreateTownSchema, HealthSchema, TownSchema } from '@gongyi/domain';
import { z } from 'zod';
import { errorResponses, mutate, readContext, type App, type AppDeps } from '../../http/route-kit.js';
import { VERSION } from '../../version.js';
import { createTown, getTowns } from './towns.service.js';

export function townRoutes(app: App, deps: AppDeps): void {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['系统'], summary: '健康检查', response: { 200: HealthSchema } },
    handler: () => ({ status: 'ok' as const, database: deps.database.kind, version: VERSION }),
  });
  app.get('/api/towns', {
    config: { access: 'org.read' },
    schema: { tags: ['组织架构'], summary: '镇列表', response: { 200: z.object({ items: z.array(TownSchema) }) } },
    handler: async (req) => ({ items: await getTowns(readContext(deps, req)) }),
  });
  app.post('/api/towns', {
    config: { access: 'town.create' },
    schema: { tags: ['组织架构'], summary: '新建镇（租户）', body: CreateTownSchema, response: { 201: TownSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => createTown(ctx, req.body))),
  });
}
