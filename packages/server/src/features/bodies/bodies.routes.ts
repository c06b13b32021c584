import { BodyListSchema, OrgOverviewSchema } from '@gongyi/domain';
import { errorResponses, readContext, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { getOverview, listBodies } from './bodies.service.js';

const tags = ['组织架构'];

export function bodyRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/bodies', {
    config: { access: 'org.read' },
    schema: { tags, summary: '领导小组、办公室与监察室', params: TownParams, response: { 200: BodyListSchema, ...errorResponses } },
    handler: async (req) => ({ items: await listBodies(readContext(deps, req), req.params.townId) }),
  });
  app.get('/api/towns/:townId/overview', {
    config: { access: 'org.read' },
    schema: { tags: ['工作台'], summary: '关键数字', params: TownParams, response: { 200: OrgOverviewSchema, ...errorResponses } },
    handler: (req) => getOverview(readContext(deps, req), req.params.townId),
  });
}
