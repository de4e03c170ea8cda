import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The SPA: web/ → dist/web, served by the server at `/`. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id)) return 'react';
          if (/node_modules\/(@ant-design|antd|rc-|@rc-component)/.test(id)) return 'antd';
          return 'vendor';
        },
      },
    },
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
