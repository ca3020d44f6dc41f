// Vite build and dev server for the MedConnect web app. The API server serves `dist` in
// production; in development the API routes are proxied to it so the app keeps one origin.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server's default address (`npm start`).
const apiTarget = 'http://localhost:3000';
const proxied = ['/api', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Shared rules from @medconnect/core, taken file by file: the package's index also exports
    // modules built on node:crypto, which have no place in a browser bundle.
    alias: [
      {
        find: /^@medconnect\/core\/password-policy$/,
        replacement: fileURLToPath(new URL('../core/src/password-policy.ts', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
});
