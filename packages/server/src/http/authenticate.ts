import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasForbiddenCharacters, type Action } from '@gongyi/domain';
import type { Row } from '../db/schema.js';
import { recordAudit } from '../features/audit/audit.repository.js';
import { actorOf, closeSession, findSignedIn, isExpired, restrictionOf, SESSION_COOKIE, touchSession } from '../features/auth/sessions.js';
import { ANONYMOUS, can, forbidden, type Actor } from '../features/policy.js';
import { inTransaction } from './context.js';
import { AppError, notFound } from './errors.js';
import type { AppDeps } from './route-kit.js';

/**
 * What a route requires: `public` (no sign-in), `session` (any signed-in user, even one who must
 * first change the password), or an action the policy must allow.
 */
export type RouteAccess = 'public' | 'session' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor;
    session: Row<'sessions'> | null;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const unauthenticated = () =>
  new AppError('unauthenticated', { zh: '请先登录。', en: 'Please sign in.' });
const sessionExpired = () =>
  new AppError('session_expired', { zh: '登录已超时，请重新登录。未保存的内容请先复制留存。', en: 'Your session has expired; sign in again.' });

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Records a refused request in the town's audit chain, in a transaction of its own. */
async function auditDenied(deps: AppDeps, req: FastifyRequest, townId: string, reason: string): Promise<void> {
  await inTransaction(deps.database, deps.runtime, { actor: req.actor, requestId: String(req.id), ip: req.ip }, (ctx) =>
    recordAudit(ctx, { townId, action: 'access.denied', objectType: 'route', objectId: `${req.method} ${req.routeOptions.url}`, result: 'denied', after: { reason, url: req.url.slice(0, 300) } }),
  );
}

/**
 * The one gate every request passes (onRequest, before the body is read): who is calling,
 * is the session alive, does a state change carry the CSRF token, is the town theirs, and does
 * the policy allow the route's action.
 */
export function authenticate(deps: AppDeps) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    req.actor = ANONYMOUS;
    req.session = null;
    const url = req.routeOptions.url;
    if (!url) return; // unknown address: the not-found handler answers
    const access = req.routeOptions.config.access ?? (url.startsWith('/api/') && !url.startsWith('/api/docs') ? undefined : 'public');
    if (access === 'public') return;
    if (access === undefined) throw forbidden(); // an API route that names no access is closed

    const token = req.cookies[SESSION_COOKIE];
    // #13 item 16: a forged cookie with a NUL is no session, not a query PostgreSQL refuses.
    if (!token || hasForbiddenCharacters(token)) throw unauthenticated();
    const { db } = deps.database;
    const now = deps.runtime.clock.now();
    const found = await findSignedIn(db, token);
    if (!found) throw sessionExpired();
    const { session, user, grants, settings } = found;
    if (isExpired(session, now)) {
      await closeSession(db, session.id);
      throw sessionExpired();
    }
    if (!user || user.disabled === 1) {
      await closeSession(db, session.id);
      throw sessionExpired();
    }
    await touchSession(db, session, settings, now);
    req.actor = actorOf(user, grants);
    req.session = session;

    if (MUTATING.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrf_token)) {
        await auditDenied(deps, req, user.town_id, 'csrf');
        throw new AppError('csrf_failed', { zh: '页面已过期（安全校验未通过）。请刷新页面后重试。', en: 'The page is stale (CSRF check failed); reload and retry.' });
      }
    }
    // Another town's address is "not found" for every signed-in route, session-only ones included (#13 item 11).
    const params = req.params as { townId?: string };
    if (params.townId !== undefined && params.townId !== user.town_id) {
      await auditDenied(deps, req, user.town_id, 'other_town');
      throw notFound({ zh: '该镇', en: 'The town' });
    }
    if (access === 'session') return;
    if (restrictionOf(user, grants.map((g) => g.role), settings, now) !== 'none') {
      throw new AppError('forbidden', { zh: '请先修改密码或绑定动态码，再使用系统。', en: 'Change your password or enrol TOTP first.' });
    }
    if (!can(req.actor, access)) {
      await auditDenied(deps, req, user.town_id, `no_grant:${access}`);
      throw forbidden();
    }
  };
}
