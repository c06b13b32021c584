import type { Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import { macStream } from '../crypto/chain-mac.js';
import type { Keyring } from '../crypto/keyring.js';

// #13 item 8: at approval the run's slips are sealed — one keyed MAC over the run's totals and
// every slip (its lines and amounts) in person order, stored in pay_runs.slips_mac — so a slip
// edited on an approved run, even with the run's totals made to agree, is found by `gongyi ledger
// check`. Read in batches: a city's run is 100k slips.

const BATCH = 5000;

export async function slipsMac(db: Executor, keyring: Keyring, run: Row<'pay_runs'>): Promise<string> {
  const mac = macStream(keyring, 'gongyi pay run v1');
  mac.update(JSON.stringify([run.town_id, run.id, run.kind, run.coop_id, run.month, run.policy_id, Number(run.worker_count), Number(run.gross_fen), Number(run.deduction_fen), Number(run.net_fen), Number(run.in_kind_fen)]));
  let after = '';
  for (;;) {
    const slips = await db.selectFrom('pay_slips').selectAll().where('town_id', '=', run.town_id).where('run_id', '=', run.id).where('person_id', '>', after).orderBy('person_id').limit(BATCH).execute();
    for (const s of slips) {
      const fields = [s.person_id, s.person_name, s.team_id, s.department_id, s.supervising_department_id, Number(s.days_in_post), Number(s.base_fen), Number(s.high_temperature_fen), Number(s.gross_fen), Number(s.deduction_fen), Number(s.net_fen), Number(s.in_kind_fen), s.lines_json];
      mac.update('\n').update(JSON.stringify(fields));
    }
    if (slips.length < BATCH) return mac.digest('hex');
    after = slips[slips.length - 1]!.person_id;
  }
}

/** Seals an approved run's slips, in the approval's transaction. */
export async function sealRunSlips(db: Executor, keyring: Keyring, townId: string, runId: string): Promise<void> {
  const run = await db.selectFrom('pay_runs').selectAll().where('town_id', '=', townId).where('id', '=', runId).executeTakeFirstOrThrow();
  await db.updateTable('pay_runs').set({ slips_mac: await slipsMac(db, keyring, run) }).where('town_id', '=', townId).where('id', '=', runId).execute();
}
