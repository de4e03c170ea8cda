import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|css|svg|html|json)$/;

/**
 * Writes `.br` (brotli, quality 11) and `.gz` (gzip, level 9) beside every text
 * file of the build, once, so the server sends them as they are (@fastify/static
 * `preCompressed`) instead of compressing on each request. A variant no smaller
 * than the file is not written: the server then falls back to the next encoding,
 * or the file itself. The manifest under .vite/ is for scripts, not browsers.
 */
function precompress(): Plugin {
  return {
    name: 'jiyao-precompress',
    apply: 'build',
    async writeBundle(options) {
      const dir = options.dir;
      if (!dir) return;
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
        .map((e) => join(e.parentPath, e.name))
        .filter((f) => !f.slice(dir.length).includes('/.vite/'));
      await Promise.all(
        files.map(async (file) => {
          const raw = await readFile(file);
          const [br, gzipped] = await Promise.all([
            brotli(raw, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            }),
            gz(raw, { level: 9 }),
          ]);
          if (br.length < raw.length) await writeFile(`${file}.br`, br);
          if (gzipped.length < raw.length) await writeFile(`${file}.gz`, gzipped);
        }),
      );
    },
  };
}

/**
 * The SPA: web/ → dist/web, served by the server at `/`. Every page is a lazy
 * chunk (web/src/App.tsx) and rollup splits antd per component along with them;
 * the manifest lets `npm run size:web` add up what a first visit loads.
 */
export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      // The server refuses writes whose Origin is not its PUBLIC_URL; the dev
      // page's origin (:5173) is not, so the proxy drops the header.
      '/api': {
        target: 'http://127.0.0.1:3000',
        configure: (proxy) => proxy.on('proxyReq', (req) => req.removeHeader('origin')),
      },
    },
  },
});
