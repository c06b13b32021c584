import { shanghaiTimestamp } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import type { SavedMapping } from './columns.js';
import { normaliseHeader } from './fields.js';
import { ImportMappingSchema, type ImportMapping } from '@gongyi/domain';

// A town's own header names (“服务岗位” → duty, “备注” ignored), saved once and applied to every
// later file whose headers match.

const KEY = 'import.mapping.workers';

export async function savedMapping(db: Executor, townId: string): Promise<SavedMapping> {
  const row = await db.selectFrom('town_settings').select('value_json').where('town_id', '=', townId).where('key', '=', KEY).executeTakeFirst();
  if (!row) return {};
  const parsed = ImportMappingSchema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data.columns : {};
}

export async function readImportMapping(ctx: ReadContext, townId: string): Promise<ImportMapping> {
  authorize(ctx.actor, 'worker.import');
  await requireTown(ctx.db, townId);
  return { columns: await savedMapping(ctx.db, townId) };
}

export async function saveImportMapping(ctx: MutationContext, townId: string, input: ImportMapping): Promise<ImportMapping> {
  authorize(ctx.actor, 'worker.import');
  await requireTown(ctx.db, townId);
  const before = await savedMapping(ctx.db, townId);
  const saved: ImportMapping = { columns: Object.fromEntries(Object.entries(input.columns).map(([header, field]) => [normaliseHeader(header), field])) };
  const now = shanghaiTimestamp(ctx.clock.now());
  const value_json = JSON.stringify(saved);
  await ctx.db
    .insertInto('town_settings')
    .values({ town_id: townId, key: KEY, value_json, updated_at: now })
    .onConflict((oc) => oc.columns(['town_id', 'key']).doUpdateSet({ value_json, updated_at: now }))
    .execute();
  await recordAudit(ctx, { townId, action: 'settings.import_mapping.update', objectType: 'town_settings', objectId: KEY, before: { columns: before }, after: saved });
  return saved;
}
