import type { FastifyInstance, FastifyRequest, RawServerDefault, FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Runtime } from '../runtime.js';
import { inTransaction, type MutationContext, type ReadContext } from './context.js';
import { ErrorResponseSchema, type Action } from '@gongyi/domain';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface AppDeps {
  database: Database;
  runtime: Runtime;
}

export function readContext(deps: AppDeps, req: FastifyRequest): ReadContext {
  return { db: deps.database.db, kind: deps.database.kind, clock: deps.runtime.clock, keyring: deps.runtime.keyring, actor: req.actor, action: actionOf(req) };
}

function actionOf(req: FastifyRequest): Action | undefined {
  const access = req.routeOptions.config.access;
  return access === 'public' || access === 'session' ? undefined : access;
}

/** One transaction per mutating request, with the audit metadata of the request. */
export function mutate<T>(deps: AppDeps, req: FastifyRequest, work: (ctx: MutationContext) => Promise<T>): Promise<T> {
  return inTransaction(deps.database, deps.runtime, { actor: req.actor, action: actionOf(req), requestId: String(req.id), ip: req.ip }, work);
}

export const TownParams = z.strictObject({ townId: z.string().min(1).max(64) });
export const TownItemParams = z.strictObject({ townId: z.string().min(1).max(64), id: z.string().min(1).max(64) });

/** The error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
  422: ErrorResponseSchema,
} as const;
