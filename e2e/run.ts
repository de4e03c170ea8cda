// Runs every e2e/*.e2e.ts with node's test runner (its summary closes the output).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.js';

const files = readdirSync(join(ROOT, 'e2e'))
  .filter((f) => f.endsWith('.e2e.ts'))
  .map((f) => join('e2e', f));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
