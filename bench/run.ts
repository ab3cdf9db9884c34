// `npm run bench`: every scenario against the compiled server and the engine simulator, each in its own
// process; load comes from this process. Writes bench/results.json and BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { guideImportAndExport, playlistExport } from './catalog.js';
import { coldStart } from './cold-start.js';
import { hlsThroughput } from './hls-throughput.js';
import { idleFootprint } from './idle.js';
import { startServerProcess, startSimulatorProcess, type Child } from './lib/processes.js';
import { renderReport } from './report.js';
import { slowClient } from './slow-client.js';
import { tsFanout } from './ts-fanout.js';

const { values } = parseArgs({
  options: { only: { type: 'string' }, runs: { type: 'string', default: '7' }, seconds: { type: 'string', default: '20' } },
});
const only = values.only?.split(',');
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const wanted = (name: string) => !only || only.includes(name);
const IDLE_S = 3;

console.log('building the server (benchmarks measure the compiled server)…');
execFileSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' });

async function withRig<T>(simArgs: string[], env: Record<string, string>, work: (sim: Child, server: Child) => Promise<T>): Promise<T> {
  const sim = await startSimulatorProcess(simArgs);
  const server = await startServerProcess({ ENGINE_URL: sim.url, IDLE_TIMEOUT_S: String(IDLE_S), MAX_STREAMS: '100', ...env });
  try {
    return await work(sim, server);
  } finally {
    await server.stop();
    await sim.stop();
  }
}

const results: Record<string, unknown> = {};
const started = Date.now();
const step = (name: string) => console.log(`\n== ${name}`);

if (wanted('hls')) {
  step('HLS segment throughput and added latency (scenarios 1, 2)');
  results.hls = await withRig(['--pace', 'fast', '--prebuffer-ms', '200'], {}, (sim, server) => hlsThroughput({ sim, server, runs }));
  console.table(results.hls);
}
if (wanted('ts')) {
  step('MPEG-TS fan-out (scenario 3)');
  const rows = [];
  for (const clients of [1, 50, 200]) {
    rows.push(await withRig(['--pace', 'live', '--prebuffer-ms', '1000'], {}, (sim, server) => tsFanout({ sim, server, idleS: IDLE_S }, clients, seconds)));
  }
  results.ts = rows;
  console.table(rows);
}
if (wanted('slow')) {
  step('slow client (scenario 4)');
  // Ten times real time: the test media is ~270 kbit/s, so ~340 kB/s here.
  results.slow = await withRig(['--pace', 'live', '--prebuffer-ms', '500', '--speed', '10'], {}, (_sim, server) => slowClient({ server }, 340_000, Math.max(seconds, 30)));
  console.table([results.slow]);
}
if (wanted('cold')) {
  step('cold start (scenario 5)');
  results.cold = await withRig(['--pace', 'live', '--prebuffer-ms', '1000'], {}, (sim, server) => coldStart({ sim, server }, 1000, runs));
  console.table([results.cold]);
}
if (wanted('catalog')) {
  step('catalog and guide (scenario 6)');
  const playlist = await withRig([], {}, (_sim, server) => playlistExport(server, runs));
  const guide = await withRig([], {}, (_sim, server) => guideImportAndExport(server, runs));
  results.catalog = { playlist, ...guide };
  console.log(JSON.stringify(results.catalog, null, 2));
}
if (wanted('idle')) {
  step('idle footprint (scenario 7)');
  const sim = await startSimulatorProcess([]);
  results.idle = await idleFootprint(sim).finally(() => sim.stop());
  console.table([results.idle]);
}

const report = {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  settings: { runs, tsSeconds: seconds },
  minutes: Math.round((Date.now() - started) / 6000) / 10,
  results,
};
if (!only) {
  writeFileSync(new URL('results.json', import.meta.url), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), renderReport(report));
  console.log('\nwrote bench/results.json and BENCHMARKS.md');
} else {
  console.log('\n(--only: results not written)');
}
