import { shanghaiTimestamp } from '@gongyi/domain';
import type { MutationContext } from '../../http/context.js';

export interface AuditEntry {
  townId: string;
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  result?: 'ok' | 'denied' | 'failed';
}

/**
 * Appends one audit record inside the caller's transaction (R27). `seq` numbers a town's records
 * without gaps; on PostgreSQL the town row is locked first so concurrent writers take turns
 * (SQLite already serialises writers).
 */
export async function recordAudit(ctx: MutationContext, entry: AuditEntry): Promise<void> {
  if (ctx.kind === 'postgres') {
    await ctx.db.selectFrom('towns').select('id').where('id', '=', entry.townId).forUpdate().execute();
  }
  const last = await ctx.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('town_id', '=', entry.townId)
    .executeTakeFirst();
  await ctx.db
    .insertInto('audit_log')
    .values({
      town_id: entry.townId,
      seq: Number(last?.seq ?? 0) + 1,
      id: ctx.newId(),
      at: shanghaiTimestamp(ctx.clock.now()),
      actor: ctx.actor.display,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: ctx.ip,
      request_id: ctx.requestId,
      result: entry.result ?? 'ok',
    })
    .execute();
}
