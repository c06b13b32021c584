import type { ReadContext } from '../../http/context.js';
import { idHash } from '../workers/person-codec.js';
import { activeRegistrations } from '../workers/workers.repository.js';
import type { CheckedRow } from './check-row.js';
import type { ImportColumn } from './columns.js';

// One person, one active post across every town (#4 part 3). The registry refuses the whole
// import when a row breaks this; finding it here names the row instead.

async function activeInOtherTowns(ctx: ReadContext, townId: string, ids: string[], hashes: string[]): Promise<Map<string, string>> {
  const byHash = new Map(hashes.map((hash, i) => [hash, ids[i]!]));
  const towns = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 500) {
    for (const r of await activeRegistrations(ctx.db, hashes.slice(i, i + 500))) {
      if (r.town_id !== townId) towns.set(byHash.get(r.id_hash)!, r.town_name);
    }
  }
  return towns;
}

/** Turns valid rows whose ID holds an active post in another town into errors. */
export async function markActiveElsewhere(ctx: ReadContext, townId: string, rows: CheckedRow[], columns: ImportColumn[]): Promise<void> {
  const valid = rows.filter((r) => r.worker);
  // Each ID is hashed once for the whole import (here, or on the import's worker thread): the commit reuses the hash.
  for (const r of valid) r.idHash ??= idHash(ctx.keyring, r.worker!.person.idNumber);
  const towns = await activeInOtherTowns(ctx, townId, valid.map((r) => r.worker!.person.idNumber), valid.map((r) => r.idHash!));
  if (towns.size === 0) return;
  const column = columns.find((c) => c.field === 'idNumber')?.header ?? '';
  for (const row of valid) {
    const town = towns.get(row.worker!.person.idNumber);
    if (!town) continue;
    row.messages.unshift({ field: 'idNumber', column, value: row.worker!.person.idNumber, message: `该身份证号已在${town}在岗（一人只能有一个在岗岗位）。请先在原单位办理离岗，或删除这一行。` });
    row.worker = null;
    delete row.idHash;
  }
}
