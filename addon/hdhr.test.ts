import { describe, expect, it } from 'vitest';
import { isValidDeviceId } from './device-id.js';
import { deviceXml, discover, lineup, lineupStatus } from './hdhr.js';
import { channel } from './test-support.js';

const BASE = 'http://192.168.1.5:8080';

describe('discover.json, as Plex, Jellyfin and Emby read it', () => {
  const d = discover({ dataDir: '/data', maxStreams: 3 }, BASE);

  it('has every field CLIENTS.md lists, with the tuner count from MAX_STREAMS', () => {
    expect(Object.keys(d).sort()).toEqual(
      ['BaseURL', 'DeviceAuth', 'DeviceID', 'FirmwareName', 'FirmwareVersion', 'FriendlyName', 'LineupURL', 'Manufacturer', 'ModelNumber', 'TunerCount'].sort(),
    );
    expect(d).toMatchObject({ ModelNumber: 'HDTC-2US', FirmwareName: 'hdhomeruntc_atsc', BaseURL: BASE, LineupURL: `${BASE}/lineup.json`, TunerCount: 3 });
    expect(isValidDeviceId(d.DeviceID)).toBe(true);
  });

  it('keeps the same DeviceID across restarts of one data folder', () => {
    expect(discover({ dataDir: '/data', maxStreams: 8 }, 'http://other:1').DeviceID).toBe(d.DeviceID);
  });
});

describe('lineup_status.json', () => {
  it('reports a finished cable scan', () => {
    expect(lineupStatus()).toEqual({ ScanInProgress: 0, ScanPossible: 1, Source: 'Cable', SourceList: ['Cable'] });
  });
});

describe('lineup.json', () => {
  const cases = [
    {
      name: 'one entry per enabled channel, in number order, with a query-free TS URL',
      channels: [channel({ id: 'bbb', name: 'Sport, Live', number: 9 }), channel({ id: 'aaa', name: 'News', number: 2 })],
      expected: [
        { GuideNumber: '2', GuideName: 'News', URL: `${BASE}/play/aaa.ts`, HD: 1 },
        { GuideNumber: '9', GuideName: 'Sport, Live', URL: `${BASE}/play/bbb.ts`, HD: 1 },
      ],
    },
    {
      name: 'numbers channels without one after the highest, skipping none for disabled ones',
      channels: [channel({ id: 'x', name: 'Off', number: 5, enabled: false }), channel({ id: 'y', name: 'Bee' }), channel({ id: 'z', name: 'Ant' })],
      expected: [
        { GuideNumber: '6', GuideName: 'Ant', URL: `${BASE}/play/z.ts`, HD: 1 },
        { GuideNumber: '7', GuideName: 'Bee', URL: `${BASE}/play/y.ts`, HD: 1 },
      ],
    },
    { name: 'an empty catalog is an empty lineup', channels: [], expected: [] },
  ];
  it.each(cases)('$name', ({ channels, expected }) => {
    expect(lineup(channels, BASE)).toEqual(expected);
  });

  it('never puts a query string in a URL (tuners append their own)', () => {
    for (const entry of lineup([channel({ id: 'q', name: 'Q' })], 'https://tv.example/acehub')) expect(entry.URL).not.toContain('?');
  });
});

describe('device.xml', () => {
  it('is a UPnP MediaServer root device with the base URL escaped', () => {
    const xml = deviceXml({ dataDir: '/data' }, 'http://h:1/a&b');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<root xmlns="urn:schemas-upnp-org:device-1-0">/);
    expect(xml).toContain('<deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>');
    expect(xml).toContain('<URLBase>http://h:1/a&amp;b</URLBase>');
    expect(xml).toMatch(/<UDN>uuid:[0-9a-f-]{36}<\/UDN>/);
    expect(xml).toContain(`<serialNumber>${discover({ dataDir: '/data', maxStreams: 1 }, '').DeviceID}</serialNumber>`);
  });
});
