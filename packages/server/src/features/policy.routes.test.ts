import { ROLE_ACTIONS, ROLES, type Action, type Role } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from './demo/demo-users.js';
import { demoTown, type Api, type TestTown } from '../testing/harness.js';

// Generated from the app's own route table: every API route × every role × a town inside and one
// outside the user's scope. A route is allowed exactly when the role's actions include the route's
// action and the town is the user's own; outside the town the answer is 404, never the data.

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

  it('declares an access rule on every API route', () => {
    const open = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.access === undefined);
    expect(open).toEqual([]);
  });

  it('allows exactly what the policy says, inside the town, and nothing outside it', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/towns/:townId') && r.access !== 'public' && r.access !== 'session');
    let cases = 0;
    const wrong: string[] = [];
    // One route at a time, its 26 role × town cases at once: the bodies are empty, so nothing changes
    // state, and PostgreSQL's pool serves them side by side (the walk is most of that suite's time).
    for (const route of routes) {
      const action = route.access as Action;
      await Promise.all(
        ROLES.flatMap((role) =>
          [true, false].map(async (inside) => {
            const url = route.url.replace(':townId', inside ? t.townId : other.townId).replace(/:(\w+)/g, 'x');
            const body = ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
            const res = await clients.get(role)!(route.method as 'GET', url, body);
            cases += 1;
            const townHidden = res.status === 404 && String(res.body?.error?.message ?? '').includes('该镇');
            const allowed = res.status !== 401 && res.status !== 403 && !townHidden;
            const expected = inside && ROLE_ACTIONS[role].includes(action);
            if (allowed !== expected) wrong.push(`${role} ${route.method} ${route.url} ${inside ? 'inside' : 'outside'} → ${res.status}`);
            if (!inside) expect(res.status, `${role} ${route.url}`).toBe(404);
          }),
        ),
      );
    }
    console.log(`route × role policy walk: ${cases} cases over ${routes.length} routes and ${ROLES.length} roles`);
    expect(wrong).toEqual([]);
    expect(cases).toBe(routes.length * ROLES.length * 2);
  }, 300_000); // over two thousand real requests; on PostgreSQL each is several round trips
});
