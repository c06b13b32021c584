import type { Action } from '@gongyi/domain';

// What the role × route walks (features/policy.routes.test.ts, features/policy.scope.test.ts) expect
// of each route the app registers, beyond what the policy says. A route whose access is a policy
// action is walked from ROLE_ACTIONS with no entry here; every other route, and every route that
// reads one record by id, must be declared below, or the walk fails naming it (#13 item 11): a route
// added later is covered, or refused, automatically.

/**
 * Routes outside the policy's actions: `public` answers anyone; `session` any signed-in user, never an
 * anonymous one; a list of actions, a session route whose service then asks for any one of them.
 */
export type OpenAccess = 'public' | 'session' | readonly Action[];
export const OPEN_ROUTES: Record<string, OpenAccess> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/auth/towns': 'public',
  'POST /api/auth/login': 'public',
  // The API documentation pages (static files of @fastify/swagger-ui; no data).
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/*': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/auth/session': 'session',
  'POST /api/auth/logout': 'session',
  'POST /api/auth/password': 'session',
  'POST /api/auth/totp/setup': 'session',
  'POST /api/auth/totp/enable': 'session',
  'POST /api/auth/totp/disable': 'session',
  // The statutory calendar (national, the same for every town): whoever keeps or reads assessment sheets.
  'GET /api/towns/:townId/calendar/:year': ['assessment.read', 'calendar.manage'],
};

/**
 * The record a route with a path parameter reads, for the scope walk: `person`, `sheet`, `run`,
 * `agreement` and `own-slip` are scoped (an id outside the caller's scope answers 404 or 403, never
 * the data); `town` routes read data the whole town shares (org structure, the calendar, the year's budget).
 */
export type RecordKind = 'person' | 'sheet' | 'run' | 'agreement' | 'own-slip' | 'town';

export const RECORD_ROUTES: Record<string, RecordKind> = {
  'GET /api/towns/:townId/teams/:id': 'town',
  'GET /api/towns/:townId/calendar/:year': 'town',
  'GET /api/towns/:townId/budget/:year': 'town',
  'GET /api/towns/:townId/workers/:id': 'person',
  'POST /api/towns/:townId/workers/:id/reveal': 'person',
  'GET /api/towns/:townId/ledger/trace/:id': 'person',
  'GET /api/towns/:townId/agreements/:id': 'agreement',
  'GET /api/towns/:townId/agreements/:id/pdf': 'agreement',
  'GET /api/towns/:townId/assessment/sheets/:id': 'sheet',
  'GET /api/towns/:townId/assessment/sheets/:id/sheet.xlsx': 'sheet',
  'GET /api/towns/:townId/assessment/sheets/:id/community-sheet.xlsx': 'sheet',
  'GET /api/towns/:townId/payroll/runs/:id': 'run',
  'GET /api/towns/:townId/payroll/runs/:id/slips': 'run',
  'GET /api/towns/:townId/payroll/runs/:id/register.xlsx': 'run',
  'GET /api/towns/:townId/payroll/runs/:id/bank-file.xlsx': 'run',
  'GET /api/towns/:townId/payroll/runs/:id/bank-file.csv': 'run',
  'GET /api/towns/:townId/payroll/runs/:id/payslips.pdf': 'run',
  'GET /api/towns/:townId/payroll/my-slips/:runId/pdf': 'own-slip',
};

/** Whether a route reads one record by a path parameter (every such route needs a RECORD_ROUTES entry). */
export function readsOneRecord(method: string, url: string): boolean {
  const params = (url.replace('/api/towns/:townId', '').match(/:\w+/g) ?? []).length;
  return params > 0 && (method === 'GET' || url.endsWith('/reveal'));
}
