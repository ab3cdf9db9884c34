import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/package-root.js';

const run = promisify(execFile);

async function hasDockerCompose(): Promise<boolean> {
  try {
    await run('docker-compose', ['version']);
    return true;
  } catch {
    return false;
  }
}

// CI installs Debian's docker-compose (.ci/run); a developer without it skips, CI never does.
const available = await hasDockerCompose();
if (process.env.CI && !available) throw new Error('docker-compose is required in CI to validate docker-compose.yml');

describe.skipIf(!available)('docker-compose.yml', () => {
  it('is accepted by docker-compose config', async () => {
    const { stderr } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: packageRoot() });
    expect(stderr).toBe('');
  });

  it('starts acehub only once the engine is healthy, with its data on a volume', async () => {
    const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: packageRoot() });
    expect(stdout).toMatch(/depends_on:\s+acestream:\s+condition: service_healthy/);
    expect(stdout).toMatch(/acehub-data:\/data/);
    expect(stdout).toMatch(/ENGINE_URL: http:\/\/acestream:6878/);
  });
});
