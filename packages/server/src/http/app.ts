import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import type { Runtime } from '../runtime.js';
import { VERSION } from '../version.js';
import { errorHandler } from './error-handler.js';
import { languageOf } from './errors.js';
import type { App, AppDeps } from './route-kit.js';
import { townRoutes } from '../features/towns/towns.routes.js';
import { departmentRoutes } from '../features/departments/departments.routes.js';
import { communityRoutes } from '../features/communities/communities.routes.js';
import { coopRoutes } from '../features/coops/coops.routes.js';
import { teamRoutes } from '../features/teams/teams.routes.js';
import { bodyRoutes } from '../features/bodies/bodies.routes.js';
import { authRoutes } from '../features/auth/auth.routes.js';
import { userRoutes } from '../features/users/users.routes.js';
import { auditRoutes } from '../features/audit/audit.routes.js';
import { workerRoutes } from '../features/workers/workers.routes.js';
import { importRoutes } from '../features/import/import.routes.js';
import { staffingRoutes } from '../features/staffing/staffing.routes.js';
import { agreementRoutes } from '../features/agreements/agreements.routes.js';
import { assessmentRoutes } from '../features/assessment/assessment.routes.js';
import { payrollRoutes } from '../features/payroll/payroll.routes.js';
import { ledgerRoutes } from '../features/ledger/ledger.routes.js';
import { IMPORT_LIMITS } from '../features/import/refusals.js';
import { authenticate, type RouteAccess } from './authenticate.js';
import { textGuard } from './text-guard.js';

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export interface AppOptions {
  database: Database;
  runtime: Runtime;
  /** The built web console (packages/web/dist); omitted in API tests. */
  webDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Sign-in attempts per IP per minute (default 10). */
  loginRateLimit?: number;
  /** The reverse proxies whose X-Forwarded-* are believed (Secure cookie, client IPs); see trusted-proxies.ts. */
  trustProxy?: string[] | false;
}

const ROUTES: ((app: App, deps: AppDeps) => void)[] = [
  townRoutes,
  departmentRoutes,
  communityRoutes,
  coopRoutes,
  teamRoutes,
  bodyRoutes,
  userRoutes,
  auditRoutes,
  workerRoutes,
  importRoutes,
  staffingRoutes,
  agreementRoutes,
  assessmentRoutes,
  payrollRoutes,
  ledgerRoutes,
];

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();
  // Every route and the access it declares, for the route × role test and the docs.
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: route.config?.access });
  });
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // #13: no browser or proxy keeps an API answer (personal data above all, OWASP ASVS 5 V14.3).
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1, fields: 5, fieldSize: 64 * 1024 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'rate_limited', message: `too many requests; retry in ${ctx.after}` }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongyi 公益岗 API', version: VERSION, description: '镇级公益性岗位从业人员管理系统接口。错误统一为 {"error":{"code","message","field"}}。' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());

  const deps: AppDeps = { database: options.database, runtime: options.runtime };
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  app.addHook('onRequest', authenticate(deps));
  app.addHook('preValidation', textGuard);
  authRoutes(app, deps, { loginRateLimit: options.loginRateLimit ?? 10 });
  for (const register of ROUTES) register(app, deps);

  const webDir = options.webDir && fs.existsSync(path.join(options.webDir, 'index.html')) ? options.webDir : undefined;
  if (webDir) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: 'index.html' });

  app.setNotFoundHandler((req, reply) => {
    if (webDir && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    const en = languageOf(req.headers['accept-language']) === 'en';
    return reply.code(404).send({
      error: {
        code: 'not_found',
        message: en ? `No such address: ${req.method} ${req.url.split('?')[0]}.` : `没有这个地址：${req.method} ${req.url.split('?')[0]}。请检查链接。`,
        requestId: String(req.id),
      },
    });
  });
  return app;
}
