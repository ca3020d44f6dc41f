// Vite build and dev server for the MedConnect web app. The API server serves `dist` in
// production; in development the API routes are proxied to it so the app keeps one origin.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server's default address (`npm start`).
const apiTarget = 'http://localhost:3000';
const proxied = ['/api', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiTarget, changeOrigin: true }])),
  },
});
