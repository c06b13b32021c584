import { migrateToLatest, openDatabase, seedDemo, systemClock, testKeyring, uuidv7 } from '../../packages/server/src/index.ts';
import { countRows, defineScenario } from '../scenario.ts';

// An empty database to the demo town 小昆山镇: what `npm start` does on first run.
export default defineScenario({
  name: 'migrate+seed',
  async run({ target, time }) {
    const database = await time(async () => {
      const opened = await openDatabase(target);
      await migrateToLatest(opened);
      await seedDemo(opened, { clock: systemClock, newId: uuidv7(), keyring: testKeyring() });
      return opened;
    });
    try {
      return await countRows(database);
    } finally {
      await database.close();
    }
  },
});
