import { shanghaiTimestamp } from '@gongyi/domain';
import type { Executor } from '../db/database.js';
import { changedFields, patchColumns, type ColumnsOf } from '../db/patch-columns.js';
import type { MutationContext } from '../http/context.js';
import { duplicate, notFound, type Text } from '../http/errors.js';
import { recordAudit } from './audit/audit.repository.js';
import { assertCoversUses, assertPeriod } from './effective-period.js';
import type { UseSpan } from './org-uses.repository.js';
import { authorize } from './policy.js';
import { requireTown } from './towns/towns.repository.js';

// Departments and communities are both named, effective-dated records of a town. Creating and
// editing them follows one procedure: authorise, refuse a duplicate name, keep the period
// forwards (R5), write (an edit only the columns it changes, #13 item 1), audit with before and after.

export interface UnitRow {
  town_id: string;
  id: string;
  name: string;
  note: string;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommonInput {
  name?: string | undefined;
  note?: string | undefined;
  validFrom?: string | undefined;
  validTo?: string | null | undefined;
}

export interface OrgUnitKind<R extends UnitRow, A, C extends CommonInput & { name: string }, U extends CommonInput> {
  label: Text;
  objectType: string;
  find(db: Executor, townId: string, id: string): Promise<R | undefined>;
  findByName(db: Executor, townId: string, name: string): Promise<unknown>;
  insert(db: Executor, row: R): Promise<void>;
  update(db: Executor, townId: string, id: string, patch: Partial<R>): Promise<void>;
  toApi(row: R): A;
  /** The kind's own columns from a create request (name, note and dates are filled in here). */
  ownColumns(input: C): Omit<R, keyof UnitRow>;
  /** The columns of the kind's own fields of an edit. */
  ownPatchColumns: ColumnsOf<Omit<U, keyof CommonInput>, R>;
  /** Where the record is used, which its period must cover (#13 item 14). */
  uses?(db: Executor, townId: string, id: string): Promise<UseSpan | null>;
}

const COMMON_COLUMNS: ColumnsOf<Required<CommonInput>, UnitRow> = { name: 'name', note: 'note', validFrom: 'valid_from', validTo: 'valid_to' };

export async function createOrgUnit<R extends UnitRow, A, C extends CommonInput & { name: string }, U extends CommonInput>(
  ctx: MutationContext,
  kind: OrgUnitKind<R, A, C, U>,
  townId: string,
  input: C,
): Promise<A> {
  authorize(ctx.actor, 'org.manage');
  await requireTown(ctx.db, townId);
  if (await kind.findByName(ctx.db, townId, input.name)) throw duplicate(kind.label, input.name, 'name');
  const now = shanghaiTimestamp(ctx.clock.now());
  const row = {
    ...kind.ownColumns(input),
    town_id: townId,
    id: ctx.newId(),
    name: input.name,
    note: input.note ?? '',
    valid_from: input.validFrom!,
    valid_to: input.validTo ?? null,
    created_at: now,
    updated_at: now,
  } as R;
  await kind.insert(ctx.db, row);
  const created = kind.toApi(row);
  await recordAudit(ctx, { townId, action: `${kind.objectType}.create`, objectType: kind.objectType, objectId: row.id, after: created });
  return created;
}

export async function updateOrgUnit<R extends UnitRow, A, C extends CommonInput & { name: string }, U extends CommonInput>(
  ctx: MutationContext,
  kind: OrgUnitKind<R, A, C, U>,
  townId: string,
  id: string,
  input: U,
): Promise<A> {
  authorize(ctx.actor, 'org.manage');
  const before = await kind.find(ctx.db, townId, id);
  if (!before) throw notFound(kind.label);
  if (input.name && input.name !== before.name && (await kind.findByName(ctx.db, townId, input.name))) {
    throw duplicate(kind.label, input.name, 'name');
  }
  const changes = changedFields(input, kind.toApi(before) as Partial<U>);
  const patch = { ...patchColumns(changes, { ...COMMON_COLUMNS, ...kind.ownPatchColumns } as ColumnsOf<U, R>), updated_at: shanghaiTimestamp(ctx.clock.now()) };
  const next = { ...before, ...patch };
  assertPeriod(next.valid_from, next.valid_to);
  if (kind.uses && (next.valid_from !== before.valid_from || next.valid_to !== before.valid_to)) {
    assertCoversUses(kind.label, { validFrom: before.valid_from, validTo: before.valid_to }, next.valid_from, next.valid_to, await kind.uses(ctx.db, townId, id));
  }
  if (Object.keys(changes).length > 0) await kind.update(ctx.db, townId, id, patch);
  const [b, a] = [kind.toApi(before), kind.toApi(next)];
  await recordAudit(ctx, { townId, action: `${kind.objectType}.update`, objectType: kind.objectType, objectId: id, before: b, after: a });
  return a;
}
