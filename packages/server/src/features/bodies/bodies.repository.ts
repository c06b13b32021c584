import type { Executor } from '../../db/database.js';
import type { NewRow } from '../../db/schema.js';

export async function insertBody(db: Executor, body: NewRow<'bodies'>, members: Omit<NewRow<'body_members'>, 'town_id' | 'body_id'>[]) {
  await db.insertInto('bodies').values(body).execute();
  if (members.length === 0) return;
  await db
    .insertInto('body_members')
    .values(members.map((m) => ({ ...m, town_id: body.town_id, body_id: body.id })))
    .execute();
}
