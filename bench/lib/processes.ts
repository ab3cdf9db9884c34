import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A child process we measure from outside: its pid for /proc, its URL, and a clean stop. */
export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const ROOT = new URL('../../', import.meta.url);

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 30 s`)), 30_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = line.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
  await once(child, 'exit');
  clearTimeout(timer);
}

/** The engine simulator in its own process (tsx runs its TypeScript directly). */
export async function startSimulatorProcess(args: string[]): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/engine/simulator/cli.ts', '--port', '0', ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [, url] = await waitForLine(child, /listening on (http:\/\/\S+)/, 'the simulator');
  return { url: url!, pid: child.pid!, stop: () => stopChild(child) };
}

/** The compiled server (run `npm run build:server` first), as a user runs it, with its own data dir. */
export async function startServerProcess(env: Record<string, string>): Promise<Child & { dataDir: string }> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'acehub-bench-')));
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dataDir, ALLOW_LOCAL_SOURCES: '1', ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Logs stay at the default level, as users run it; the line reader keeps draining stdout.
  const [, port] = await waitForLine(child, /"port":(\d+)/, 'the server');
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    dataDir,
    async stop() {
      await stopChild(child);
      if (!env.DATA_DIR) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
