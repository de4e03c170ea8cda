import { defineConfig } from 'tsup';

/** The server and the CLI, bundled with core/; npm dependencies stay external. */
export default defineConfig({
  entry: { main: 'server/main.ts', cli: 'server/cli.ts' },
  outDir: 'dist/server',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: true,
  sourcemap: true,
  clean: true,
  dts: false,
});
