export { openDatabase, type ConnectOptions } from './db/connect.js';
export type { Database, DatabaseKind } from './db/database.js';
export { migrateToLatest } from './db/migrate.js';
export { buildApp, type AppOptions } from './http/app.js';
export { seedDemo } from './features/demo/seed-demo.js';
export { systemClock, uuidv7, sequentialIds, type Clock, type Runtime } from './runtime.js';
export { StartupError } from './startup-error.js';
export { loadKeyring, testKeyring, type Keyring } from './features/crypto/keyring.js';
