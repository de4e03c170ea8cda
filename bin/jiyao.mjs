#!/usr/bin/env node
// The admin CLI: runs the built bundle when there is one, else the sources through tsx.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = resolve(root, 'dist/server/cli.js');
let mod;
if (existsSync(built)) {
  mod = await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(resolve(root, 'server/cli.ts')).href);
}
process.exit(await mod.runCli(process.argv.slice(2)));
