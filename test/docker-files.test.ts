import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/package-root.js';

/** Instructions of a Dockerfile with line continuations joined and comments dropped. */
function instructions(file: string): { op: string; args: string }[] {
  const text = readFileSync(join(packageRoot(), file), 'utf8');
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l));
  return lines
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

const lastUser = (list: { op: string; args: string }[]) => list.filter((i) => i.op === 'USER').at(-1)?.args;
const stages = (list: { op: string; args: string }[]) => list.filter((i) => i.op === 'FROM');

describe('Dockerfile.acestream (the engine)', () => {
  const list = instructions('Dockerfile.acestream');
  const all = list.map((i) => `${i.op} ${i.args}`).join('\n');

  it('runs engine 3.2 on Python 3.10 as a non-root user', () => {
    expect(stages(list)[0]?.args).toMatch(/^python:3\.10/);
    expect(all).toMatch(/ACESTREAM_VERSION=3\.2\.\d+_[a-z0-9_.]+_py3\.10\b/);
    expect(all).toContain('https://download.acestream.media/linux/acestream_${ACESTREAM_VERSION}.tar.gz');
    expect(lastUser(list)).toBeDefined();
    expect(lastUser(list)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('starts the engine with the console client and an in-memory live cache, --bind-all behind a switch', () => {
    const entry = list.find((i) => i.op === 'ENTRYPOINT' || i.op === 'CMD')?.args ?? '';
    expect(entry).toContain('--client-console --live-cache-type memory');
    expect(entry).toMatch(/ACESTREAM_BIND_ALL.*--bind-all/);
    expect(all).toMatch(/ACESTREAM_BIND_ALL=0/);
  });

  it('exposes the API and both P2P protocols', () => {
    const exposed = list.filter((i) => i.op === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
    expect(exposed).toEqual(expect.arrayContaining(['6878/tcp', '8621/tcp', '8621/udp']));
  });

  it('checks health with get_version', () => {
    expect(list.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('method=get_version');
  });
});

describe('Dockerfile (acehub)', () => {
  const list = instructions('Dockerfile');
  const runtimeStart = list.lastIndexOf(stages(list).at(-1)!);
  const runtime = list.slice(runtimeStart);

  it('builds in one stage and runs a slim Node 20 stage with production dependencies only', () => {
    expect(stages(list).length).toBeGreaterThanOrEqual(2);
    for (const stage of stages(list)) expect(stage.args).toMatch(/^node:20-bookworm-slim\b/);
    expect(list.some((i) => i.op === 'RUN' && i.args.includes('npm run build'))).toBe(true);
    expect(runtime.some((i) => i.op === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    expect(runtime.some((i) => i.op === 'RUN' && i.args.includes('npm run build'))).toBe(false);
    for (const copied of ['/src/dist', '/src/ui/dist', 'manifest.json']) {
      expect(runtime.some((i) => i.op === 'COPY' && i.args.includes(copied))).toBe(true);
    }
  });

  it('runs as node with /data as a volume and checks /api/health', () => {
    expect(lastUser(list)).toBe('node');
    expect(runtime.find((i) => i.op === 'VOLUME')?.args).toMatch(/\/data/);
    expect(runtime.find((i) => i.op === 'ENV')?.args).toMatch(/DATA_DIR=\/data/);
    expect(runtime.find((i) => i.op === 'ENV')?.args).toMatch(/ENGINE_URL=http:\/\/acestream:6878/);
    expect(runtime.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('/api/health');
  });
});

describe('.dockerignore', () => {
  it('keeps local builds, dependencies and data out of the build context', () => {
    const ignored = readFileSync(join(packageRoot(), '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'ui/dist', 'data', '.git']));
  });
});
