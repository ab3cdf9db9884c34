import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// `npm run dev` runs the API on 8080; ACEHUB_API points the proxy elsewhere.
const api = process.env.ACEHUB_API ?? 'http://127.0.0.1:8080';
const serverPaths = ['/api', '/play', '/hls', '/ace', '/k', '/playlist.m3u', '/epg.xml', '/manifest.json', '/discover.json', '/lineup.json', '/lineup_status.json'];

export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 700 },
  server: {
    port: 5173,
    proxy: Object.fromEntries(serverPaths.map((path) => [path, { target: api, changeOrigin: false }])),
  },
});
