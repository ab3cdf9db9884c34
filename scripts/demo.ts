// `npm run demo`: the engine simulator, the real server and a few demo channels with a guide, so a newcomer
// sees video playing at http://localhost:8080 without an Ace Stream engine.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startSimulator } from '../src/engine/simulator/simulator.js';
import { createLogger } from '../src/log.js';
import { packageRoot } from '../src/package-root.js';
import { generateGuide } from './lib/guide-generator.js';

const DEMO_CHANNELS = [
  { name: 'Demo News', group: 'News', number: 1, tvgId: 'demo.news', contentId: 'd1e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4' },
  { name: 'Demo Sports', group: 'Sports', number: 2, tvgId: 'demo.sports', contentId: 'd2e3a4b5c6d7e8f9001a2b3c4d5e6f708192a3b5' },
  { name: 'Demo Movies', group: 'Movies', number: 3, tvgId: 'demo.movies', contentId: 'd3e4a5b6c7d8e9f0011a2b3c4d5e6f708192a3b6' },
];

const root = packageRoot();
if (!existsSync(`${root}/ui/dist/index.html`) && existsSync(`${root}/ui/vite.config.ts`)) {
  console.log('building the web UI once (ui/dist)…');
  const { build } = await import('vite');
  await build({ configFile: `${root}/ui/vite.config.ts`, logLevel: 'warn' });
}

const simulator = await startSimulator({ prebufferMs: 2000 });
const guideServer = createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/xml' });
  const hour = 3_600_000;
  for (const piece of generateGuide({ channels: DEMO_CHANNELS.map((c) => ({ id: c.tvgId, name: c.name })), from: Math.floor(Date.now() / hour) * hour - 2 * hour, hours: 48, programmeMinutes: 30 })) res.write(piece);
  res.end();
}).listen(0, '127.0.0.1');
await new Promise((resolve) => guideServer.once('listening', resolve));
const guideUrl = `http://127.0.0.1:${(guideServer.address() as AddressInfo).port}/demo-guide.xml`;

const config = { ...loadConfig(process.argv.slice(2), { DATA_DIR: './data/demo', IDLE_TIMEOUT_S: '10', ALLOW_LOCAL_SOURCES: '1', ...process.env }), engineUrls: [simulator.url] };
const log = createLogger(config.logLevel);
const acehub = await createApp({ config, log });
const server = createServer(acehub.handler).listen(config.port, config.host);
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://localhost:${(server.address() as AddressInfo).port}`;
acehub.start();

for (const channel of DEMO_CHANNELS) {
  const res = await fetch(`${base}/api/channels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(channel) });
  if (res.status !== 201 && res.status !== 409) console.warn(`demo channel ${channel.name}: HTTP ${res.status} ${await res.text()}`);
}
const sources = (await (await fetch(`${base}/api/epg/sources`)).json()) as Array<{ id: string; url: string }>;
for (const stale of sources.filter((s) => s.url.includes('/demo-guide.xml'))) await fetch(`${base}/api/epg/sources/${stale.id}`, { method: 'DELETE' });
await fetch(`${base}/api/epg/sources`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: guideUrl }) });

const channels = (await (await fetch(`${base}/api/channels`)).json()) as Array<{ name: string; streams: { ts: string } }>;
console.log(`
acehub demo is running (engine simulator at ${simulator.url}, data in ${config.dataDir})

  web UI and player   ${base}/
  M3U playlist        ${base}/playlist.m3u
  XMLTV guide         ${base}/epg.xml
${channels.map((c) => `  ${c.name.padEnd(18)}  vlc ${c.streams.ts}`).join('\n')}

Ctrl+C stops everything.
`);

const shutdown = async () => {
  server.close();
  server.closeAllConnections();
  await acehub.close();
  guideServer.close();
  await simulator.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
