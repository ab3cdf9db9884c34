import { streamUrls, type Channel } from '../src/catalog/index.js';
import type { Config } from '../src/config.js';
import { escapeXml } from '../src/epg/xmltv-write.js';
import { channelNumbers } from './channel-numbers.js';
import { deviceIdentity } from './device-id.js';

export const FRIENDLY_NAME = 'acehub';

// Plex and Emby pick their HDHomeRun code path by model and firmware: these are a real network tuner's
// (an HDTC-2US), and the manufacturer is the one such a device reports.
const MODEL_NUMBER = 'HDTC-2US';
const FIRMWARE_NAME = 'hdhomeruntc_atsc';
const FIRMWARE_VERSION = '20150826';
const MANUFACTURER = 'Silicondust';

export interface DiscoverJson {
  FriendlyName: string;
  Manufacturer: string;
  ModelNumber: string;
  FirmwareName: string;
  FirmwareVersion: string;
  DeviceID: string;
  DeviceAuth: string;
  BaseURL: string;
  LineupURL: string;
  TunerCount: number;
}

export interface LineupEntry {
  GuideNumber: string;
  GuideName: string;
  URL: string;
  HD: 1;
}

/** `GET /discover.json`: what Plex, Jellyfin and Emby read when a user types the server's address. */
export function discover(config: Pick<Config, 'dataDir' | 'maxStreams'>, base: string): DiscoverJson {
  const { deviceId } = deviceIdentity(config.dataDir);
  return {
    FriendlyName: FRIENDLY_NAME,
    Manufacturer: MANUFACTURER,
    ModelNumber: MODEL_NUMBER,
    FirmwareName: FIRMWARE_NAME,
    FirmwareVersion: FIRMWARE_VERSION,
    DeviceID: deviceId,
    // Real devices use this for their cloud guide; nobody checks it against anything locally.
    DeviceAuth: `acehub${deviceId.toLowerCase()}`,
    BaseURL: base,
    LineupURL: `${base}/lineup.json`,
    // One tuner per engine session: a channel already playing takes no further tuner however many watch it.
    TunerCount: config.maxStreams,
  };
}

export const lineupStatus = () => ({ ScanInProgress: 0, ScanPossible: 1, Source: 'Cable', SourceList: ['Cable'] });

/**
 * `GET /lineup.json`: the enabled channels in number order. `numbers` should come from every channel (see
 * channelNumbers) so the GuideNumber matches the playlist's tvg-chno.
 */
export function lineup(channels: readonly Channel[], base: string, numbers = channelNumbers(channels)): LineupEntry[] {
  return channels
    .filter((c) => c.enabled && numbers.has(c.id))
    .map((c) => ({ number: numbers.get(c.id)!, c }))
    .sort((a, b) => a.number - b.number)
    .map(({ number, c }) => ({ GuideNumber: String(number), GuideName: c.name, URL: streamUrls(c, base).ts, HD: 1 as const }));
}

/** `GET /device.xml`: a UPnP root device description, the target of the SSDP LOCATION header. */
export function deviceXml(config: Pick<Config, 'dataDir'>, base: string): string {
  const { deviceId, uuid } = deviceIdentity(config.dataDir);
  const x = escapeXml;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<root xmlns="urn:schemas-upnp-org:device-1-0">',
    '  <specVersion><major>1</major><minor>0</minor></specVersion>',
    `  <URLBase>${x(base)}</URLBase>`,
    '  <device>',
    '    <deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>',
    `    <friendlyName>${x(FRIENDLY_NAME)}</friendlyName>`,
    `    <manufacturer>${x(MANUFACTURER)}</manufacturer>`,
    `    <modelName>${x(MODEL_NUMBER)}</modelName>`,
    `    <modelNumber>${x(MODEL_NUMBER)}</modelNumber>`,
    `    <serialNumber>${x(deviceId)}</serialNumber>`,
    `    <UDN>uuid:${x(uuid)}</UDN>`,
    '  </device>',
    '</root>',
    '',
  ].join('\n');
}
