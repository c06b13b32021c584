import { ROLE_ACTIONS, ROLES, type Action, type Role } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from './demo/demo-users.js';
import type { RouteEntry } from '../http/app.js';
import { demoTown, type Api, type Method, type TestTown } from '../testing/harness.js';
import { OPEN_ROUTES, RECORD_ROUTES, readsOneRecord } from '../testing/route-expectations.js';

// Generated from the app's own route table (Fastify's onRoute): EVERY route × every role × a town
// inside and one outside the user's scope, on SQLite and on PostgreSQL (npm run test:pg). A route
// whose access is a policy action is allowed exactly when the role's actions include it and the town
// is the user's own; outside the town the answer is 404, never the data. Public and session routes
// answer as testing/route-expectations.ts declares; a route declared nowhere fails the walk. The
// scope of single records (people, sheets, runs, agreements) is walked in policy.scope.test.ts.

const key = (r: RouteEntry) => `${r.method} ${r.url}`;
const isAction = (access: RouteEntry['access']): access is Action => access !== undefined && access !== 'public' && access !== 'session';
const fill = (url: string, townId: string) => url.replace(':townId', townId).replace(':year', '2026').replace(/:(\w+)/g, 'x').replace('*', 'index.css');
/** The route's access as the walk treats it: a session route whose service asks for actions counts as those actions. */
const sessionActions = (r: RouteEntry) => OPEN_ROUTES[key(r)];
const bodyFor = (method: string) => (['POST', 'PATCH', 'PUT'].includes(method) ? {} : undefined);

describe('every route × every role', () => {
  let t: TestTown;
  let other: TestTown;
  const clients = new Map<Role, Api>();
  beforeAll(async () => {
    t = await demoTown();
    other = await demoTown();
    for (const role of ROLES) {
      const user = DEMO_USERS.find((u) => u.role === role);
      if (!user) throw new Error(`no demo user for role ${role}`);
      clients.set(role, await t.as(user.username));
    }
  });
  afterAll(async () => {
    await t.close();
    await other.close();
  });

  it('declares an expectation for every route the app registers', () => {
    const routes = t.app.routeTable;
    expect(routes.length).toBeGreaterThan(150);
    // Each route either names a policy action or is declared public/session; every reader of one record by id names its record kind.
    const undeclared = routes.filter((r) => !isAction(r.access) && OPEN_ROUTES[key(r)] === undefined).map(key);
    expect(undeclared).toEqual([]);
    const unscoped = routes.filter((r) => readsOneRecord(r.method, r.url) && RECORD_ROUTES[key(r)] === undefined).map(key);
    expect(unscoped).toEqual([]);
    // An API route's declared access matches the table (docs pages have none: the gate treats them as public).
    const declaredAccess = (r: RouteEntry) => (Array.isArray(OPEN_ROUTES[key(r)]) ? 'session' : OPEN_ROUTES[key(r)]);
    const mismatched = routes.filter((r) => r.access !== undefined && !isAction(r.access) && declaredAccess(r) !== r.access).map(key);
    expect(mismatched).toEqual([]);
    const open = routes.filter((r) => r.access === undefined && !r.url.startsWith('/api/docs')).map(key);
    expect(open).toEqual([]);
    // Nothing declared that the app no longer has (a stale entry would hide a renamed route).
    const known = new Set(routes.map(key));
    expect([...Object.keys(OPEN_ROUTES), ...Object.keys(RECORD_ROUTES)].filter((k) => !known.has(k) && !k.startsWith('GET /api/docs'))).toEqual([]);
  });

  it('answers public routes to anyone and session routes only to a signed-in user', async () => {
    const wrong: string[] = [];
    for (const route of t.app.routeTable.filter((r) => OPEN_ROUTES[key(r)] !== undefined)) {
      const url = fill(route.url, t.townId);
      const anonymous = await t.anonymous(route.method as Method, url, bodyFor(route.method));
      const expectAnonymous = OPEN_ROUTES[key(route)] === 'public';
      if ((anonymous.status !== 401 && anonymous.status !== 403) !== expectAnonymous) wrong.push(`anonymous ${key(route)} → ${anonymous.status}`);
      // A session of its own for each call, in the other town: logging out, starting TOTP or the session limit per
      // account (#13 item 13: a fourth sign-in ends the oldest) must not touch the walk's clients in this town.
      const signedIn = await (await other.as('leader'))(route.method as Method, fill(route.url, other.townId), bodyFor(route.method));
      if (signedIn.status === 401 || signedIn.status === 403) wrong.push(`signed in ${key(route)} → ${signedIn.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('allows exactly what the policy says, inside the town, and nothing outside it', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/towns/:townId') && (isAction(r.access) || r.access === 'session'));
    let cases = 0;
    const wrong: string[] = [];
    // One route at a time, its 26 role × town cases at once: the bodies are empty, so nothing changes
    // state, and PostgreSQL's pool serves them side by side (the walk is most of that suite's time).
    for (const route of routes) {
      await Promise.all(
        ROLES.flatMap((role) =>
          [true, false].map(async (inside) => {
            const url = fill(route.url, inside ? t.townId : other.townId);
            const res = await clients.get(role)!(route.method as Method, url, bodyFor(route.method));
            cases += 1;
            const townHidden = res.status === 404 && String(res.body?.error?.message ?? '').includes('该镇');
            const allowed = res.status !== 401 && res.status !== 403 && !townHidden;
            const needs = route.access === 'session' ? sessionActions(route) : [route.access as Action];
            const expected = inside && (needs === 'session' || (Array.isArray(needs) && needs.some((a) => ROLE_ACTIONS[role].includes(a))));
            if (allowed !== expected) wrong.push(`${role} ${route.method} ${route.url} ${inside ? 'inside' : 'outside'} → ${res.status}`);
            if (!inside && res.status !== 404) wrong.push(`${role} ${route.method} ${route.url} outside → ${res.status}, not 404`);
          }),
        ),
      );
    }
    // The routes above the towns (the town list and a new town): the policy alone decides.
    for (const route of t.app.routeTable.filter((r) => !r.url.startsWith('/api/towns/:townId') && isAction(r.access))) {
      for (const role of ROLES) {
        const res = await clients.get(role)!(route.method as Method, route.url, bodyFor(route.method));
        cases += 1;
        const allowed = res.status !== 401 && res.status !== 403;
        if (allowed !== ROLE_ACTIONS[role].includes(route.access as Action)) wrong.push(`${role} ${route.method} ${route.url} → ${res.status}`);
      }
    }
    const walked = t.app.routeTable.filter((r) => isAction(r.access) || (r.access === 'session' && r.url.startsWith('/api/towns/:townId')));
    console.log(`route × role policy walk: ${cases} cases over ${walked.length} routes and ${ROLES.length} roles`);
    expect(wrong).toEqual([]);
  }, 1_200_000); // over four thousand real requests; on PostgreSQL each is several round trips, and a denial writes the audit chain
});
