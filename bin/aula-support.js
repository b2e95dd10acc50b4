#!/usr/bin/env node
// Entry point for the `aula-support` command; the TypeScript is compiled by `npm install`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/adapters/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('aula-support er ikke bygget endnu. Kør "npm install" (eller "npm run build") i projektmappen.\n');
  process.exit(1);
}
await import(main.href);
