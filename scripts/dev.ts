// `npm run dev`: the API server under `tsx watch` (restarts on server changes) and Vite's dev server with hot
// reload for the UI, proxying the server's paths to it. Open the URL Vite prints (http://localhost:5173).
// Arguments after `--` go to the server (`npm run dev -- --engine-url http://192.168.1.5:6878`).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'vite';
import { packageRoot } from '../src/package-root.js';

const root = packageRoot();
const apiPort = process.env.PORT ?? '8080';
process.env.ACEHUB_API ??= `http://127.0.0.1:${apiPort}`;

const api = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'watch', '--clear-screen=false', join(root, 'src', 'main.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort },
});

const vite = await createServer({ configFile: join(root, 'ui', 'vite.config.ts') });
await vite.listen();
vite.printUrls();
console.log(`  ➜  API:     ${process.env.ACEHUB_API} (proxied: /api, /play, /hls, /ace, /playlist.m3u, /epg.xml, …)`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  api.kill('SIGTERM');
  await vite.close();
  process.exit(code);
}
api.on('exit', (code) => void stop(code ?? 0));
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
