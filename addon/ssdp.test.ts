import { describe, expect, it } from 'vitest';
import { locationFor, MEDIA_SERVER, notifyMessages, parseSsdp, searchResponses, type SsdpDevice } from './ssdp.js';

const device: SsdpDevice = { uuid: '11111111-2222-3333-4444-555555555555', location: 'http://10.0.0.2:8080/device.xml', server: 'Node.js/20 UPnP/1.0 acehub/0.1.0' };
const DATE = new Date('2026-03-01T12:00:00Z');
const search = (st: string, man = '"ssdp:discover"') =>
  `M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: ${man}\r\nMX: 2\r\nST: ${st}\r\n\r\n`;
const header = (message: string, name: string) => parseSsdp(message)?.headers.get(name);

describe('answers to M-SEARCH', () => {
  it.each([
    { st: 'ssdp:all', sts: ['upnp:rootdevice', `uuid:${device.uuid}`, MEDIA_SERVER] },
    { st: MEDIA_SERVER, sts: [MEDIA_SERVER] },
    { st: 'upnp:rootdevice', sts: ['upnp:rootdevice'] },
    { st: `uuid:${device.uuid}`, sts: [`uuid:${device.uuid}`] },
    { st: 'urn:schemas-upnp-org:device:MediaRenderer:1', sts: [] },
    { st: 'urn:dial-multiscreen-org:service:dial:1', sts: [] },
  ])('ST $st', ({ st, sts }) => {
    const answers = searchResponses(search(st), device, DATE);
    expect(answers.map((a) => header(a, 'ST'))).toEqual(sts);
    for (const a of answers) {
      expect(a.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
      expect(a.endsWith('\r\n\r\n')).toBe(true);
      expect(header(a, 'LOCATION')).toBe(device.location);
      expect(header(a, 'USN')).toMatch(new RegExp(`^uuid:${device.uuid}`));
      expect(header(a, 'CACHE-CONTROL')).toBe('max-age=1800');
      expect(header(a, 'EXT')).toBe('');
      expect(header(a, 'DATE')).toBe('Sun, 01 Mar 2026 12:00:00 GMT');
    }
  });

  it.each([
    { name: 'a NOTIFY', text: notifyMessages(device, 'alive')[0]! },
    { name: 'a search without MAN', text: search('ssdp:all', 'nothing') },
    { name: 'garbage', text: 'hello' },
    { name: 'lower-case headers still count', text: search('ssdp:all').toLowerCase().replace('m-search', 'M-SEARCH').replace('http/1.1', 'HTTP/1.1'), answers: 3 },
  ])('ignores or answers $name', ({ text, answers = 0 }) => {
    expect(searchResponses(text, device)).toHaveLength(answers);
  });
});

describe('NOTIFY announcements', () => {
  it('alive carries location and max-age for each target', () => {
    const messages = notifyMessages(device, 'alive');
    expect(messages.map((m) => header(m, 'NT'))).toEqual(['upnp:rootdevice', `uuid:${device.uuid}`, MEDIA_SERVER]);
    for (const m of messages) {
      expect(m.startsWith('NOTIFY * HTTP/1.1\r\n')).toBe(true);
      expect(header(m, 'HOST')).toBe('239.255.255.250:1900');
      expect(header(m, 'NTS')).toBe('ssdp:alive');
      expect(header(m, 'LOCATION')).toBe(device.location);
    }
  });

  it('byebye names the targets only', () => {
    for (const m of notifyMessages(device, 'byebye')) {
      expect(header(m, 'NTS')).toBe('ssdp:byebye');
      expect(header(m, 'LOCATION')).toBeUndefined();
    }
  });
});

describe('LOCATION', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [{ address: 'fe80::1', family: 'IPv6', internal: false }, { address: '192.168.1.5', family: 'IPv4', internal: false }],
  } as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>;
  it.each([
    { publicUrl: undefined, location: 'http://192.168.1.5:8080/device.xml' },
    { publicUrl: 'https://tv.example/acehub', location: 'https://tv.example/acehub/device.xml' },
  ])('$publicUrl', ({ publicUrl, location }) => {
    expect(locationFor({ publicUrl }, 8080, interfaces)).toBe(location);
  });
  it('carries the access key: the tuner answers only under /k/<key>', () => {
    expect(locationFor({ publicUrl: undefined, accessKey: 'k3y-k3y-k3y' }, 8080, interfaces)).toBe('http://192.168.1.5:8080/k/k3y-k3y-k3y/device.xml');
    expect(locationFor({ publicUrl: 'https://tv.example/acehub', accessKey: 'k3y-k3y-k3y' }, 8080, interfaces)).toBe('https://tv.example/acehub/k/k3y-k3y-k3y/device.xml');
  });
  it('falls back to loopback with no LAN interface', () => {
    expect(locationFor({ publicUrl: undefined }, 1, { lo: interfaces.lo })).toBe('http://127.0.0.1:1/device.xml');
  });
});
