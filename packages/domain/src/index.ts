export * from './dates.js';
export * from './money.js';
export * from './org/effective.js';
export * from './org/vocabulary.js';
export * from './api/common.js';
export * from './api/organisation.js';
export * from './org/roles.js';
export * from './api/identity.js';
