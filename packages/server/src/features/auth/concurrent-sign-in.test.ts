import { expect, it } from 'vitest';
import { demoTown } from '../../testing/harness.js';

// Many users of one town sign in at the same moment (the start of the working day). On PostgreSQL
// each sign-in's session insert and audit record once locked the town row in opposite orders
// (deadlock detected → 500); see lockTownForSignIn.
it('signs in several users of one town at once, repeatedly', async () => {
  const t = await demoTown();
  try {
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled(['hr', 'coop1', 'coop2', 'zongzhiban', 'paichusuo', 'cun1'].map((u) => t.as(u)));
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    }
  } finally {
    await t.close();
  }
}, 60_000);
