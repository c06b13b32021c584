import { CreateTownSchema, HealthDownSchema, HealthSchema, TownSchema } from '@gongyi/domain';
import { z } from 'zod';
import { errorResponses, mutate, readContext, type App, type AppDeps } from '../../http/route-kit.js';
import { pingDatabase } from '../../db/availability.js';
import { VERSION } from '../../version.js';
import { createTown, getTowns } from './towns.service.js';

const HEALTH_TIMEOUT_MS = 2000;

export function townRoutes(app: App, deps: AppDeps): void {
  // #13 item 3: a real `select 1` with a short timeout, so that a load balancer or monitor sees the
  // database down (it said "ok" while PostgreSQL refused connections).
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['系统'], summary: '健康检查（含数据库 select 1）', response: { 200: HealthSchema, 503: HealthDownSchema } },
    handler: async (_req, reply) => {
      const probe = await pingDatabase(deps.database, HEALTH_TIMEOUT_MS);
      if (probe.ok) return { status: 'ok' as const, database: deps.database.kind, version: VERSION };
      return reply.code(503).send({ status: 'unavailable' as const, database: deps.database.kind, version: VERSION, message: '数据库暂时不可用，请稍后重试。' });
    },
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
