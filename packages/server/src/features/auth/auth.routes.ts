import {
  ChangePasswordSchema,
  LoginSchema,
  PublicTownListSchema,
  SessionSchema,
  TotpCodeSchema,
  TotpSetupSchema,
} from '@gongyi/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorResponses, mutate, readContext, type App, type AppDeps } from '../../http/route-kit.js';
import { listPublicTowns } from '../towns/towns.repository.js';
import * as auth from './auth.service.js';
import { SESSION_COOKIE } from './sessions.js';

const tags = ['登录与账号'];
const Ok = z.object({ ok: z.literal(true) });

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  // Secure whenever the request came over HTTPS (directly, or via a trusted proxy).
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' });
}

export function authRoutes(app: App, deps: AppDeps, options: { loginRateLimit: number }): void {
  app.get('/api/auth/towns', {
    config: { access: 'public' },
    schema: { tags, summary: '登录页的镇列表', response: { 200: PublicTownListSchema } },
    handler: async () => ({ items: await listPublicTowns(deps.database.db) }),
  });
  app.post('/api/auth/login', {
    config: { access: 'public', rateLimit: { max: options.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: '登录', body: LoginSchema, response: { 200: SessionSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const meta = { actor: req.actor, requestId: String(req.id), ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') };
      try {
        const { token, session } = await auth.login(deps.database, deps.runtime, meta, req.body);
        setSessionCookie(req, reply, token);
        return session;
      } catch (e) {
        // A waiting address is told when to try again, and nothing else (the same message as any failure).
        if (e instanceof auth.SignInRefused && e.retryAfterSeconds) reply.header('retry-after', String(e.retryAfterSeconds));
        throw e;
      }
    },
  });
  app.get('/api/auth/session', {
    config: { access: 'session' },
    schema: { tags, summary: '当前会话', response: { 200: SessionSchema, ...errorResponses } },
    handler: (req) => auth.describeSession(readContext(deps, req), req.session!),
  });
  app.post('/api/auth/logout', {
    config: { access: 'session' },
    schema: { tags, summary: '退出登录', response: { 200: Ok, ...errorResponses } },
    handler: async (req, reply) => {
      await mutate(deps, req, (ctx) => auth.logout(ctx, req.session!));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });
  app.post('/api/auth/password', {
    config: { access: 'session' },
    schema: { tags, summary: '修改密码', body: ChangePasswordSchema, response: { 200: SessionSchema, ...errorResponses } },
    handler: async (req) => {
      await mutate(deps, req, (ctx) => auth.changePassword(ctx, req.session!, req.body));
      return auth.describeSession(readContext(deps, req), req.session!);
    },
  });
  app.post('/api/auth/totp/setup', {
    config: { access: 'session' },
    schema: { tags, summary: '开始绑定动态码（返回二维码）', response: { 200: TotpSetupSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => auth.setupTotp(ctx, req.session!)),
  });
  app.post('/api/auth/totp/enable', {
    config: { access: 'session' },
    schema: { tags, summary: '确认并启用动态码', body: TotpCodeSchema, response: { 200: SessionSchema, ...errorResponses } },
    handler: async (req) => {
      await mutate(deps, req, (ctx) => auth.enableTotp(ctx, req.session!, req.body.code));
      return auth.describeSession(readContext(deps, req), req.session!);
    },
  });
  app.post('/api/auth/totp/disable', {
    config: { access: 'session' },
    schema: { tags, summary: '停用动态码', body: TotpCodeSchema, response: { 200: SessionSchema, ...errorResponses } },
    handler: async (req) => {
      await mutate(deps, req, (ctx) => auth.disableTotp(ctx, req.session!, req.body.code));
      return auth.describeSession(readContext(deps, req), req.session!);
    },
  });
}
