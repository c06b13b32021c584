import {
  CreateUserSchema,
  GrantInputSchema,
  SecuritySettingsSchema,
  UpdateUserSchema,
  UserPageSchema,
  UserQuerySchema,
  UserSchema,
  UserWithPasswordSchema,
} from '@gongyi/domain';
import { z } from 'zod';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { readSecuritySettings, updateSecuritySettings } from '../settings/security-settings.js';
import * as service from './users.service.js';

const tags = ['系统管理'];
const GrantParams = TownItemParams.extend({ grantId: z.string().min(1).max(64) });

export function userRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/users', {
    config: { access: 'user.read' },
    schema: { tags, summary: '用户列表', params: TownParams, querystring: UserQuerySchema, response: { 200: UserPageSchema, ...errorResponses } },
    handler: (req) => service.listUsers(readContext(deps, req), req.params.townId, req.query),
  });
  app.post('/api/towns/:townId/users', {
    config: { access: 'user.manage' },
    schema: { tags, summary: '新建用户（返回一次性密码）', params: TownParams, body: CreateUserSchema, response: { 201: UserWithPasswordSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.createUser(ctx, req.params.townId, req.body))),
  });
  app.patch('/api/towns/:townId/users/:id', {
    config: { access: 'user.manage' },
    schema: { tags, summary: '修改、停用或解锁用户', params: TownItemParams, body: UpdateUserSchema, response: { 200: UserSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.updateUser(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.post('/api/towns/:townId/users/:id/reset-password', {
    config: { access: 'user.manage' },
    schema: { tags, summary: '重置密码（返回一次性密码）', params: TownItemParams, response: { 200: UserWithPasswordSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.resetPassword(ctx, req.params.townId, req.params.id)),
  });
  app.post('/api/towns/:townId/users/:id/grants', {
    config: { access: 'user.manage' },
    schema: { tags, summary: '增加授权', params: TownItemParams, body: GrantInputSchema, response: { 201: UserSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.addGrant(ctx, req.params.townId, req.params.id, req.body))),
  });
  app.delete('/api/towns/:townId/users/:id/grants/:grantId', {
    config: { access: 'user.manage' },
    schema: { tags, summary: '撤销授权', params: GrantParams, response: { 200: UserSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.removeGrant(ctx, req.params.townId, req.params.id, req.params.grantId)),
  });
  app.get('/api/towns/:townId/settings/security', {
    config: { access: 'settings.security' },
    schema: { tags, summary: '安全设置', params: TownParams, response: { 200: SecuritySettingsSchema, ...errorResponses } },
    handler: (req) => readSecuritySettings(readContext(deps, req), req.params.townId),
  });
  app.put('/api/towns/:townId/settings/security', {
    config: { access: 'settings.security' },
    schema: { tags, summary: '修改安全设置', params: TownParams, body: SecuritySettingsSchema, response: { 200: SecuritySettingsSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => updateSecuritySettings(ctx, req.params.townId, req.body)),
  });
}
