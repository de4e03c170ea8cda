/**
 * `npm run size:web` — what a first visit downloads, from the built SPA's manifest
 * (dist/web/.vite/manifest.json, `build.manifest: true` in vite.config.ts).
 *
 * For each route: index.html's entry chunk, the route's lazy chunks (the page, and
 * the authenticated shell for pages behind the login), and everything they import
 * statically, transitively; dynamic imports are what later pages load and are not
 * counted. Sums the gzip size (level 9, as `npm run build` prints it) of the JS and
 * CSS, and the brotli size the server actually sends (quality 11, the .br files).
 * Prints each figure beside its aim and exits non-zero when an aim is exceeded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'dist/web');
const MANIFEST = join(WEB, '.vite/manifest.json');
const AIM_KB = 350;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, Chunk>;

/** A route's lazy modules (manifest keys, relative to web/); `optional` ones may be bundled into the entry. */
interface RouteSpec {
  name: string;
  path: string;
  lazy: { src: string; optional?: boolean }[];
}

const ROUTES: RouteSpec[] = [
  { name: '登录页', path: '/login', lazy: [{ src: 'src/features/login/LoginPage.tsx' }] },
  {
    name: '工作台',
    path: '/',
    lazy: [{ src: 'src/layout/AppLayout.tsx', optional: true }, { src: 'src/features/workbench/WorkbenchPage.tsx' }],
  },
];

/** Every file (JS and CSS) that loading these manifest keys pulls in through static imports. */
export function staticClosure(manifest: Manifest, keys: string[]): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...files].sort();
}

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

const sizeCache = new Map<string, Size>();
function sizeOf(file: string): Size {
  const hit = sizeCache.get(file);
  if (hit) return hit;
  const buf = readFileSync(join(WEB, file));
  const size = {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  sizeCache.set(file, size);
  return size;
}

const kb = (n: number) => (n / 1024).toFixed(1);

function main(): number {
  if (!existsSync(MANIFEST)) {
    console.error(`${MANIFEST} is missing: run \`npm run build\` first`);
    return 2;
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('index.html'));
  if (!entry) throw new Error('manifest has no index.html entry');
  let failed = 0;
  const summary: Record<string, Size & { files: number }> = {};
  for (const route of ROUTES) {
    const lazy = route.lazy.filter((l) => !l.optional || manifest[l.src]).map((l) => l.src);
    const files = staticClosure(manifest, [entry, ...lazy]);
    const total = files.reduce<Size>(
      (t, f) => {
        const s = sizeOf(f);
        return { raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli };
      },
      { raw: 0, gzip: 0, brotli: 0 },
    );
    summary[route.path] = { ...total, files: files.length };
    const ok = total.gzip <= AIM_KB * 1024;
    if (!ok) failed++;
    console.log(
      `${route.name} ${route.path}: ${kb(total.gzip)} KB gzip (目标 ≤ ${AIM_KB} KB) ${ok ? '达标' : '未达标'}` +
        ` — ${files.length} files, ${kb(total.raw)} KB raw, ${kb(total.brotli)} KB brotli`,
    );
    if (process.env.SIZE_VERBOSE) {
      for (const f of files) console.log(`    ${kb(sizeOf(f).gzip).padStart(7)} KB  ${f}`);
    }
  }
  console.log(JSON.stringify({ aimKb: AIM_KB, routes: summary }));
  return failed ? 1 : 0;
}

process.exitCode = main();
