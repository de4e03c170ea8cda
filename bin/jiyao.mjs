#!/usr/bin/env node
// The admin CLI: runs the sources through tsx in a checkout (always current),
// or the built bundle where the sources are not shipped.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(root, 'server/cli.ts');
let mod;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(source).href);
} else {
  mod = await import(pathToFileURL(resolve(root, 'dist/server/cli.js')).href);
}
process.exit(await mod.runCli(process.argv.slice(2)));
