import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/log.js';
import { deviceIdentity } from './device-id.js';
import { readManifestFile } from './manifest.js';

const GROUP = '239.255.255.250';
const PORT = 1900;
const MAX_AGE_S = 1800;
export const MEDIA_SERVER = 'urn:schemas-upnp-org:device:MediaServer:1';

export interface SsdpDevice {
  uuid: string;
  /** Absolute URL of device.xml. */
  location: string;
  server: string;
}

/** The targets we answer for, each with its USN (UPnP Device Architecture 1.0, §1.1.2). */
export function targets({ uuid }: Pick<SsdpDevice, 'uuid'>): { st: string; usn: string }[] {
  return [
    { st: 'upnp:rootdevice', usn: `uuid:${uuid}::upnp:rootdevice` },
    { st: `uuid:${uuid}`, usn: `uuid:${uuid}` },
    { st: MEDIA_SERVER, usn: `uuid:${uuid}::${MEDIA_SERVER}` },
  ];
}

const message = (startLine: string, headers: [string, string][]) =>
  `${startLine}\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;

/** The start line and upper-cased headers of an SSDP datagram, or null when it is not HTTP-over-UDP. */
export function parseSsdp(text: string): { startLine: string; headers: Map<string, string> } | null {
  const [startLine, ...lines] = text.split(/\r?\n/);
  if (!startLine || !/^HTTP\/1\.[01] | HTTP\/1\.[01]$/.test(startLine.trim())) return null;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toUpperCase(), line.slice(colon + 1).trim());
  }
  return { startLine: startLine.trim(), headers };
}

/** The unicast answers to one M-SEARCH: none unless it asks for all devices, a root device or us. */
export function searchResponses(request: string, device: SsdpDevice, date = new Date()): string[] {
  const parsed = parseSsdp(request);
  if (!parsed || !parsed.startLine.startsWith('M-SEARCH ') || parsed.headers.get('MAN')?.replace(/"/g, '') !== 'ssdp:discover') return [];
  const st = parsed.headers.get('ST') ?? '';
  const matching = st === 'ssdp:all' ? targets(device) : targets(device).filter((t) => t.st === st);
  return matching.map((t) =>
    message('HTTP/1.1 200 OK', [
      ['CACHE-CONTROL', `max-age=${MAX_AGE_S}`],
      ['DATE', date.toUTCString()],
      ['EXT', ''],
      ['LOCATION', device.location],
      ['SERVER', device.server],
      ['ST', t.st],
      ['USN', t.usn],
    ]),
  );
}

export function notifyMessages(device: SsdpDevice, kind: 'alive' | 'byebye'): string[] {
  return targets(device).map((t) =>
    message('NOTIFY * HTTP/1.1', [
      ['HOST', `${GROUP}:${PORT}`],
      ...(kind === 'alive' ? ([['CACHE-CONTROL', `max-age=${MAX_AGE_S}`], ['LOCATION', device.location], ['SERVER', device.server]] as [string, string][]) : []),
      ['NT', t.st],
      ['NTS', `ssdp:${kind}`],
      ['USN', t.usn],
    ]),
  );
}

/**
 * The address a LAN client can reach us on: PUBLIC_URL when set, else the first external IPv4 address.
 * With ACCESS_KEY the tuner answers only under /k/<key>, so the announcement carries the key to the LAN.
 */
export function locationFor(config: Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'accessKey'>>, port: number, interfaces = networkInterfaces()): string {
  const key = config.accessKey === undefined ? '' : `/k/${config.accessKey}`;
  if (config.publicUrl) return `${config.publicUrl}${key}/device.xml`;
  const address = Object.values(interfaces).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? '127.0.0.1';
  return `http://${address}:${port}${key}/device.xml`;
}

export interface SsdpDeps {
  config: Pick<Config, 'publicUrl' | 'dataDir'> & Partial<Pick<Config, 'accessKey'>>;
  /** The port the HTTP server actually listens on. */
  port: number;
  log: Logger;
  /** For the SERVER header; manifest.json's, which equals package.json's. */
  version?: string;
}

export interface Ssdp {
  close(): Promise<void>;
}

/**
 * Answers M-SEARCH on the SSDP multicast group and announces the tuner at start and every half max-age,
 * so Plex and Emby list it without typing the address. Only started when SSDP=1: it needs UDP 1900 on the
 * LAN (in Docker, host networking). Discovery is a convenience, so failing to bind logs a warning and the
 * server runs on without it.
 */
export async function startSsdp({ config, port, log, version = readManifestFile().version }: SsdpDeps): Promise<Ssdp> {
  const device: SsdpDevice = {
    uuid: deviceIdentity(config.dataDir).uuid,
    location: locationFor(config, port),
    server: `Node.js/${process.versions.node} UPnP/1.0 acehub/${version}`,
  };
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: true });
  const send = (text: string, to: { address: string; port: number }) =>
    socket.send(text, to.port, to.address, (err) => err && log.debug({ err }, 'ssdp send failed'));
  const announce = (kind: 'alive' | 'byebye') => notifyMessages(device, kind).forEach((m) => send(m, { address: GROUP, port: PORT }));

  socket.on('message', (buf: Buffer, from: RemoteInfo) => {
    // Answers are spread over the MX seconds the searcher allows (at most 3 here) so devices do not collide.
    const text = buf.toString('utf8');
    const mx = Number(parseSsdp(text)?.headers.get('MX'));
    const windowMs = Math.min(mx > 0 ? mx : 1, 3) * 1000;
    for (const answer of searchResponses(text, device)) setTimeout(() => send(answer, from), Math.random() * windowMs).unref();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(PORT, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.addMembership(GROUP);
  } catch (err) {
    log.warn({ err }, `ssdp: cannot listen on UDP ${PORT}; add the tuner by address instead`);
    socket.close();
    return { close: async () => {} };
  }
  socket.on('error', (err) => log.warn({ err }, 'ssdp socket error'));
  announce('alive');
  const timer = setInterval(() => announce('alive'), (MAX_AGE_S / 2) * 1000).unref();
  log.info({ location: device.location }, 'ssdp: announcing the HDHomeRun tuner');

  return {
    async close() {
      clearInterval(timer);
      announce('byebye');
      // The byebye datagrams are queued; give them a moment before the socket goes.
      await new Promise<void>((resolve) => setTimeout(resolve, 50));
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
