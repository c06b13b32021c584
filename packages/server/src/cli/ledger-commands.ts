import { checkLedger } from '../features/ledger/ledger-check.js';
import { findTownByCode, listTowns } from '../features/towns/towns.repository.js';
import { StartupError } from '../startup-error.js';
import { chainRuntime } from './audit-commands.js';
import { withDatabase } from './database-commands.js';

/** `gongyi ledger check`: each town's balances rebuilt from its entries; non-zero exit naming the first difference. */
export async function ledgerCheckCommand(townCode: string | undefined): Promise<number> {
  return withDatabase(async (database) => {
    const { keyring, checkpointFile } = await chainRuntime(database);
    const towns = townCode ? [await findTownByCode(database.db, townCode)].filter((t) => t !== undefined) : await listTowns(database.db, null);
    if (townCode && towns.length === 0) throw new StartupError(`没有代码为 ${townCode} 的镇。`);
    let failures = 0;
    for (const town of towns) {
      const r = await checkLedger(database.db, keyring, town.id, { checkpointFile });
      if (r.difference === null) {
        console.log(`✓ ${town.name}（${town.code}）：${r.entries} 笔凭证、${r.accounts} 个账户的余额按凭证重算一致，凭证密钥校验码与检查点一致，${r.runs} 次已审批发放的工资条、合计与记账一致。`);
      } else {
        failures += 1;
        console.error(`✗ ${town.name}（${town.code}）：${r.difference}。`);
      }
    }
    return failures === 0 ? 0 : 1;
  });
}
