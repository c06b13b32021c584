import type { Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';

/**
 * Records `step` as the user's last TOTP step unless one at or after it was used already; false for
 * a replay. One conditional UPDATE, so of two sign-ins with one code at once only one succeeds.
 */
export async function claimTotpStep(db: Executor, user: Pick<Row<'users'>, 'town_id' | 'id'>, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('town_id', '=', user.town_id)
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function townCodeOf(db: Executor, townId: string): Promise<string> {
  return (await db.selectFrom('towns').select('code').where('id', '=', townId).executeTakeFirstOrThrow()).code;
}
