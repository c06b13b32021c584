#!/usr/bin/env node
// The `gongyi` command. The server runs from TypeScript source through tsx, so no build step
// stands between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
